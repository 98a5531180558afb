package io.conveyor.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The parent's reader of string values in pipeline files ({@link TomlStrings}). */
class TomlStringsTest {
    private static List<String> read(String toml) throws TomlStrings.Malformed {
        List<String> out = new ArrayList<>();
        for (TomlStrings.Entry e : TomlStrings.of(toml)) {
            out.add(e.key() + "=" + e.value());
        }
        return out;
    }

    @Test
    void tablesArraysOfTablesAndTheirSubTablesGiveEachStringItsPath() throws Exception {
        String toml = """
                # a comment with "quotes" and = signs
                [pipeline]
                name = "p"   # trailing comment
                [global.variables]
                data = "/srv/data"
                [[stages]]
                id = "in"
                type = "source.csv"
                inputs = []
                [stages.config]
                path = "${data}/a.csv"
                has_header = true
                delimiter = ","

                [[stages]]
                id = "out"
                type = "sink.csv"
                inputs = ["in",
                          "other",   # a comment inside an array
                ]
                config = { path = "out.csv", options = { quote = '"' }, limits = [1, 2.5, 1979-05-27T07:32:00Z] }
                """;
        assertEquals(List.of("pipeline.name=p", "global.variables.data=/srv/data", "stages.0.id=in",
                "stages.0.type=source.csv", "stages.0.config.path=${data}/a.csv", "stages.0.config.delimiter=,",
                "stages.1.id=out", "stages.1.type=sink.csv", "stages.1.inputs=in", "stages.1.inputs=other",
                "stages.1.config.path=out.csv", "stages.1.config.options.quote=\""), read(toml));
    }

    @Test
    void everyKindOfStringAndKeyIsRead() throws Exception {
        String toml = "a.\"b c\".'d' = \"tab\\there \\\"q\\\" \\\\ \\u00e9\"\n"
                + "lit = 'C:\\dir\\# not a comment'\n"
                + "multi = \"\"\"\nline one\nline \\\n    two\"\"\"\n"
                + "raw = '''\n'quoted' \\n'''\n"
                + "empty = \"\"\n";
        assertEquals(List.of("a.b c.d=tab\there \"q\" \\ \u00e9", "lit=C:\\dir\\# not a comment",
                "multi=line one\nline two", "raw='quoted' \\n", "empty="), read(toml));
    }

    @Test
    void aDocumentItCannotFollowIsMalformed() throws TomlStrings.Malformed {
        for (String bad : List.of("name = \"unterminated\n", "name \"x\"", "[stages\nid = \"a\"", "a = \"x\" b = \"y\"",
                "a = \"\\q\"", "a = [\"x\" \"y\"]", "a = { b = \"x\" c = 1 }", "= \"x\"")) {
            assertThrows(TomlStrings.Malformed.class, () -> TomlStrings.of(bad), bad);
        }
        String deep = "a = " + "[".repeat(100_000) + "]".repeat(100_000) + "\n";
        assertThrows(TomlStrings.Malformed.class, () -> TomlStrings.of(deep), "no stack overflow in the parent JVM");
        String nested = "a = " + "[".repeat(TomlStrings.MAX_DEPTH) + "\"x\"" + "]".repeat(TomlStrings.MAX_DEPTH) + "\n";
        assertEquals(List.of("a=x"), read(nested), "nesting up to the limit is read");
    }

    @Test
    void everyPipelineInTheRepositoryIsReadWithItsStageTypes() throws IOException {
        List<Path> files = new ArrayList<>();
        for (Path dir : List.of(Path.of("../bench/jobs"), Path.of("../examples"))) {
            try (Stream<Path> walk = Files.walk(dir)) {
                walk.filter(p -> p.toString().endsWith(".toml") && !p.toString().contains("broken")).forEach(files::add);
            }
        }
        assertTrue(files.size() >= 8, files.toString());
        for (Path f : files) {
            String text = Files.readString(f);
            long stages = text.lines().filter(l -> l.strip().equals("[[stages]]")).count();
            long types;
            try {
                types = TomlStrings.of(text).stream().filter(e -> e.key().matches("stages\\.\\d+\\.type")).count();
            } catch (TomlStrings.Malformed e) {
                throw new AssertionError(f + ": " + e.getMessage(), e);
            }
            assertEquals(stages, types, f.toString());
        }
    }
}
