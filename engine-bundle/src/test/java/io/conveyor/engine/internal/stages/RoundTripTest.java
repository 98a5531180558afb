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
import io.conveyor.engine.internal.stages.transform.CastFactory;
import io.conveyor.engine.internal.stages.transform.DistinctFactory;
import io.conveyor.engine.internal.stages.transform.FilterFactory;
import io.conveyor.engine.internal.stages.transform.LimitFactory;
import io.conveyor.engine.internal.stages.transform.MapFactory;
import io.conveyor.engine.internal.stages.transform.RenameFactory;
import io.conveyor.engine.internal.stages.transform.SelectFactory;
import io.conveyor.engine.internal.stages.transform.UnionFactory;
import io.conveyor.engine.internal.stages.transform.aggregate.GroupByFactory;
import io.conveyor.engine.internal.stages.transform.join.JoinFactory;
import io.conveyor.engine.internal.stages.transform.sort.SortFactory;
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
        return batch(rows());
    }

    /** @return these rows (of {@link #SCHEMA}'s columns) as one batch of {@link #SCHEMA} */
    static RecordBatch batch(List<Map<String, Object>> rows) {
        List<io.conveyor.api.Column> cols = new ArrayList<>();
        for (Field f : SCHEMA.fields()) {
            ColumnBuilder b = new ColumnBuilder(f.type(), rows.size());
            rows.forEach(r -> b.append(r.get(f.name())));
            cols.add(b.build());
        }
        return new RecordBatch(SCHEMA, cols, rows.size());
    }

    /**
     * The right input of the joins: row 3's values under id 3, row 2's under a null id (never
     * matches), row 1's under id 1 and again under id 4 (no left row has it).
     */
    static List<Map<String, Object>> rightRows() {
        List<Map<String, Object>> left = rows();
        return List.of(withId(left.get(2), 3L), withId(left.get(1), null), withId(left.get(0), 1L),
                withId(left.get(0), 4L));
    }

    private static Map<String, Object> withId(Map<String, Object> r, Long id) {
        Map<String, Object> m = new LinkedHashMap<>(r);
        m.put("id", id);
        return m;
    }

    // ---- transforms ------------------------------------------------------------------------

    /**
     * One stage of a case: a factory and its options; {@code right} is null for a one-input stage,
     * else the rows of its second input (a union or join).
     */
    record Step(TransformFactory factory, Map<String, Object> config, List<Map<String, Object>> right) {
    }

    /** A chain of transforms and what it makes of the rows (identity unless it reshapes them). */
    record Case(String name, UnaryOperator<List<Map<String, Object>>> expected, List<Step> steps) {
        Case(String name, Step... steps) {
            this(name, UnaryOperator.identity(), List.of(steps));
        }

        Case(String name, UnaryOperator<List<Map<String, Object>>> expected, Step... steps) {
            this(name, expected, List.of(steps));
        }

        @Override
        public String toString() {
            return name;
        }
    }

    static Step step(TransformFactory factory, Object... config) {
        return new Step(factory, row(config), null);
    }

    /** @return a two-input step whose second input carries {@code right} */
    static Step step2(TransformFactory factory, List<Map<String, Object>> right, Object... config) {
        return new Step(factory, row(config), right);
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
                        List.of(step(new FlattenFactory(), "column", "j"))),
                new Case("transform.rename (with a swap)", rows -> renamed(rows, RENAMES),
                        step(new RenameFactory(), "columns", RENAMES)),
                new Case("transform.cast to string", rows -> asText(rows),
                        step(new CastFactory(), "columns", types(ALL_BUT_ID, "string"), "on_invalid", "fail")),
                // Text cast to json is parsed as JSON text, so every value comes back as it was.
                new Case("transform.cast to string and back", rows -> rows,
                        step(new CastFactory(), "columns", types(ALL_BUT_ID, "string"), "on_invalid", "fail"),
                        step(new CastFactory(), "columns", schemaTypes(ALL_BUT_ID), "on_invalid", "fail")),
                new Case("transform.cast long to double", rows -> longToDouble(rows, "n"),
                        step(new CastFactory(), "columns", row("n", "double"), "on_invalid", "fail")),
                new Case("transform.sort by id descending", rows -> reorder(rows, 2, 1, 0),
                        step(new SortFactory(), "by", "id", "descending", true)),
                new Case("transform.sort by x, nulls last", rows -> reorder(rows, 2, 0, 1),
                        step(new SortFactory(), "by", "x")),
                new Case("transform.sort by s, nulls first (\"\" is not null)", rows -> reorder(rows, 2, 1, 0),
                        step(new SortFactory(), "by", List.of("s"), "nulls", "first")),
                new Case("transform.sort with limit (top-N)", rows -> reorder(rows, 2, 1),
                        step(new SortFactory(), "by", "id", "descending", true, "limit", 2L)),
                new Case("transform.limit with offset", rows -> reorder(rows, 1, 2),
                        step(new LimitFactory(), "count", 2L, "offset", 1L)),
                new Case("transform.distinct", step(new DistinctFactory())),
                new Case("transform.union", rows -> twice(rows), step2(new UnionFactory(), rows())),
                new Case("transform.union + transform.distinct (json keys)",
                        step2(new UnionFactory(), rows()), step(new DistinctFactory())),
                new Case("transform.union + transform.distinct on s (\"\" and null apart)",
                        step2(new UnionFactory(), rows()), step(new DistinctFactory(), "columns", List.of("s"))),
                new Case("transform.union + transform.group_by s: first, last, min, max, count", rows -> grouped(rows),
                        step2(new UnionFactory(), rows()),
                        step(new GroupByFactory(), "by", "s", "aggregations", GROUP_AGGREGATIONS)),
                new Case("transform.join inner", rows -> joined(rows, "inner"), join("inner")),
                new Case("transform.join left", rows -> joined(rows, "left"), join("left")),
                new Case("transform.join right", rows -> joined(rows, "right"), join("right")),
                new Case("transform.join full", rows -> joined(rows, "full"), join("full")),
                new Case("transform.join semi", rows -> joined(rows, "semi"), join("semi")),
                new Case("transform.join anti", rows -> joined(rows, "anti"), join("anti")),
                new Case("transform.join inner with left_on/right_on", rows -> joinedOnKeys(rows),
                        step2(new JoinFactory(), rightRows(), "left_on", "id", "right_on", "id")),
                new Case("transform.map identity", step(new MapFactory(), "columns", identities(ALL_BUT_ID))),
                new Case("transform.map simple form copies a column", rows -> copied(rows, "j", "j2"),
                        step(new MapFactory(), "expression", "j", "output_column", "j2")),
                new Case("transform.map coalesce", rows -> coalesced(rows),
                        step(new MapFactory(), "columns", row("flag", "coalesce(flag, false)", "n", "coalesce(n, 0)",
                                "x", "coalesce(x, 0.5)", "s", "coalesce(s, 'none')", "t", "coalesce(t, t)",
                                "day", "ifnull(day, day)", "j", "coalesce(j, arr)", "arr", "coalesce(arr, j)"))));
    }

    private static final Map<String, Object> RENAMES = row("s", "text", "j", "doc", "n", "x", "x", "n");

    /** group_by keeps values with these: every column but the key, first, last, min, max and count; and a row count. */
    private static final List<String> KEEPING = List.of("first", "last", "min", "max", "count");
    private static final List<Map<String, Object>> GROUP_AGGREGATIONS = groupAggregations();

    private static List<Map<String, Object>> groupAggregations() {
        List<Map<String, Object>> out = new ArrayList<>();
        for (String c : COLUMNS) {
            if (!c.equals("s")) {
                KEEPING.forEach(op -> out.add(row("column", c, "operation", op)));
            }
        }
        out.add(row("operation", "count", "output_column", "rows"));
        return out;
    }

    private static Step join(String how) {
        return step2(new JoinFactory(), rightRows(), "how", how, "on", "id");
    }

    private static Map<String, Object> types(List<String> columns, String type) {
        Map<String, Object> m = new LinkedHashMap<>();
        columns.forEach(c -> m.put(c, type));
        return m;
    }

    private static Map<String, Object> schemaTypes(List<String> columns) {
        Map<String, Object> m = new LinkedHashMap<>();
        columns.forEach(c -> m.put(c, SCHEMA.field(SCHEMA.indexOf(c)).type().id()));
        return m;
    }

    private static Map<String, Object> identities(List<String> columns) {
        Map<String, Object> m = new LinkedHashMap<>();
        columns.forEach(c -> m.put(c, c));
        return m;
    }

    private static List<Map<String, Object>> renamed(List<Map<String, Object>> rows, Map<String, Object> renames) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Map<String, Object> r : rows) {
            Map<String, Object> e = new LinkedHashMap<>();
            r.forEach((k, v) -> e.put((String) renames.getOrDefault(k, k), v));
            out.add(e);
        }
        return out;
    }

    /** Cast to string: every value but the id as its text (json compact, instants ISO-8601), nulls null. */
    private static List<Map<String, Object>> asText(List<Map<String, Object>> rows) {
        return asText(rows, ALL_BUT_ID.toArray(new String[0]));
    }

    /** @return the rows with these columns' values as their text, nulls null */
    private static List<Map<String, Object>> asText(List<Map<String, Object>> rows, String... columns) {
        List<String> text = List.of(columns);
        List<Map<String, Object>> out = new ArrayList<>();
        for (Map<String, Object> r : rows) {
            Map<String, Object> e = new LinkedHashMap<>();
            r.forEach((k, v) -> e.put(k, !text.contains(k) || v == null ? v : Values.toText(v)));
            out.add(e);
        }
        return out;
    }

    private static List<Map<String, Object>> longToDouble(List<Map<String, Object>> rows, String column) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Map<String, Object> r : rows) {
            Map<String, Object> e = new LinkedHashMap<>(r);
            e.computeIfPresent(column, (k, v) -> ((Long) v).doubleValue());
            out.add(e);
        }
        return out;
    }

    private static List<Map<String, Object>> reorder(List<Map<String, Object>> rows, int... order) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (int i : order) {
            out.add(rows.get(i));
        }
        return out;
    }

    private static List<Map<String, Object>> twice(List<Map<String, Object>> rows) {
        List<Map<String, Object>> out = new ArrayList<>(rows);
        out.addAll(rows);
        return out;
    }

    /**
     * group_by s over the rows twice: one group per row (s differs, "" and null included), in
     * order; first, last, min and max give the row's value, count 2 for a value and 0 for a null.
     */
    private static List<Map<String, Object>> grouped(List<Map<String, Object>> rows) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Map<String, Object> r : rows) {
            Map<String, Object> e = row("s", r.get("s"));
            for (String c : COLUMNS) {
                if (!c.equals("s")) {
                    Object v = r.get(c);
                    KEEPING.forEach(op -> e.put(c + "_" + op, op.equals("count") ? (v == null ? 0L : 2L) : v));
                }
            }
            e.put("rows", 2L);
            out.add(e);
        }
        return out;
    }

    /**
     * The documented join of the rows with {@link #rightRows()} on id: left columns, then the right
     * ones with the suffix "_right" (the key once); left order with matches, then for right and
     * full the unmatched right rows in right order (their id from the right).
     */
    private static List<Map<String, Object>> joined(List<Map<String, Object>> left, String how) {
        List<Map<String, Object>> right = rightRows();
        List<Map<String, Object>> out = new ArrayList<>();
        Set<Integer> matchedRight = new java.util.HashSet<>();
        for (Map<String, Object> l : left) {
            List<Integer> matches = new ArrayList<>();
            for (int i = 0; i < right.size(); i++) {
                if (l.get("id") != null && l.get("id").equals(right.get(i).get("id"))) {
                    matches.add(i);
                }
            }
            matchedRight.addAll(matches);
            switch (how) {
                case "semi" -> {
                    if (!matches.isEmpty()) {
                        out.add(l);
                    }
                }
                case "anti" -> {
                    if (matches.isEmpty()) {
                        out.add(l);
                    }
                }
                default -> {
                    matches.forEach(i -> out.add(pair(l, right.get(i), "id")));
                    if (matches.isEmpty() && (how.equals("left") || how.equals("full"))) {
                        out.add(pair(l, null, "id"));
                    }
                }
            }
        }
        if (how.equals("right") || how.equals("full")) {
            for (int i = 0; i < right.size(); i++) {
                if (!matchedRight.contains(i)) {
                    Map<String, Object> r = right.get(i);
                    Map<String, Object> l = new LinkedHashMap<>();
                    COLUMNS.forEach(c -> l.put(c, c.equals("id") ? r.get("id") : null));
                    out.add(pair(l, r, "id"));
                }
            }
        }
        return out;
    }

    /** An inner join with left_on/right_on: the right key is kept too, suffixed. */
    private static List<Map<String, Object>> joinedOnKeys(List<Map<String, Object>> left) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Map<String, Object> p : joined(left, "inner")) {
            Map<String, Object> e = new LinkedHashMap<>();
            p.forEach((k, v) -> {
                e.put(k, v);
                if (k.equals("arr")) {
                    e.put("id_right", p.get("id"));
                }
            });
            out.add(e);
        }
        return out;
    }

    /** @return the left row, then the right row's columns but {@code key}, suffixed "_right" (nulls for none) */
    private static Map<String, Object> pair(Map<String, Object> l, Map<String, Object> r, String key) {
        Map<String, Object> e = new LinkedHashMap<>(l);
        for (String c : COLUMNS) {
            if (!c.equals(key)) {
                e.put(c + "_right", r == null ? null : r.get(c));
            }
        }
        return e;
    }

    private static List<Map<String, Object>> copied(List<Map<String, Object>> rows, String from, String to) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Map<String, Object> r : rows) {
            Map<String, Object> e = new LinkedHashMap<>(r);
            e.put(to, r.get(from));
            out.add(e);
        }
        return out;
    }

    /** The coalesce map: a null takes the fallback; "", false, 0-like and empty json values are kept. */
    private static List<Map<String, Object>> coalesced(List<Map<String, Object>> rows) {
        Map<String, Object> fallback = row("flag", false, "n", 0L, "x", 0.5, "s", "none");
        List<Map<String, Object>> out = new ArrayList<>();
        for (Map<String, Object> r : rows) {
            Map<String, Object> e = new LinkedHashMap<>(r);
            fallback.forEach((k, v) -> e.computeIfAbsent(k, x -> v));
            e.put("j", r.get("j") != null ? r.get("j") : r.get("arr"));
            e.put("arr", r.get("arr") != null ? r.get("arr") : r.get("j"));
            out.add(e);
        }
        return out;
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
            batches = s.right() == null ? h.transform(s.factory(), s.config(), batches) : twoInputs(h, s, batches);
        }
        assertEquals(List.of(), h.context.rejected(), c.name());
        assertSame(c.expected().apply(rows()), StageHarness.rows(batches), Set.of(), c.name());
    }

    private static List<RecordBatch> twoInputs(StageHarness h, Step s, List<RecordBatch> left) throws Exception {
        List<BatchStream> inputs = List.of(StageHarness.of(left), StageHarness.of(List.of(batch(s.right()))));
        try (BatchStream out = s.factory().open(h.config(s.factory(), s.config()), inputs, h.context)) {
            return StageHarness.drain(out);
        }
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
        StringBuilder toml = new StringBuilder(PipelineFile.header(false)).append(csvSource("src", rows()));
        String last = "src";
        int i = 0;
        for (Step s : c.steps()) {
            String id = "t" + i++;
            String inputs = "\"" + last + "\"";
            if (s.right() != null) {
                toml.append(csvSource(id + "_right", s.right()));
                inputs += ", \"" + id + "_right\"";
            }
            toml.append("[[stages]]\nid = \"").append(id).append("\"\ntype = \"transform.")
                    .append(s.factory().descriptor().name()).append("\"\ninputs = [").append(inputs).append("]\n")
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
        List<Map<String, Object>> expected = c.expected().apply(rows());
        assertSame(expected, StageHarness.rows(back), temporal(expected), c.name());
    }

    /** @return a source.csv stage reading these rows, written to {@code <id>.csv} now */
    private String csvSource(String id, List<Map<String, Object>> rows) throws Exception {
        h(dir).write(new CsvSinkFactory(), Map.of("path", id + ".csv"), List.of(batch(rows)));
        return """
                [[stages]]
                id = "%s"
                type = "source.csv"
                [stages.config]
                path = "%s.csv"
                null_values = [""]
                schema = { t = "timestamp", day = "date", j = "json", arr = "json" }
                """.formatted(id, id);
    }

    /** @return the columns holding a timestamp or date: JSON keeps them as text only */
    private static Set<String> temporal(List<Map<String, Object>> rows) {
        Set<String> out = new java.util.HashSet<>();
        rows.forEach(r -> r.forEach((k, v) -> {
            if (v instanceof Instant || v instanceof LocalDate) {
                out.add(k);
            }
        }));
        return out;
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
