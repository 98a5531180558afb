package io.conveyor.engine.internal.fuzz;

import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

/**
 * Generates pipeline files as TOML text: each section is present, absent or damaged, keys are
 * drawn from the real names and their near misses, stage graphs are random.
 */
final class PipelineGenerator {
    private static final List<String> IDS = List.of("a", "b", "c", "d", "orders", "Bad Id", "", "a-1", "x_y", "é");
    private static final List<String> TYPES = List.of("source.csv", "source.json", "transform.filter",
            "transform.select", "sink.csv", "sink.json", "sink.stdout", "plugin.demo", "plugin.demo.upper",
            "plugin.demo.nope", "plugin.broken", "plugin.missing", "plugin.", "plugin", "source.cvs", "sink", "",
            "source.csv.extra", "transform.filter ", "SOURCE.CSV", "${STAGE_TYPE}", "${STAGE_TYPE:-sink.stdout}");
    private static final List<String> CONFIG_KEYS = List.of("path", "has_header", "delimiter", "quote",
            "null_values", "batch_size", "infer_schema", "schema", "format", "column", "columns", "operator", "value",
            "header", "limit", "pretty", "pth", "colour", "batch-size", "Path", "");
    private static final List<String> TOP_KEYS = List.of("name", "description", "log_level", "plugins",
            "max_parallel_tasks", "timeout_seconds", "strategy", "max_retries", "retry_delay_seconds", "enabled",
            "path", "nme", "plugin", "stratgy", "id", "type", "inputs", "on_error", "config", "variables");
    private static final List<String> TABLES = List.of("[pipeline]", "[global]", "[global.variables]",
            "[error_handling]", "[error_handling.dead_letter_queue]", "[pipelin]", "[globals]", "[stages]",
            "[error_handling.dlq]", "[global.variables.nested]");

    private PipelineGenerator() {
    }

    /** A valid head: every section, the demo plugin named. */
    private static final String VALID_HEAD = """
            [pipeline]
            name = "p_${REGION:-eu}"
            [global]
            plugins = ["demo"]
            log_level = "debug"
            [global.variables]
            REGION = "${API_TOKEN}"
            [error_handling]
            strategy = "continue"
            dead_letter_queue = { path = "dlq/${REGION}.jsonl" }
            """;
    /** Type and valid config lines, by kind. */
    private static final List<String> SOURCES = List.of("source.csv|path = \"data/${REGION}.csv\"\ndelimiter = \";\"",
            "source.json|path = \"in.jsonl\"\nbatch_size = 3", "plugin.demo|path = \"in.json\"");
    private static final List<String> TRANSFORMS = List.of(
            "transform.filter|column = \"a\"\noperator = \">\"\nvalue = 1",
            "transform.select|columns = [\"a\", \"b\"]", "plugin.demo.upper|columns = [\"${REGION}\"]");
    private static final List<String> SINKS = List.of("sink.csv|path = \"out/${REGION:-x}.csv\"",
            "sink.json|path = \"out.json\"\nformat = \"records\"", "sink.stdout|format = \"table\"", "plugin.demo|");

    /** @return pipelines: half nearly valid graphs with a few damages, half wild */
    static Arbitrary<String> pipelines() {
        Arbitrary<List<String>> header = section().list().ofMaxSize(6);
        Arbitrary<List<String>> stages = stage().list().ofMaxSize(6);
        Arbitrary<String> wild = Combinators.combine(header, stages)
                .as((h, s) -> String.join("\n", h) + "\n" + String.join("\n", s));
        return Arbitraries.oneOf(wild, nearlyValid());
    }

