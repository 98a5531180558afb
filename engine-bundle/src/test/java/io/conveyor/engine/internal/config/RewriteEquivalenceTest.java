package io.conveyor.engine.internal.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.conveyor.api.RunResult;
import io.conveyor.api.RunStatus;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.statistics.Statistics;

/**
 * The plan rewrites (filter before join, top-N, the top-N cut-off passed up, columns narrowed)
 * never change what a pipeline writes: random plans over random data, each run as rewritten and
 * as written, must write the same bytes and dead-letter the same records (in any order: stages
 * on different threads reject as they go), or both fail. The plans use union, filter, select,
 * rename, map, every kind of join, cast, validate and distinct, and end in a sort and a limit,
 * a sort with its own limit, or a group-by (sorted, with or without a limit).
 *
 * <p>The data has what makes rewrites delicate: whole numbers in a decimal column, a decimal or
 * a text far down an integer column (types widen across batches), empty fields read as null,
 * keys with ties and duplicates, a second file with another column order and a column of its
 * own, and declared types that reject rows. Inputs are longer than the top-N's first chunk
 * (8,192 rows beyond the limit), so the cut-offs are set while the sources still read.
 */
class RewriteEquivalenceTest {
    private static final int ROWS = 14_000;
    /** Rows of a.jsonl: within the compiler's schema sample (8,192 records). */
    private static final int JSON_ROWS = 6_000;

    @Property(tries = 60, edgeCases = EdgeCasesMode.NONE)
    void aRewrittenPlanWritesWhatThePlanAsWrittenWrites(@ForAll long seed) throws Exception {
        Path dir = Files.createTempDirectory("rewrites-");
        try {
            Random random = new Random(seed);
            writeData(dir, random);
            String toml = new PlanGenerator(random).pipeline();
            Outcome rewritten = run(dir, toml, true);
            Outcome asWritten = run(dir, toml, false);
            // Which rewrites the tries exercise, in jqwik's report.
            for (String r : rewritten.rewrites) {
                Statistics.label("rewrites").collect(r.contains("top-N cut-off") ? (r.contains(" reads them") ? "cut-off at a source"
                        : "cut-off at a stage's input") : r.contains("(top-N)") ? "top-N" : r.contains("converts only")
                        ? "columns narrowed" : "filter before join");
            }
            Statistics.label("outcome").collect(asWritten.status + (asWritten.deadLetters.isEmpty() ? "" : " with dead letters"));
            assertEquals(asWritten, rewritten, () -> "seed " + seed + ", rewrites " + rewritten.rewrites + "\n" + toml
                    + "first difference in the output: " + firstDifference(asWritten.output, rewritten.output)
                    + "\nin the dead letters: " + firstDifference(asWritten.deadLetters, rewritten.deadLetters) + "\n");
        } finally {
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    /** @return the first line where the texts differ, as written then rewritten, with its number */
    private static String firstDifference(String asWritten, String rewritten) {
        List<String> a = asWritten.lines().toList();
        List<String> b = rewritten.lines().toList();
        for (int i = 0; i < Math.max(a.size(), b.size()); i++) {
            String x = i < a.size() ? a.get(i) : "(none)";
            String y = i < b.size() ? b.get(i) : "(none)";
            if (!x.equals(y)) {
                return "line " + (i + 1) + ": " + x + " | " + y;
            }
        }
        return "none";
    }

    /** What a run left: its status, the output file and the dead-letter file (rewrites listed, not compared). */
    private record Outcome(RunStatus status, String output, String deadLetters, List<String> rewrites) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Outcome other && status == other.status && output.equals(other.output)
                    && deadLetters.equals(other.deadLetters);
        }

        @Override
        public int hashCode() {
            return output.hashCode();
        }

        @Override
        public String toString() {
            return status + ", output " + output.lines().count() + " lines:\n" + head(output) + "\ndead letters "
                    + deadLetters.lines().count() + " lines:\n" + head(deadLetters);
        }

        private static String head(String text) {
            return text.lines().limit(12).reduce("", (a, b) -> a + b + "\n");
        }
    }

    private static Outcome run(Path dir, String toml, boolean rewrites) throws Exception {
        Files.deleteIfExists(dir.resolve("out.csv"));
        Files.deleteIfExists(dir.resolve("dead.jsonl"));
        CompiledPipeline p = new RealPlanFixture(dir, rewrites).compile(toml);
        RunResult r = RealPlanFixture.execute(p, new ByteArrayOutputStream());
        // When a record was rejected, and so the order of records from stages on different
        // threads, differs from run to run; which records and why must not.
        String deadLetters = read(dir.resolve("dead.jsonl")).replaceAll("\"timestamp\":\"[^\"]*\"", "").lines()
                .sorted().reduce("", (x, y) -> x + y + "\n");
        return new Outcome(r.status(), read(dir.resolve("out.csv")), deadLetters, p.rewrites());
    }

