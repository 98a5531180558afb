package io.conveyor.engine.internal.stages.transform.aggregate;

import static io.conveyor.engine.internal.stages.Batches.row;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.conveyor.api.ColumnBuilder;
import io.conveyor.api.ConfigException;
import io.conveyor.api.DataType;
import io.conveyor.api.Field;
import io.conveyor.api.RecordBatch;
import io.conveyor.api.RunStatus;
import io.conveyor.api.Schema;
import io.conveyor.api.StageException;
import io.conveyor.engine.internal.stages.Batches;
import io.conveyor.engine.internal.stages.StageHarness;
import io.conveyor.engine.internal.stages.transform.CsvPipeline;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GroupByFactoryTest {
    private static final double EPS = 1e-12;
    private final GroupByFactory factory = new GroupByFactory();
    @TempDir
    Path dir;

    /** Groups a, b and null, over two batches. */
    private final List<RecordBatch> input = List.of(
            Batches.of(row("g", "a", "x", 1L, "s", "p"), row("g", "b", "x", 10L, "s", "q"),
                    row("g", "a", "x", 2L, "s", null), row("g", null, "x", null, "s", "r")),
            Batches.of(row("g", "a", "x", 2L, "s", "p"), row("g", "a", "x", 4L, "s", "z"),
                    row("g", null, "x", 3L, "s", "a"), row("g", "a", "x", null, "s", "m")));

    private static Map<String, Object> agg(String column, String operation, String output) {
        Map<String, Object> m = new LinkedHashMap<>();
        if (column != null) {
            m.put("column", column);
        }
        m.put("operation", operation);
        if (output != null) {
            m.put("output_column", output);
        }
        return m;
    }

    private List<Map<String, Object>> run(Map<String, ?> config, List<RecordBatch> in) throws Exception {
        return StageHarness.rows(new StageHarness(dir).transform(factory, config, in));
    }

    private List<Object> column(List<Map<String, Object>> rows, String name) {
        List<Object> out = new ArrayList<>();
        rows.forEach(r -> out.add(r.get(name)));
        return out;
    }

    @Test
    void everyAggregationPerGroupWithNullKeysAsAGroup() throws Exception {
        List<Map<String, Object>> out = run(Map.of("by", "g", "aggregations", List.of(
                agg("x", "sum", "sum"), agg("x", "avg", "avg"), agg(null, "count", "rows"), agg("x", "count", "xs"),
                agg("x", "count_distinct", "distinct"), agg("x", "min", "min"), agg("x", "max", "max"),
                agg("x", "median", "median"), agg("x", "var", "var"), agg("x", "std", "std"),
                agg("x", "first", "first"), agg("x", "last", "last"), agg("s", "min", "smin"),
                agg("s", "max", "smax"), agg("s", "first", "sfirst"), agg("s", "last", "slast"))), input);
        assertEquals(java.util.Arrays.asList("a", "b", null), column(out, "g"));
        assertEquals(List.of(9L, 10L, 3L), column(out, "sum"));
        assertEquals(List.of(2.25, 10.0, 3.0), column(out, "avg"));
        assertEquals(List.of(5L, 1L, 2L), column(out, "rows"));
        assertEquals(List.of(4L, 1L, 1L), column(out, "xs"));
        assertEquals(List.of(3L, 1L, 1L), column(out, "distinct"));
        assertEquals(List.of(1L, 10L, 3L), column(out, "min"));
        assertEquals(List.of(4L, 10L, 3L), column(out, "max"));
        assertEquals(List.of(2.0, 10.0, 3.0), column(out, "median"));
        assertEquals(4.75 / 3, (Double) out.get(0).get("var"), EPS);
        assertEquals(Math.sqrt(4.75 / 3), (Double) out.get(0).get("std"), EPS);
        assertNull(out.get(1).get("var"));
        assertNull(out.get(2).get("std"));
        assertEquals(java.util.Arrays.asList(1L, 10L, null), column(out, "first"));
        assertEquals(java.util.Arrays.asList(null, 10L, 3L), column(out, "last"));
        assertEquals(List.of("m", "q", "a"), column(out, "smin"));
        assertEquals(List.of("z", "q", "r"), column(out, "smax"));
        assertEquals(java.util.Arrays.asList("p", "q", "r"), column(out, "sfirst"));
        assertEquals(List.of("m", "q", "a"), column(out, "slast"));
    }

    @Test
    void medianOfAnOddCountAndStatisticsOfDoublesAgreeWithTwoPassFormulas() throws Exception {
        double[] xs = {1e9 + 4, 1e9 + 7, 1e9 + 13, 1e9 + 16, 1e9 + 0.5};
        List<Map<String, Object>> rows = new ArrayList<>();
        for (double x : xs) {
            rows.add(row("x", x));
        }
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> out = run(Map.of("aggregations", List.of(agg("x", "median", "m"),
                agg("x", "var", "v"), agg("x", "std", "s"), agg("x", "avg", "a"), agg("x", "sum", "t"))),
                List.of(Batches.of(rows.toArray(new Map[0]))));
        double mean = 0;
        for (double x : xs) {
            mean += x / xs.length;
        }
        double ss = 0;
        for (double x : xs) {
            ss += (x - mean) * (x - mean);
        }
        assertEquals(1e9 + 7, (Double) out.get(0).get("m"), EPS);
        assertEquals(ss / 4, (Double) out.get(0).get("v"), 1e-6);
        assertEquals(Math.sqrt(ss / 4), (Double) out.get(0).get("s"), 1e-6);
        assertEquals(mean, (Double) out.get(0).get("a"), 1e-6);
        assertEquals(DataType.DOUBLE, io.conveyor.api.Values.typeOf(out.get(0).get("t")));
    }

    @Test
    void manyKeysInFirstSeenOrderAndEveryKeyType() throws Exception {
        List<RecordBatch> in = List.of(
                Batches.of(row("c", "DE", "k", "x", "flag", true, "d", java.time.LocalDate.of(2024, 1, 1), "v", 1.5),
                        row("c", "FR", "k", "x", "flag", false, "d", java.time.LocalDate.of(2024, 1, 2), "v", 2.0)),
                Batches.of(row("c", "DE", "k", "y", "flag", true, "d", java.time.LocalDate.of(2024, 1, 1), "v", 0.5),
                        row("c", "DE", "k", "x", "flag", true, "d", java.time.LocalDate.of(2024, 1, 1), "v", 4.0)));
        List<Map<String, Object>> out = run(Map.of("by", List.of("c", "k"),
                "aggregations", List.of(agg("v", "sum", null), agg(null, "count", null))), in);
        assertEquals(List.of(row("c", "DE", "k", "x", "v_sum", 5.5, "count", 2L),
                row("c", "FR", "k", "x", "v_sum", 2.0, "count", 1L),
                row("c", "DE", "k", "y", "v_sum", 0.5, "count", 1L)), out);
        List<Map<String, Object>> byFlagAndDay = run(Map.of("by", List.of("flag", "d"),
                "aggregations", List.of(agg(null, "count", "n"))), in);
        assertEquals(List.of(row("flag", true, "d", java.time.LocalDate.of(2024, 1, 1), "n", 3L),
                row("flag", false, "d", java.time.LocalDate.of(2024, 1, 2), "n", 1L)), byFlagAndDay);
    }

    @Test
    void aColumnWidenedBetweenBatchesWidensItsKeysAndAggregates() throws Exception {
        List<RecordBatch> in = List.of(
                Batches.of(row("k", 1L, "x", 5L), row("k", 2L, "x", 1L)),
                Batches.of(row("k", 1.0, "x", 2.5), row("k", 2.5, "x", 7L)));
        List<Map<String, Object>> out = run(Map.of("by", "k", "aggregations", List.of(agg("x", "sum", "s"),
                agg("x", "max", "mx"), agg("x", "first", "f"))), in);
        assertEquals(List.of(row("k", 1.0, "s", 7.5, "mx", 5.0, "f", 5.0), row("k", 2.0, "s", 1.0, "mx", 1.0, "f", 1.0),
                row("k", 2.5, "s", 7.0, "mx", 7.0, "f", 7.0)), out);
    }

    @Test
    void aDoubleSumOfManyTwoDecimalAmountsIsTheExactTotal() throws Exception {
        // 0.1 + 0.2 + ... drifts when added naively; 100 000 amounts of 0.01..10.00 must total exactly
        // what the same sum in cents says.
        java.util.Random random = new java.util.Random(7);
        List<RecordBatch> in = new ArrayList<>();
        long cents = 0;
        for (int b = 0; b < 25; b++) {
            List<Map<String, Object>> rows = new ArrayList<>();
            for (int r = 0; r < 4000; r++) {
                long c = 1 + random.nextInt(1000);
                cents += c;
                rows.add(row("x", c / 100.0));
            }
            in.add(Batches.of(rows.toArray(new Map[0])));
        }
        List<Map<String, Object>> out = run(Map.of("aggregations", List.of(agg("x", "sum", "s"))), in);
        assertEquals(List.of(row("s", cents / 100.0)), out);
        assertEquals(List.of(row("s", 0.6)), run(Map.of("aggregations", List.of(agg("x", "sum", "s"))),
                List.of(Batches.of(row("x", 0.1), row("x", 0.2), row("x", 0.3)))));
    }

    @Test
    void withoutByOneRowEvenForAnEmptyInputAndNothingWithoutAnyBatch() throws Exception {
        RecordBatch empty = input.get(0).slice(0, 0);
        assertEquals(List.of(row("n", 0L, "s", null, "a", null)), run(Map.of("aggregations", List.of(
                agg(null, "count", "n"), agg("x", "sum", "s"), agg("x", "avg", "a"))), List.of(empty)));
        assertEquals(List.of(row("n", 8L, "s", 22L)), run(Map.of("aggregations", List.of(
                agg(null, "count", "n"), agg("x", "sum", "s"))), input));
        assertEquals(List.of(), run(Map.of("by", "g", "aggregations", List.of(agg(null, "count", "n"))),
                List.of(empty)));
        assertEquals(List.of(), run(Map.of("aggregations", List.of(agg(null, "count", "n"))), List.of()));
    }

    @Test
    void thousandsOfGroupsMatchAStraightforwardComputation() throws Exception {
        Random random = new Random(3);
        Map<String, long[]> expected = new LinkedHashMap<>();
        Map<String, Double> expectedQty = new HashMap<>();
        List<RecordBatch> in = new ArrayList<>();
        Schema schema = Schema.of(new Field("country", DataType.STRING), new Field("category", DataType.STRING),
                new Field("amount", DataType.LONG), new Field("quantity", DataType.DOUBLE));
        for (int b = 0; b < 20; b++) {
            ColumnBuilder c = new ColumnBuilder(DataType.STRING, 3000);
            ColumnBuilder k = new ColumnBuilder(DataType.STRING, 3000);
            ColumnBuilder a = new ColumnBuilder(DataType.LONG, 3000);
            ColumnBuilder q = new ColumnBuilder(DataType.DOUBLE, 3000);
            for (int i = 0; i < 3000; i++) {
                String country = "C" + random.nextInt(50);
                String category = "K" + random.nextInt(40);
                long amount = random.nextInt(1000);
                double quantity = random.nextInt(10) / 4.0;
                c.appendObject(country);
                k.appendObject(category);
                a.appendLong(amount);
                q.appendDouble(quantity);
                long[] acc = expected.computeIfAbsent(country + "/" + category, x -> new long[2]);
                acc[0] += amount;
                acc[1]++;
                expectedQty.merge(country + "/" + category, quantity, Double::sum);
            }
            in.add(new RecordBatch(schema, List.of(c.build(), k.build(), a.build(), q.build()), 3000));
        }
        List<Map<String, Object>> out = run(Map.of("by", List.of("country", "category"), "aggregations", List.of(
                agg("amount", "sum", "total"), agg(null, "count", "n"), agg("quantity", "avg", "q"))), in);
        assertEquals(new ArrayList<>(expected.keySet()),
                out.stream().map(r -> r.get("country") + "/" + r.get("category")).toList());
        for (Map<String, Object> r : out) {
            String key = r.get("country") + "/" + r.get("category");
            assertEquals(expected.get(key)[0], r.get("total"), key);
            assertEquals(expected.get(key)[1], r.get("n"), key);
            assertEquals(expectedQty.get(key) / expected.get(key)[1], (Double) r.get("q"), 1e-9, key);
        }
    }

    @Test
    void outputSchemaIsKnownAtCompileTime() throws Exception {
        StageHarness h = new StageHarness(dir);
        Schema in = Schema.of(new Field("g", DataType.STRING), new Field("x", DataType.LONG),
                new Field("t", DataType.TIMESTAMP));
        assertEquals(Schema.of(new Field("g", DataType.STRING), new Field("x_sum", DataType.LONG),
                new Field("x_avg", DataType.DOUBLE), new Field("count", DataType.LONG),
                new Field("t_max", DataType.TIMESTAMP), new Field("t_count_distinct", DataType.LONG)),
                factory.outputSchema(h.config(factory, Map.of("by", "g", "aggregations", List.of(agg("x", "sum", null),
                        agg("x", "avg", null), agg(null, "count", null), agg("t", "max", null),
                        agg("t", "count_distinct", null)))), List.of(in)));
    }

    @Test
    void errorsNameTheAggregation() throws Exception {
        StageHarness h = new StageHarness(dir);
        Schema in = Schema.of(new Field("g", DataType.STRING), new Field("amount", DataType.DOUBLE));
        ConfigException op = assertThrows(ConfigException.class, () -> h.config(factory,
                Map.of("aggregations", List.of(agg("amount", "summ", null)))));
        assertEquals("test.toml:1:1: stage 'test', key 'aggregations[0].operation': unknown operation 'summ'; use one "
                + "of sum, avg, count, count_distinct, min, max, median, std, var, first, last (did you mean 'sum'?)",
                op.getMessage());
        ConfigException noColumn = assertThrows(ConfigException.class, () -> h.config(factory,
                Map.of("aggregations", List.of(agg(null, "count", null), agg(null, "max", null)))));
        assertEquals("test.toml:1:1: stage 'test', key 'aggregations[1]': operation 'max' needs a 'column'",
                noColumn.getMessage());
        ConfigException key = assertThrows(ConfigException.class, () -> h.config(factory,
                Map.of("aggregations", List.of(Map.of("colum", "amount", "operation", "sum")))));
        assertEquals("test.toml:1:1: stage 'test', key 'aggregations[0].colum': unknown key 'colum'; an aggregation "
                + "takes column, operation and output_column (did you mean 'column'?)", key.getMessage());
        ConfigException clash = assertThrows(ConfigException.class, () -> h.config(factory,
                Map.of("by", "g", "aggregations", List.of(agg("amount", "sum", "g")))));
        assertEquals("test.toml:1:1: stage 'test', key 'aggregations[0]': output column 'g' is also a group key; "
                + "choose another output_column", clash.getMessage());
        ConfigException twice = assertThrows(ConfigException.class, () -> h.config(factory,
                Map.of("aggregations", List.of(agg("amount", "sum", "t"), agg("amount", "max", "t")))));
        assertEquals("test.toml:1:1: stage 'test', key 'aggregations[1]': output column 't' is produced twice; give "
                + "each aggregation its own output_column", twice.getMessage());
        ConfigException unknown = assertThrows(ConfigException.class, () -> factory.outputSchema(h.config(factory,
                Map.of("by", "g", "aggregations", List.of(agg("amonut", "sum", null)))), List.of(in)));
        assertEquals("test.toml:1:1: stage 'test', key 'aggregations[0].column': column 'amonut' not found; available "
                + "columns: g, amount (did you mean 'amount'?)", unknown.getMessage());
        ConfigException text = assertThrows(ConfigException.class, () -> factory.outputSchema(h.config(factory,
                Map.of("aggregations", List.of(agg("g", "avg", null)))), List.of(in)));
        assertEquals("test.toml:1:1: stage 'test', key 'aggregations[0].column': operation 'avg' needs a long or "
                + "double column; column 'g' is string (convert it first with transform.cast; a column of numbers read "
                + "from CSV is string when some of its fields are empty; null_values = [\"\"] on the source reads those "
                + "as nulls)", text.getMessage());
        StageException atRun = assertThrows(StageException.class, () -> run(Map.of("by", "gg",
                "aggregations", List.of(agg(null, "count", null))), input));
        assertEquals("column 'gg' not found; available columns: g, x, s (did you mean 'g'?)", atRun.getMessage());
        StageException overflow = assertThrows(StageException.class, () -> run(Map.of("aggregations",
                List.of(agg("x", "sum", null))), List.of(Batches.of(row("x", Long.MAX_VALUE), row("x", 1L)))));
        assertEquals("the sum overflows a long (more than 9223372036854775807); cast the column to double first with "
                + "transform.cast", overflow.getMessage());
    }

    @Test
    void runsInAPipeline() throws Exception {
        CsvPipeline.Outcome o = new CsvPipeline(dir).batchSize(2).run(factory, Map.of("by", List.of("country"),
                "aggregations", List.of(agg("amount", "sum", "total"), agg(null, "count", "orders"))),
                "country,amount\nDE,10\nFR,5\nDE,2\nUS,1\nFR,1\n");
        assertEquals(RunStatus.SUCCEEDED, o.result().status(), o.log());
        assertEquals("country,total,orders\nDE,12,2\nFR,6,2\nUS,1,1\n", o.output());
    }
    @Test
    void theAverageOfALongColumnIsItsExactSumDividedOnce() throws Exception {
        // Each group's average is the double nearest the true one: a long sum divided once, where
        // a running mean, updated value by value, drifted in the last digits (10993 / 1024 came
        // out as 10.735351562499998).
        Random random = new Random(21);
        List<Map<String, Object>> rows = new ArrayList<>();
        Map<Long, long[]> exact = new LinkedHashMap<>();
        for (int i = 0; i < 20_000; i++) {
            long g = random.nextInt(40);
            long q = 1 + random.nextInt(20);
            rows.add(row("g", g, "q", q));
            long[] sn = exact.computeIfAbsent(g, k -> new long[2]);
            sn[0] += q;
            sn[1]++;
        }
        List<RecordBatch> in = new ArrayList<>();
        for (int from = 0; from < rows.size(); from += 4096) {
            @SuppressWarnings("unchecked")
            Map<String, Object>[] part = rows.subList(from, Math.min(rows.size(), from + 4096)).toArray(new Map[0]);
            in.add(Batches.of(part));
        }
        List<Map<String, Object>> out = run(Map.of("by", "g", "aggregations", List.of(agg("q", "avg", "a"))), in);
        for (Map<String, Object> r : out) {
            long[] sn = exact.get((Long) r.get("g"));
            double expected = new java.math.BigDecimal(sn[0]).divide(java.math.BigDecimal.valueOf(sn[1]),
                    java.math.MathContext.DECIMAL128).doubleValue();
            assertEquals(expected, (Double) r.get("a"), 0.0, "group " + r.get("g"));
        }
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> one = run(Map.of("aggregations", List.of(agg("q", "avg", "a"))),
                List.of(Batches.of(java.util.stream.IntStream.range(0, 1024)
                        .mapToObj(i -> row("q", i < 753 ? 11L : 10L)).toArray(Map[]::new))));
        assertEquals(10.7353515625, one.get(0).get("a"));
    }

    @Test
    void anAverageGoesOnWhereALongSumWouldOverflowAndAcrossAWidenedColumn() throws Exception {
        long big = Long.MAX_VALUE - 10;
        List<RecordBatch> huge = List.of(Batches.of(row("x", big), row("x", big), row("x", big)));
        assertEquals(List.of((double) big), column(run(Map.of("aggregations", List.of(agg("x", "avg", "a"))), huge), "a"));
        StageException e = assertThrows(StageException.class,
                () -> run(Map.of("aggregations", List.of(agg("x", "sum", "s"))), huge));
        assertEquals("the sum overflows a long (more than 9223372036854775807); cast the column to double first "
                + "with transform.cast", e.getMessage());
        // A column that is long in one batch and double in the next (a source met a fraction).
        List<RecordBatch> widening = List.of(Batches.of(row("x", 1L), row("x", 2L)), Batches.of(row("x", 3.5)));
        assertEquals(List.of(6.5 / 3), column(run(Map.of("aggregations", List.of(agg("x", "avg", "a"))), widening), "a"));
        // Doubles are summed with compensation before the one division: ten times 0.1 is 0.1 on average.
        @SuppressWarnings("unchecked")
        List<RecordBatch> tenths = List.of(Batches.of(java.util.stream.IntStream.range(0, 10)
                .mapToObj(i -> row("x", 0.1)).toArray(Map[]::new)));
        assertEquals(List.of(0.1), column(run(Map.of("aggregations", List.of(agg("x", "avg", "a"))), tenths), "a"));
    }
}