    /** A chain source → transforms → sink, each stage sometimes damaged, its inputs sometimes extended. */
    private static Arbitrary<String> nearlyValid() {
        return Arbitraries.integers().between(1, 5).flatMap(n -> {
            List<Arbitrary<String>> stages = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                stages.add(chainStage(i, n));
            }
            Arbitrary<String> head = Arbitraries.frequencyOf(Tuple.of(6, Arbitraries.just(VALID_HEAD)),
                    Tuple.of(1, section().list().ofMaxSize(3).map(l -> String.join("\n", l))));
            return Combinators.combine(head, Combinators.combine(stages).as(l -> String.join("\n", l)))
                    .as((h, s) -> h + "\n" + s);
        });
    }

    private static Arbitrary<String> chainStage(int i, int n) {
        List<String> pool = i == 0 ? SOURCES : i == n - 1 ? SINKS : TRANSFORMS;
        // Extra inputs may point forward or at the stage itself: cycles.
        Arbitrary<String> inputs = i == 0 ? Arbitraries.just("[]") : Arbitraries.integers().between(0, n)
                .list().ofMaxSize(2).map(extra -> {
                    List<String> ids = new ArrayList<>(List.of("s" + (i - 1)));
                    extra.forEach(e -> ids.add(e == n ? "nope" : "s" + e));
                    return stringArray(ids);
                });
        Arbitrary<Integer> damage = Arbitraries.frequencyOf(Tuple.of(12, Arbitraries.just(0)),
                Tuple.of(1, Arbitraries.just(1)), Tuple.of(1, Arbitraries.just(2)), Tuple.of(1, Arbitraries.just(3)));
        return Combinators.combine(Arbitraries.of(pool), inputs, damage, value(), Arbitraries.of(CONFIG_KEYS))
                .as((typeConfig, in, d, wildValue, wildKey) -> {
                    String[] tc = typeConfig.split("\\|", 2);
                    String id = d == 1 ? wildValue : quoted("s" + i);
                    String type = d == 2 ? wildValue : quoted(tc[0]);
                    String config = tc[1] + (d == 3 ? "\n" + key(wildKey) + " = " + wildValue : "");
                    return "[[stages]]\nid = " + id + "\ntype = " + type + "\ninputs = " + in
                            + "\n[stages.config]\n" + config;
                });
    }

    /** A table header, mostly a real one, with a few key/value lines drawn from every key name. */
    private static Arbitrary<String> section() {
        Arbitrary<String> line = Combinators.combine(Arbitraries.of(TOP_KEYS), value())
                .as((k, v) -> key(k) + " = " + v);
        return Combinators.combine(Arbitraries.of(TABLES), line.list().ofMaxSize(5))
                .as((t, lines) -> t + "\n" + String.join("\n", lines));
    }

    private static Arbitrary<String> stage() {
        Arbitrary<String> id = Arbitraries.oneOf(Arbitraries.of(IDS).map(PipelineGenerator::quoted), value());
        Arbitrary<String> type = Arbitraries.oneOf(Arbitraries.of(TYPES).map(PipelineGenerator::quoted), value());
        Arbitrary<String> inputs = Arbitraries.oneOf(
                Arbitraries.of(IDS).list().ofMaxSize(3).map(PipelineGenerator::stringArray), value());
        Arbitrary<String> onError = Arbitraries.of("", "on_error = \"continue\"", "on_error = \"retry\"",
                "on_error = \"stop\"", "on_error = \"skip\"", "on_error = 1");
        Arbitrary<String> config = Combinators.combine(Arbitraries.of(CONFIG_KEYS), value())
                .as((k, v) -> key(k) + " = " + v).list().ofMaxSize(5)
                .map(lines -> lines.isEmpty() ? "" : "[stages.config]\n" + String.join("\n", lines));
        Arbitrary<Integer> omit = Arbitraries.integers().between(0, 7);
        return Combinators.combine(id, type, inputs, onError, config, omit).as((i, t, in, oe, c, o) -> {
            List<String> lines = new ArrayList<>();
            lines.add("[[stages]]");
            // Bits of 'omit' leave out id, type or inputs: required keys go missing.
            if ((o & 1) == 0) {
                lines.add("id = " + i);
            }
            if ((o & 2) == 0) {
                lines.add("type = " + t);
            }
            if ((o & 4) == 0) {
                lines.add("inputs = " + in);
            }
            lines.add(oe);
            lines.add(c);
            return String.join("\n", lines);
        });
    }

    /** A TOML value of any kind, strings often holding references. */
    static Arbitrary<String> value() {
        return Arbitraries.lazyOf(
                () -> interpolatedText().map(PipelineGenerator::quoted),
                () -> Arbitraries.of("true", "false", "0", "-1", "1", "8192", "9223372036854775807", "-9223372036854775808",
                        "0.5", "-0.0", "1e308", "inf", "-inf", "nan", "1979-05-27T07:32:00Z", "1979-05-27", "07:32:00",
                        "[]", "{}", "\"\"", "''", "[1, \"a\"]", "[[1], [2]]", "{ a = 1 }", "{ id = \"long\", x = \"integr\" }",
                        "[\"\", \"NA\"]", "\"\\t\"", "\"\\\\t\"", "\";;\"", "\"debug\"", "\"retry\"", "\"records\"",
                        "\"jsonl\"", "\">\"", "\"==\"", "\"table\""),
                () -> value().list().ofMaxSize(3).map(l -> "[" + String.join(", ", l) + "]"));
    }

    /** Text with {@code ${...}} references, well- and ill-formed. */
    static Arbitrary<String> interpolatedText() {
        Arbitrary<String> piece = Arbitraries.oneOf(
                Arbitraries.of("${REGION}", "${REGION:-eu}", "${API_TOKEN}", "${DATA_DIR}", "${EMPTY}", "${EMPTY:-x}",
                        "${data_dir}", "${UNSET}", "${UNSET:-}", "${", "}", "$", "$$", "$${REGION}", "${}", "${:-x}",
                        "${A:-${B}}", "${REGION:-${API_TOKEN}}", "${bad name}", "${1X}", "${a.b}", "${REGION:x}",
                        "${${REGION}}", "\\${REGION}"),
                Arbitraries.strings().withChars("abc/._-:;, \t\"\\'é\u0000\n").ofMaxLength(6));
        return piece.list().ofMaxSize(4).map(l -> String.join("", l));
    }

    private static String key(String k) {
        return k.matches("[A-Za-z0-9_-]+") ? k : quoted(k);
    }

    private static String stringArray(List<String> items) {
        return "[" + String.join(", ", items.stream().map(PipelineGenerator::quoted).toList()) + "]";
    }

    /** @return a TOML basic string holding exactly {@code s} */
    static String quoted(String s) {
        StringBuilder sb = new StringBuilder("\"");
        s.codePoints().forEach(c -> {
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c < 0x20 || c == 0x7f) {
                        sb.append(String.format("\\u%04X", c));
                    } else {
                        sb.appendCodePoint(c);
                    }
                }
            }
        });
        return sb.append('"').toString();
    }
}
