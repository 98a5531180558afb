package io.conveyor.engine.internal.stages;

import static io.conveyor.engine.internal.stages.Batches.row;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.fail;

import io.conveyor.api.BatchStream;
import io.conveyor.api.ColumnBuilder;
import io.conveyor.api.DataType;
import io.conveyor.api.Field;
import io.conveyor.api.RecordBatch;
import io.conveyor.api.RunResult;
import io.conveyor.api.RunStatus;
import io.conveyor.api.Schema;
import io.conveyor.api.SinkFactory;
import io.conveyor.api.SourceFactory;
import io.conveyor.api.TransformFactory;
import io.conveyor.api.Values;
import io.conveyor.engine.internal.stages.console.StdinSourceFactory;
import io.conveyor.engine.internal.stages.console.StdoutSinkFactory;
import io.conveyor.engine.internal.stages.csv.CsvSinkFactory;
import io.conveyor.engine.internal.stages.csv.CsvSourceFactory;
import io.conveyor.engine.internal.stages.json.JsonSinkFactory;
import io.conveyor.engine.internal.stages.json.JsonSourceFactory;
import io.conveyor.engine.internal.stages.transform.FilterFactory;
import io.conveyor.engine.internal.stages.transform.SelectFactory;
import io.conveyor.engine.internal.stages.transform.crypto.DecryptFactory;
import io.conveyor.engine.internal.stages.transform.crypto.EncryptFactory;
import io.conveyor.engine.internal.stages.transform.nested.FlattenFactory;
import io.conveyor.engine.internal.stages.transform.nested.JsonExtractFactory;
import io.conveyor.engine.internal.stages.transform.validate.ValidateFactory;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issue #3 item 1: every type (bool, long, double, string, timestamp, date, json with nested
 * objects and arrays), nulls and empty strings included, through every source, transform and
 * sink that can carry it. Nothing may become null or "" on the way, and a value must come back
 * with its type wherever the format keeps types.
 *
 * <p>To add a transform: one line in {@link #transforms()}, a {@link Case} naming the stage and
 * its config (and, if it reshapes rows, what the rows become). To add a format: one line in
 * {@link #formats()}.
 */
class RoundTripTest {
    private static final String KEY = Base64.getEncoder().encodeToString(new byte[16]);
    private static final Schema SCHEMA = Schema.of(new Field("id", DataType.LONG), new Field("flag", DataType.BOOL),
            new Field("n", DataType.LONG), new Field("x", DataType.DOUBLE), new Field("s", DataType.STRING),
            new Field("t", DataType.TIMESTAMP), new Field("day", DataType.DATE), new Field("j", DataType.JSON),
            new Field("arr", DataType.JSON));
    private static final List<String> COLUMNS = SCHEMA.names();
    private static final List<String> ALL_BUT_ID = COLUMNS.subList(1, COLUMNS.size());
    private static final Set<String> NOT_IN_JSON = Set.of("t", "day");

    @TempDir
    Path dir;

    /** The rows every leg carries: full values, nulls, empty strings and edge values. */
    static List<Map<String, Object>> rows() {
        Map<String, Object> nested = row("k", "v", "empty", "", "n", row("x", 1L, "y", List.of(1L, 2.5, row("z", null))));
        return List.of(
                row("id", 1L, "flag", true, "n", 42L, "x", 2.5, "s", "hello, \"world\"\nline two",
                        "t", Instant.parse("2024-01-02T03:04:05.123456Z"), "day", LocalDate.of(2024, 2, 29),
                        "j", nested, "arr", List.of(row("a", 1L), row("a", "b"))),
                row("id", 2L, "flag", false, "n", null, "x", null, "s", "", "t", null, "day", null, "j", null,
                        "arr", List.of()),
                row("id", 3L, "flag", null, "n", -7L, "x", -0.125, "s", null, "t", Instant.EPOCH,
                        "day", LocalDate.of(1969, 12, 31), "j", row(), "arr", null));
    }

    /** The rows as one batch of {@link #SCHEMA}: every column typed, none inferred. */
    static RecordBatch batch() {
        List<io.conveyor.api.Column> cols = new ArrayList<>();
        for (Field f : SCHEMA.fields()) {
            ColumnBuilder b = new ColumnBuilder(f.type(), 3);
            rows().forEach(r -> b.append(r.get(f.name())));
            cols.add(b.build());
        }
        return new RecordBatch(SCHEMA, cols, 3);
    }

    // ---- transforms ------------------------------------------------------------------------

    /** One stage of a case: a factory and its options. */
    record Step(TransformFactory factory, Map<String, Object> config) {
    }

    /** A chain of transforms and what it makes of the rows (identity unless it reshapes them). */
    record Case(String name, UnaryOperator<List<Map<String, Object>>> expected, List<Step> steps) {
        Case(String name, Step... steps) {
            this(name, UnaryOperator.identity(), List.of(steps));
        }

        @Override
        public String toString() {
            return name;
        }
    }

    static Step step(TransformFactory factory, Object... config) {
        return new Step(factory, row(config));
    }

    static Stream<Case> transforms() {
        return Stream.of(
                new Case("transform.filter", step(new FilterFactory(), "column", "id", "operator", "not_null")),
                new Case("transform.select", step(new SelectFactory(), "columns", COLUMNS)),
                new Case("transform.validate", step(new ValidateFactory(), "rules", List.of(
                        row("column", "id", "not_null", true, "unique", true), row("column", "flag", "type", "bool"),
                        row("column", "n", "type", "long", "min", -10L), row("column", "x", "type", "double"),
                        row("column", "s", "pattern", "(?s).*"), row("column", "t", "type", "timestamp"),
                        row("column", "day", "type", "date"), row("column", "j", "type", "json"),
                        row("column", "arr", "type", "json")), "on_invalid", "fail")),
                new Case("transform.encrypt + transform.decrypt",
                        step(new EncryptFactory(), "columns", ALL_BUT_ID, "key", KEY),
                        step(new DecryptFactory(), "columns", ALL_BUT_ID, "key", KEY, "on_invalid", "fail")),
                new Case("transform.json_extract", rows -> extracted(rows),
                        List.of(step(new JsonExtractFactory(), "column", "j", "on_invalid", "fail",
                                "fields", row("k", "k", "empty", "empty", "y", "n.y", "z", "n.y[2].z")))),
                new Case("transform.flatten", rows -> flattened(rows),
                        List.of(step(new FlattenFactory(), "column", "j"))));
    }

    private static List<Map<String, Object>> extracted(List<Map<String, Object>> rows) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Map<String, Object> r : rows) {
            Map<String, Object> e = new LinkedHashMap<>(r);
            Object j = r.get("j");
            Map<?, ?> n = j == null ? null : (Map<?, ?>) ((Map<?, ?>) j).get("n");
            e.put("k", j == null ? null : ((Map<?, ?>) j).get("k"));
            e.put("empty", j == null ? null : ((Map<?, ?>) j).get("empty"));
            e.put("y", n == null ? null : n.get("y"));
            e.put("z", null);
            out.add(e);
        }
        return out;
    }

    private static List<Map<String, Object>> flattened(List<Map<String, Object>> rows) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Map<String, Object> r : rows) {
            Map<String, Object> e = new LinkedHashMap<>();
            r.forEach((k, v) -> {
                if (!k.equals("j")) {
                    e.put(k, v);
                    return;
                }
                Map<?, ?> j = (Map<?, ?>) v;
                Map<?, ?> n = j == null ? null : (Map<?, ?>) j.get("n");
                e.put("j_k", j == null ? null : j.get("k"));
                e.put("j_empty", j == null ? null : j.get("empty"));
                e.put("j_n_x", n == null ? null : n.get("x"));
                e.put("j_n_y", n == null ? null : n.get("y"));
                // An empty object has no leaves: flatten keeps it as a json value under the column's own name.
                e.put("j", j != null && j.isEmpty() ? j : null);
            });
            out.add(e);
        }
        return out;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("transforms")
    void everyTransformCarriesEveryValue(Case c) throws Exception {
        StageHarness h = new StageHarness(dir);
        List<RecordBatch> batches = List.of(batch());
        for (Step s : c.steps()) {
            batches = h.transform(s.factory(), s.config(), batches);
        }
        assertEquals(List.of(), h.context.rejected(), c.name());
        assertSame(c.expected().apply(rows()), StageHarness.rows(batches), Set.of(), c.name());
    }

    // ---- formats: a sink writes, a source reads it back ------------------------------------

    /** Writes batches with a sink and reads them back with a source. */
    interface Format {
        List<RecordBatch> roundTrip(StageHarness h, Path dir, List<RecordBatch> batches) throws Exception;
    }

    /** A sink-to-source pair; {@code untyped} names the columns the format holds as text only. */
    record Leg(String name, Set<String> untyped, Format format) {
        @Override
        public String toString() {
            return name;
        }
    }

    private static final Map<String, Object> CSV_READ = row("null_values", List.of(""),
            "schema", row("t", "timestamp", "day", "date", "j", "json", "arr", "json"));

    static Stream<Leg> formats() {
        return Stream.of(
                new Leg("sink.csv -> source.csv", Set.of(), (h, d, b) -> {
                    h.write(new CsvSinkFactory(), Map.of("path", "out.csv"), b);
                    return h.read(new CsvSourceFactory(), with(CSV_READ, "path", "out.csv"));
                }),
                new Leg("sink.json records -> source.json", NOT_IN_JSON, (h, d, b) -> {
                    h.write(new JsonSinkFactory(), Map.of("path", "out.json", "pretty", true), b);
                    return h.read(new JsonSourceFactory(), Map.of("path", "out.json"));
                }),
                new Leg("sink.json jsonl -> source.json jsonl", NOT_IN_JSON, (h, d, b) -> {
                    h.write(new JsonSinkFactory(), Map.of("path", "out.jsonl", "format", "jsonl"), b);
                    return h.read(new JsonSourceFactory(), Map.of("path", "out.jsonl"));
                }),
                new Leg("sink.stdout jsonl -> source.stdin jsonl", NOT_IN_JSON, (h, d, b) ->
                        h.read(stdin(stdout(h, "jsonl", b)), Map.of("format", "jsonl"))),
                new Leg("sink.stdout json -> source.stdin json", NOT_IN_JSON, (h, d, b) ->
                        h.read(stdin(stdout(h, "json", b)), Map.of("format", "json"))),
                new Leg("sink.stdout csv -> source.stdin csv", Set.of(), (h, d, b) ->
                        h.read(stdin(stdout(h, "csv", b)), with(CSV_READ, "format", "csv"))),
                new Leg("sink.csv -> source.stdin csv", Set.of(), (h, d, b) -> {
                    h.write(new CsvSinkFactory(), Map.of("path", "out.csv"), b);
                    return h.read(stdin(Files.readAllBytes(d.resolve("out.csv"))), with(CSV_READ, "format", "csv"));
                }));
    }

    private static Map<String, Object> with(Map<String, Object> base, Object... more) {
        Map<String, Object> m = new LinkedHashMap<>(base);
        m.putAll(row(more));
        return m;
    }

    private static byte[] stdout(StageHarness h, String format, List<RecordBatch> batches) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        h.write(new StdoutSinkFactory(new PrintStream(out, true, StandardCharsets.UTF_8)), Map.of("format", format),
                batches);
        return out.toByteArray();
    }

    private static SourceFactory stdin(byte[] bytes) {
        return new StdinSourceFactory(() -> new ByteArrayInputStream(bytes));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("formats")
    void everyFormatCarriesEveryValue(Leg leg) throws Exception {
        StageHarness h = new StageHarness(dir);
        List<RecordBatch> back = leg.format().roundTrip(h, dir, List.of(batch()));
        assertEquals(List.of(), h.context.rejected(), leg.name());
        assertSame(rows(), StageHarness.rows(back), leg.untyped(), leg.name());
    }

    // ---- one whole pipeline through the executor -------------------------------------------

    @ParameterizedTest(name = "{0}")
    @MethodSource("transforms")
    void aPipelineFileCarriesEveryValueThroughEachTransform(Case c) throws Exception {
        h(dir).write(new CsvSinkFactory(), Map.of("path", "in.csv"), List.of(batch()));
        StringBuilder toml = new StringBuilder(PipelineFile.header(false)).append("""
                [[stages]]
                id = "src"
                type = "source.csv"
                [stages.config]
                path = "in.csv"
                null_values = [""]
                schema = { t = "timestamp", day = "date", j = "json", arr = "json" }
                """);
        String last = "src";
        int i = 0;
        for (Step s : c.steps()) {
            String id = "t" + i++;
            toml.append("[[stages]]\nid = \"").append(id).append("\"\ntype = \"transform.")
                    .append(s.factory().descriptor().name()).append("\"\ninputs = [\"").append(last).append("\"]\n")
                    .append("[stages.config]\n");
            s.config().forEach((k, v) -> toml.append(k).append(" = ").append(toml(v)).append('\n'));
            last = id;
        }
        toml.append("[[stages]]\nid = \"out\"\ntype = \"sink.json\"\ninputs = [\"").append(last)
                .append("\"]\n[stages.config]\npath = \"out.jsonl\"\nformat = \"jsonl\"\n");
        RunResult r = new PipelineFile(dir).run(toml.toString());
        assertEquals(RunStatus.SUCCEEDED, r.status(), r.error() + "\n" + toml);
        StageHarness h = h(dir);
        List<RecordBatch> back = h.read(new JsonSourceFactory(), Map.of("path", "out.jsonl"));
        assertSame(c.expected().apply(rows()), StageHarness.rows(back), NOT_IN_JSON, c.name());
    }

    private static StageHarness h(Path dir) {
        return new StageHarness(dir);
    }

    /** A plain value as TOML: strings, numbers, booleans, arrays and inline tables. */
    private static String toml(Object v) {
        if (v instanceof String s) {
            StringBuilder sb = new StringBuilder();
            Values.quote(s, sb);
            return sb.toString();
        }
        if (v instanceof List<?> l) {
            return "[" + String.join(", ", l.stream().map(RoundTripTest::toml).toList()) + "]";
        }
        if (v instanceof Map<?, ?> m) {
            List<String> parts = new ArrayList<>();
            m.forEach((k, x) -> parts.add(k + " = " + toml(x)));
            return "{ " + String.join(", ", parts) + " }";
        }
        return String.valueOf(v);
    }

    // ---- the comparison ----------------------------------------------------------------------

    /**
     * Row for row and column for column: a null stays null, anything else arrives not null and
     * with the same text (so "" stays ""); where the format keeps types, with the same type too,
     * and a json value as a Map or List, never as its text.
     */
    static void assertSame(List<Map<String, Object>> expected, List<Map<String, Object>> actual, Set<String> untyped,
                           String leg) {
        assertEquals(expected.size(), actual.size(), leg + ": row count");
        for (int r = 0; r < expected.size(); r++) {
            Map<String, Object> want = expected.get(r);
            Map<String, Object> got = actual.get(r);
            assertEquals(List.copyOf(want.keySet()), List.copyOf(got.keySet()), leg + ": columns of row " + (r + 1));
            for (String c : want.keySet()) {
                String where = leg + ": row " + (r + 1) + ", column '" + c + "'";
                Object w = want.get(c);
                Object g = got.get(c);
                if (w == null) {
                    assertEquals(null, g, where + " was null");
                    continue;
                }
                assertNotNull(g, where + " became null (was " + Values.toText(w) + ")");
                assertEquals(Values.toText(w), Values.toText(g), where);
                if (untyped.contains(c)) {
                    continue;
                }
                if ((w instanceof Map || w instanceof List) != (g instanceof Map || g instanceof List)) {
                    fail(where + ": a json value arrived as " + g.getClass().getSimpleName() + " " + Values.toText(g));
                }
                assertEquals(Values.typeOf(w), Values.typeOf(g), where + ": type");
                if (w instanceof Map || w instanceof List) {
                    assertEquals(w, g, where + ": nested values keep their Java types (Long, Double, ...)");
                }
            }
        }
    }
}
