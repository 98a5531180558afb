package io.conveyor.engine.internal.stages.transform.nested;

import static io.conveyor.engine.internal.stages.Batches.row;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.conveyor.api.ConfigException;
import io.conveyor.api.DataType;
import io.conveyor.api.Field;
import io.conveyor.api.RecordBatch;
import io.conveyor.api.RunResult;
import io.conveyor.api.RunStatus;
import io.conveyor.api.Schema;
import io.conveyor.api.StageException;
import io.conveyor.engine.internal.stages.Batches;
import io.conveyor.engine.internal.stages.PipelineFile;
import io.conveyor.engine.internal.stages.StageHarness;
import io.conveyor.testkit.RecordingStageContext.Rejected;
import io.conveyor.testkit.TestStageConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JsonExtractFactoryTest {
    @TempDir
    Path dir;

    private final JsonExtractFactory factory = new JsonExtractFactory();

    private static Map<String, Object> fields(String... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put(kv[i], kv[i + 1]);
        }
        return m;
    }

    @Test
    void extractsPathsFromJsonValuesIntoTypedColumnsAfterTheInput() throws Exception {
        RecordBatch in = Batches.of(
                row("id", 1L, "doc", Map.of("a", Map.of("b", List.of(Map.of("c", 5L))), "name", "x",
                        "meta", Map.of("k.dot", true))),
                row("id", 2L, "doc", Map.of("a", Map.of("b", List.of()), "name", "")),
                row("id", 3L, "doc", null));
        StageHarness h = new StageHarness(dir);
        List<RecordBatch> out = h.transform(factory, Map.of("column", "doc",
                "fields", fields("c", "a.b[0].c", "name", "$.name", "dotted", "meta[\"k.dot\"]", "b", "a.b")),
                List.of(in));
        RecordBatch b = out.get(0);
        assertEquals(List.of("id", "doc", "c", "name", "dotted", "b"), b.schema().names());
        assertEquals(DataType.LONG, b.column("c").type());
        assertEquals(DataType.BOOL, b.column("dotted").type());
        assertEquals(DataType.JSON, b.column("b").type());
        assertEquals(5L, b.column("c").get(0));
        assertNull(b.column("c").get(1));
        assertEquals("", b.column("name").get(1));
        assertEquals(List.of(), b.column("b").get(1));
        assertNull(b.column("name").get(2));
        assertTrue(h.context.rejected().isEmpty());
    }

    @Test
    void parsesStringsHoldingJsonAndDeadLettersTheRowsThatAreNot() throws Exception {
        RecordBatch in = Batches.of(row("id", 1L, "raw", "{\"when\":\"2024-05-01\",\"n\":1.5}"),
                row("id", 2L, "raw", "{\"when\": oops"),
                row("id", 3L, "raw", ""),
                row("id", 4L, "raw", "{\"when\":\"2024-13-01\"}"),
                row("id", 5L, "raw", "{} trailing"));
        StageHarness h = new StageHarness(dir);
        List<RecordBatch> out = h.transform(factory, Map.of("column", "raw", "fields", fields("when", "when", "n", "n"),
                "types", Map.of("when", "date")), List.of(in));
        assertEquals(List.of(Map.of("id", 1L, "raw", "{\"when\":\"2024-05-01\",\"n\":1.5}",
                "when", LocalDate.of(2024, 5, 1), "n", 1.5)), StageHarness.rows(out));
        List<String> errors = h.context.rejected().stream().map(Rejected::error).toList();
        assertEquals(4, errors.size());
        assertTrue(errors.get(0).startsWith("row 2: column 'raw' holds '{\"when\": oops', which is not JSON: "
                + "Unrecognized token 'oops'"), errors.get(0));
        assertTrue(errors.get(1).startsWith("row 3: column 'raw' holds '', which is not JSON: "), errors.get(1));
        assertEquals("row 4: new column 'when' (path when): cannot convert string '2024-13-01' to date", errors.get(2));
        assertTrue(errors.get(3).startsWith("row 5: column 'raw' holds '{} trailing', which is not JSON: "),
                errors.get(3));
        assertEquals(Map.of("id", 2L, "raw", "{\"when\": oops"), h.context.rejected().get(0).record());
    }

    @Test
    void aWholeNumberPastALongsRangeInJsonTextIsKeptExactly() throws Exception {
        // JsonText parses the string; before, Jackson's Long option failed it ("out of range of long").
        String big = "18446744073709551615";
        RecordBatch in = Batches.of(row("id", 1L, "raw", "{\"h\": " + big + ", \"all\": [" + big + ", 2]}"));
        StageHarness h = new StageHarness(dir);
        List<RecordBatch> out = h.transform(factory, Map.of("column", "raw", "fields", fields("h", "h", "all", "all")),
                List.of(in));
        assertEquals(List.of(), h.context.rejected());
        assertEquals(big, out.get(0).column("h").get(0), "past a long: text, as Values types a BigInteger");
        assertEquals(DataType.STRING, out.get(0).column("h").type());
        assertEquals(List.of(new java.math.BigInteger(big), 2L), out.get(0).column("all").get(0));
    }

    @Test
    void inferredTypesWidenAcrossBatches() throws Exception {
        List<RecordBatch> in = List.of(Batches.of(row("j", Map.of("v", 1L))), Batches.of(row("j", Map.of("v", 2.5))),
                Batches.of(row("j", Map.of("v", 3L))));
        List<RecordBatch> out = new StageHarness(dir).transform(factory, Map.of("column", "j", "fields",
                fields("v", "v")), in);
        assertEquals(List.of(DataType.LONG, DataType.DOUBLE, DataType.DOUBLE),
                out.stream().map(b -> b.column("v").type()).toList());
        assertEquals(3.0, out.get(2).column("v").get(0));
    }

    @Test
    void errorsNameTheKeyThePathAndTheColumn() throws Exception {
        ConfigException path = assertThrows(ConfigException.class, () -> new StageHarness(dir).config(factory,
                Map.of("column", "j", "fields", Map.of("x", "a..b"))));
        assertEquals("test.toml:1:1: stage 'test', key 'fields.x': invalid path 'a..b' at character 3: empty key; "
                + "write keys with dots and indices in brackets, e.g. \"a.b[0].c\" or \"meta[\\\"x.y\\\"]\"",
                path.getMessage());
        ConfigException index = assertThrows(ConfigException.class, () -> new StageHarness(dir).config(factory,
                Map.of("column", "j", "fields", Map.of("x", "a[one]"))));
        assertTrue(index.getMessage().contains("invalid path 'a[one]' at character 3: expected an array index or a "
                + "quoted key in brackets"), index.getMessage());
        ConfigException type = assertThrows(ConfigException.class, () -> new StageHarness(dir).config(factory,
                Map.of("column", "j", "fields", Map.of("x", "a"), "types", Map.of("y", "long"))));
        assertEquals("test.toml:1:1: stage 'test', key 'types.y': 'y' is not a column named in fields (x)",
                type.getMessage());
        StageException notJson = assertThrows(StageException.class, () -> new StageHarness(dir).transform(factory,
                Map.of("column", "id", "fields", Map.of("x", "a")), List.of(Batches.of(row("id", 1L)))));
        assertEquals("column 'id' is long; json_extract reads a json column or a string column holding JSON text",
                notJson.getMessage());
        StageException clash = assertThrows(StageException.class, () -> new StageHarness(dir).transform(factory,
                Map.of("column", "j", "fields", Map.of("id", "a")), List.of(Batches.of(row("id", 1L, "j", "{}")))));
        assertEquals("new column 'id' has the name of an input column; pick another name in fields",
                clash.getMessage());
    }

    @Test
    void outputSchemaIsKnownWhenEveryFieldHasAType() throws Exception {
        Schema in = Schema.of(new Field("j", DataType.JSON));
        assertEquals(Schema.of(new Field("j", DataType.JSON), new Field("x", DataType.LONG)),
                factory.outputSchema(TestStageConfig.of(factory.descriptor(), Map.of("column", "j",
                        "fields", Map.of("x", "a"), "types", Map.of("x", "long"))), List.of(in)));
        assertNull(factory.outputSchema(TestStageConfig.of(factory.descriptor(), Map.of("column", "j",
                "fields", Map.of("x", "a"))), List.of(in)));
        ConfigException e = assertThrows(ConfigException.class, () -> factory.outputSchema(
                TestStageConfig.of(factory.descriptor(), Map.of("column", "k", "fields", Map.of("x", "a"))),
                List.of(in)));
        assertTrue(e.getMessage().endsWith("key 'column': column 'k' is not in the input (columns: j)"), e.getMessage());
    }

    @Test
    void pipelineFile() throws Exception {
        Files.writeString(dir.resolve("in.jsonl"), "{\"id\":1,\"user\":{\"name\":\"ann\",\"tags\":[\"a\",\"b\"]}}\n"
                + "{\"id\":2,\"user\":{\"name\":\"bob\"}}\n");
        RunResult r = new PipelineFile(dir).run(PipelineFile.header(false) + """
                [[stages]]
                id = "src"
                type = "source.json"
                [stages.config]
                path = "in.jsonl"
                [[stages]]
                id = "pick"
                type = "transform.json_extract"
                inputs = ["src"]
                [stages.config]
                column = "user"
                fields = { name = "name", first_tag = "tags[0]" }
                [[stages]]
                id = "keep"
                type = "transform.select"
                inputs = ["pick"]
                [stages.config]
                columns = ["id", "name", "first_tag"]
                [[stages]]
                id = "out"
                type = "sink.csv"
                inputs = ["keep"]
                [stages.config]
                path = "out.csv"
                """);
        assertEquals(RunStatus.SUCCEEDED, r.status(), String.valueOf(r.error()));
        assertEquals("id,name,first_tag\n1,ann,a\n2,bob,\n", Files.readString(dir.resolve("out.csv")));
    }
}