    private static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes a.csv (orders), b.csv (more orders: other column order, a column of its own) and u.csv (users). */
    private static void writeData(Path dir, Random random) throws IOException {
        // At most one late decimal and one late text in "code"; "amount" mixes whole numbers in.
        int decimalAt = random.nextBoolean() ? 3_000 + random.nextInt(ROWS - 3_000) : -1;
        int textAt = random.nextInt(4) == 0 ? 3_000 + random.nextInt(ROWS - 3_000) : -1;
        StringBuilder a = new StringBuilder("id,k,amount,code,cat,flag\n");
        // The first JSON_ROWS rows again as JSON lines (text quoted, empty fields null): few
        // enough for the compiler to know the columns, so that a JSON source is narrowed too.
        StringBuilder json = new StringBuilder();
        for (int i = 0; i < ROWS; i++) {
            String[] row = {String.valueOf(i), key(random), amount(random),
                    i == decimalAt ? "2.5" : i == textAt ? "x7" : String.valueOf(random.nextInt(90)), category(random),
                    String.valueOf(random.nextBoolean())};
            a.append(String.join(",", row)).append('\n');
            if (i < JSON_ROWS) {
                json.append("{\"id\":").append(row[0]).append(",\"k\":").append(orNull(row[1])).append(",\"amount\":")
                        .append(orNull(row[2])).append(",\"code\":").append(row[3].equals("x7") ? "\"x7\"" : row[3])
                        .append(",\"cat\":").append(row[4].isEmpty() ? "null" : "\"" + row[4] + "\"")
                        .append(",\"flag\":").append(row[5]).append("}\n");
            }
        }
        Files.writeString(dir.resolve("a.csv"), a);
        Files.writeString(dir.resolve("a.jsonl"), json);
        StringBuilder b = new StringBuilder("cat,amount,id,extra,k,code,flag\n");
        for (int i = 0; i < ROWS / 4; i++) {
            b.append(category(random)).append(',').append(amount(random)).append(',').append(1_000_000 + i).append(',')
                    .append("e").append(random.nextInt(3)).append(',').append(key(random)).append(',')
                    .append(random.nextInt(90)).append(',').append(random.nextBoolean()).append('\n');
        }
        Files.writeString(dir.resolve("b.csv"), b);
        StringBuilder u = new StringBuilder("user_id,tier,score\n");
        for (int i = 0; i < 70; i++) {
            // Some users twice (a match makes two rows), some keys without a user.
            u.append(i % 55).append(',').append(random.nextInt(3) == 0 ? "gold" : "silver").append(',')
                    .append(random.nextInt(30) == 0 ? "1.5" : String.valueOf(random.nextInt(100))).append('\n');
        }
        Files.writeString(dir.resolve("u.csv"), u);
    }

    private static String orNull(String field) {
        return field.isEmpty() ? "null" : field;
    }

    private static String key(Random random) {
        return random.nextInt(25) == 0 ? "" : String.valueOf(random.nextInt(60));
    }

    private static String amount(Random random) {
        int cents = random.nextInt(200_000);
        return random.nextInt(30) == 0 ? "" : cents % 7 == 0 ? String.valueOf(cents / 100) : String.valueOf(cents / 100.0);
    }

    private static String category(Random random) {
        return random.nextInt(20) == 0 ? "" : List.of("a", "b", "c", "d").get(random.nextInt(4));
    }

    /** Random plans over those files, built stage by stage with the columns each stage has. */
    private static final class PlanGenerator {
        private final Random random;
        private final StringBuilder text = new StringBuilder();
        /** The columns of the last stage's output: name to kind (num, text, bool, any). */
        private final Map<String, String> columns = new LinkedHashMap<>();
        private String last;
        private int count;

        PlanGenerator(Random random) {
            this.random = random;
        }

        String pipeline() {
            text.append("[pipeline]\nname = \"p\"\n[error_handling]\nstrategy = \"stop\"\n")
                    .append("[error_handling.dead_letter_queue]\nenabled = true\npath = \"dead.jsonl\"\n");
            String schema = switch (random.nextInt(4)) {
                case 0 -> ", schema = { code = \"long\" }";
                case 1 -> ", schema = { amount = \"double\" }";
                default -> "";
            };
            String batch = "batch_size = " + List.of(100, 700, 8192).get(random.nextInt(3));
            if (random.nextInt(4) == 0) {
                last = stage("source.json", List.of(), "path = \"a.jsonl\", " + batch);
                schema = "";
            } else {
                last = stage("source.csv", List.of(), "path = \"a.csv\", null_values = [\"\"], " + batch + schema);
            }
            columns.put("id", "num");
            columns.put("k", "num");
            columns.put("amount", "num");
            // code may widen to text far down: passed on, never computed with.
            columns.put("code", schema.contains("code") ? "num" : "any");
            columns.put("cat", "text");
            columns.put("flag", "bool");
            if (random.nextInt(3) == 0) {
                String b = stage("source.csv", List.of(), "path = \"b.csv\", null_values = [\"\"], batch_size = 500");
                last = stage("transform.union", List.of(last, b), null);
                columns.put("extra", "text");
                if (random.nextBoolean()) {
                    columns.put("code", "any");
                }
            }
            int steps = random.nextInt(5);
            for (int i = 0; i < steps; i++) {
                step();
            }
            end();
            stage("sink.csv", List.of(last), "path = \"out.csv\"");
            return text.toString();
        }

        private void step() {
            List<String> nums = of("num");
            switch (random.nextInt(10)) {
                case 0 -> last = stage("transform.filter", List.of(last), "expr = \"" + condition(nums) + "\"");
                case 1 -> {
                    List<String> keep = new ArrayList<>();
                    for (String c : columns.keySet()) {
                        if (random.nextInt(3) > 0 || (c.equals("id") && random.nextBoolean())) {
                            keep.add(c);
                        }
                    }
                    if (keep.isEmpty() || of("num").stream().noneMatch(keep::contains)) {
                        keep.add(nums.get(0));
                    }
                    columns.keySet().retainAll(keep);
                    last = stage("transform.select", List.of(last), "columns = " + quoted(keep));
                }
                case 2 -> {
                    String from = pick(new ArrayList<>(columns.keySet()));
                    String to = from + "_r";
                    rename(from, to);
                    last = stage("transform.rename", List.of(last), "columns = { " + from + " = \"" + to + "\" }");
                }
                case 3 -> {
                    String n = pick(nums);
                    String m = "m" + count;
                    String expr = random.nextBoolean() ? n + " * 2 + 1" : "coalesce(" + n + ", 0) - 3";
                    if (random.nextBoolean()) {
                        // Replaced in place: the sort may then not take its cut-off past this map.
                        last = stage("transform.map", List.of(last), "columns = { " + n + " = \"" + expr + "\" }");
                    } else {
                        columns.put(m, "num");
                        last = stage("transform.map", List.of(last), "columns = { " + m + " = \"" + expr + "\" }");
                    }
                }
                case 4, 7 -> {
                    if (!"num".equals(columns.get("k")) || columns.containsKey("user_id_right")) {
                        return;
                    }
                    String how = pick(List.of("inner", "left", "semi", "anti", "right", "full"));
                    String users = stage("source.csv", List.of(), "path = \"u.csv\"");
                    last = stage("transform.join", List.of(last, users),
                            "left_on = \"k\", right_on = \"user_id\", how = \"" + how + "\"");
                    if (!how.equals("semi") && !how.equals("anti")) {
                        columns.put(columns.containsKey("user_id") ? "user_id_right" : "user_id", "num");
                        columns.put(columns.containsKey("tier") ? "tier_right" : "tier", "text");
                        columns.put(columns.containsKey("score") ? "score_right" : "score", "any");
                    }
                    if (how.equals("inner") && "text".equals(columns.get("tier")) && random.nextBoolean()) {
                        // A test of the right input alone, right after an inner join: it runs before the join.
                        last = stage("transform.filter", List.of(last), "expr = \"tier = 'gold'\"");
                    }
                }
                case 5 -> {
                    if ("any".equals(columns.get("code")) && random.nextBoolean()) {
                        // A text or a decimal far down is rejected to the dead-letter queue, with its whole row.
                        columns.put("code", "num");
                        last = stage("transform.cast", List.of(last), "columns = { code = \"long\" }");
                        return;
                    }
                    String n = pick(nums);
                    String to = pick(List.of("string", "double"));
                    columns.put(n, to.equals("string") ? "text" : "num");
                    last = stage("transform.cast", List.of(last), "columns = { " + n + " = \"" + to + "\" }");
                }
                case 8 -> {
                    // Rows that fail go to the dead-letter queue with every column they have here.
                    String rules = "{ column = \"" + pick(nums) + "\", not_null = true }";
                    if ("text".equals(columns.get("cat"))) {
                        rules += ", { column = \"cat\", allowed = [\"a\", \"b\", \"c\"] }";
                    }
                    last = stage("transform.validate", List.of(last), "rules = [" + rules + "]");
                }
                case 9 -> {
                    List<String> texts = of("text");
                    last = stage("transform.distinct", List.of(last), texts.isEmpty() || random.nextBoolean() ? null
                            : "columns = [\"" + pick(texts) + "\"]");
                }
                default -> {
                    if ("text".equals(columns.get("tier")) && random.nextBoolean()) {
                        // After an inner join, a test of the right input alone runs before the join.
                        last = stage("transform.filter", List.of(last), "expr = \"tier = 'gold'\"");
                    } else if (columns.containsKey("cat") && "text".equals(columns.get("cat"))) {
                        last = stage("transform.filter", List.of(last), "expr = \"cat in ('a', 'c') or cat is null\"");
                    }
                }
            }
        }

        /** A sort and a limit (folded into a top-N), a sort with its own limit, a group-by, or nothing. */
        private void end() {
            List<String> nums = of("num");
            String n = pick(nums);
            String order = "by = " + quoted(columns.containsKey("id") && !n.equals("id") ? List.of(n, "id") : List.of(n))
                    + ", descending = [" + random.nextBoolean() + (columns.containsKey("id") && !n.equals("id")
                    ? ", " + random.nextBoolean() : "") + "], nulls = \"" + pick(List.of("first", "last")) + "\"";
            switch (random.nextInt(4)) {
                case 0, 1 -> {
                    last = stage("transform.sort", List.of(last), order);
                    last = stage("transform.limit", List.of(last), "count = " + (1 + random.nextInt(400))
                            + (random.nextBoolean() ? ", offset = " + random.nextInt(50) : ""));
                }
                case 2 -> last = stage("transform.sort", List.of(last), order + ", limit = " + (1 + random.nextInt(300)));
                default -> {
                    List<String> texts = of("text");
                    if (!texts.isEmpty()) {
                        last = stage("transform.group_by", List.of(last), "by = [\"" + pick(texts) + "\"], "
                                + "aggregations = [{ column = \"" + n + "\", operation = \"sum\", output_column = \"s\" }, "
                                + "{ operation = \"count\", output_column = \"c\" }]");
                        last = stage("transform.sort", List.of(last), "by = [\"s\"]"
                                + (random.nextBoolean() ? ", limit = 2" : ""));
                    }
                }
            }
        }

        private String condition(List<String> nums) {
            String n = pick(nums);
            int v = random.nextInt(1_000);
            return switch (random.nextInt(4)) {
                case 0 -> n + " > " + v;
                case 1 -> n + " is null or " + n + " <= " + v;
                case 2 -> "not (" + n + " between " + v + " and " + (v + 300) + ")";
                default -> columns.containsKey("flag") && "bool".equals(columns.get("flag")) ? "flag or " + n + " < " + v
                        : n + " >= " + v;
            };
        }

        private void rename(String from, String to) {
            Map<String, String> renamed = new LinkedHashMap<>();
            columns.forEach((name, kind) -> renamed.put(name.equals(from) ? to : name, kind));
            columns.clear();
            columns.putAll(renamed);
        }

        private List<String> of(String kind) {
            List<String> out = new ArrayList<>();
            columns.forEach((name, k) -> {
                if (k.equals(kind)) {
                    out.add(name);
                }
            });
            if (out.isEmpty() && kind.equals("num")) {
                // Every plan keeps a number to compute with: add one.
                columns.put("one", "num");
                last = stage("transform.map", List.of(last), "columns = { one = \"1\" }");
                out.add("one");
            }
            return out;
        }

        private String pick(List<String> from) {
            return from.get(random.nextInt(from.size()));
        }

        private static String quoted(List<String> names) {
            return names.stream().map(n -> "\"" + n + "\"").reduce((a, b) -> a + ", " + b).map(s -> "[" + s + "]")
                    .orElse("[]");
        }

        /** @return the id of a new stage of {@code type} reading {@code inputs}, with {@code config} (a table's inside) */
        private String stage(String type, List<String> inputs, String config) {
            String id = "s" + count++;
            text.append("[[stages]]\nid = \"").append(id).append("\"\ntype = \"").append(type).append("\"\ninputs = ")
                    .append(quoted(inputs)).append('\n');
            if (config != null) {
                text.append("config = { ").append(config).append(" }\n");
            }
            return id;
        }
    }
}
