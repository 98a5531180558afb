package io.conveyor.engine.internal.stages.transform.sort;

import static io.conveyor.engine.internal.stages.Batches.row;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SortFactoryTest {
    private final SortFactory factory = new SortFactory();
    @TempDir
    Path dir;

    private final List<RecordBatch> input = List.of(
            Batches.of(row("id", 1L, "amount", 5.0, "name", "carol", "vip", true),
                    row("id", 2L, "amount", null, "name", "bob", "vip", false),
                    row("id", 3L, "amount", 7.5, "name", null, "vip", true)),
            Batches.of(row("id", 4L, "amount", 5.0, "name", "alice", "vip", null),
                    row("id", 5L, "amount", -1.0, "name", "bob", "vip", false)));

    private List<Object> ids(Map<String, ?> config) throws Exception {
        return ids(config, input);
    }

    private List<Object> ids(Map<String, ?> config, List<RecordBatch> in) throws Exception {
        List<Object> out = new ArrayList<>();
        StageHarness.rows(new StageHarness(dir).transform(factory, config, in)).forEach(r -> out.add(r.get("id")));
        return out;
    }

    @Test
    void sortsByOneKeyStablyWithNullsLast() throws Exception {
        assertEquals(List.of(5L, 1L, 4L, 3L, 2L), ids(Map.of("by", "amount")));
        assertEquals(List.of(3L, 1L, 4L, 5L, 2L), ids(Map.of("by", "amount", "descending", true)));
        assertEquals(List.of(2L, 5L, 1L, 4L, 3L), ids(Map.of("by", "amount", "nulls", "first")));
        assertEquals(List.of(2L, 3L, 1L, 4L, 5L), ids(Map.of("by", "amount", "descending", true, "nulls", "first")));
        assertEquals(List.of(4L, 2L, 5L, 1L, 3L), ids(Map.of("by", "name")));
        assertEquals(List.of(2L, 5L, 1L, 3L, 4L), ids(Map.of("by", "vip")));
    }

    @Test
    void sortsByManyKeysWithOneDirectionEach() throws Exception {
        assertEquals(List.of(3L, 4L, 1L, 5L, 2L), ids(Map.of("by", List.of("amount", "id"),
                "descending", List.of(true, true))));
        assertEquals(List.of(3L, 1L, 4L, 5L, 2L), ids(Map.of("by", List.of("amount", "id"),
                "descending", List.of(true, false))));
        assertEquals(List.of(4L, 5L, 2L, 1L, 3L), ids(Map.of("by", List.of("name", "id"),
                "descending", List.of(false, true))));
    }

    @Test
    void sortsDatesAndTakesColumnsWidenedBetweenBatches() throws Exception {
        List<RecordBatch> days = List.of(
                Batches.of(row("id", 1L, "d", LocalDate.of(2024, 5, 1), "x", 3L)),
                Batches.of(row("id", 2L, "d", LocalDate.of(2023, 5, 1), "x", 2.5),
                        row("id", 3L, "d", LocalDate.of(2025, 1, 1), "x", 10L)));
        assertEquals(List.of(2L, 1L, 3L), ids(Map.of("by", "d"), days));
        List<RecordBatch> out = new StageHarness(dir).transform(factory, Map.of("by", "x"), days);
        assertEquals(DataType.DOUBLE, out.get(0).schema().field(2).type());
        assertEquals(List.of(2.5, 3.0, 10.0), StageHarness.rows(out).stream().map(r -> r.get("x")).toList());
    }

    @Test
    void limitKeepsTheTopRowsAndMatchesAFullSortOnManyRows() throws Exception {
        Random random = new Random(7);
        List<RecordBatch> many = new ArrayList<>();
        List<long[]> reference = new ArrayList<>();
        for (int b = 0; b < 30; b++) {
            ColumnBuilder id = new ColumnBuilder(DataType.LONG, 5000);
            ColumnBuilder amount = new ColumnBuilder(DataType.LONG, 5000);
            for (int i = 0; i < 5000; i++) {
                long v = random.nextInt(1000);
                long key = b * 5000L + i;
                id.appendLong(key);
                amount.appendLong(v);
                reference.add(new long[] {v, key});
            }
            many.add(new RecordBatch(Schema.of(new Field("id", DataType.LONG), new Field("amount", DataType.LONG)),
                    List.of(id.build(), amount.build()), 5000));
        }
        reference.sort(Comparator.<long[]>comparingLong(a -> -a[0]));
        List<Object> expected = reference.stream().limit(1000).map(a -> (Object) a[1]).toList();
        assertEquals(expected, ids(Map.of("by", "amount", "descending", true, "limit", 1000L), many));
        List<Object> full = ids(Map.of("by", "amount", "descending", true), many);
        assertEquals(150_000, full.size());
        assertEquals(expected, full.subList(0, 1000));
        assertEquals(List.of(), ids(Map.of("by", "amount", "limit", 0L), many));
    }

    @Test
    void limitGivesTheFullSortsFirstRowsForDoubleKeysWithNullsTiesAndEveryDirection() throws Exception {
        // Enough rows that the top-N cuts several times and then narrows batches by its bound.
        Random random = new Random(3);
        List<RecordBatch> many = new ArrayList<>();
        Schema schema = Schema.of(new Field("id", DataType.LONG), new Field("amount", DataType.DOUBLE),
                new Field("group", DataType.LONG));
        for (int b = 0; b < 40; b++) {
            ColumnBuilder id = new ColumnBuilder(DataType.LONG, 5000);
            ColumnBuilder amount = new ColumnBuilder(DataType.DOUBLE, 5000);
            ColumnBuilder group = new ColumnBuilder(DataType.LONG, 5000);
            for (int i = 0; i < 5000; i++) {
                id.appendLong(b * 5000L + i);
                if (random.nextInt(30) == 0) {
                    amount.appendNull();
                } else {
                    amount.appendDouble(random.nextInt(8) / 4.0 - 1);
                }
                // Few first-key values and a second key that grows with the input: rows tying the
                // N-th row's first key keep arriving and must still get in.
                group.appendLong(b);
            }
            many.add(new RecordBatch(schema, List.of(id.build(), amount.build(), group.build()), 5000));
        }
        for (boolean desc : new boolean[] {false, true}) {
            for (String nulls : List.of("last", "first")) {
                Map<String, Object> config = Map.of("by", List.of("amount", "group"), "descending", List.of(desc, true),
                        "nulls", nulls);
                List<Object> full = ids(config, many);
                for (long limit : new long[] {1, 700, 9000}) {
                    Map<String, Object> limited = new java.util.HashMap<>(config);
                    limited.put("limit", limit);
                    assertEquals(full.subList(0, (int) limit), ids(limited, many), desc + " " + nulls + " " + limit);
                }
            }
        }
    }

    @Test
    void emptyInputGivesNothingAndEmptyBatchesGiveAnEmptyBatch() throws Exception {
        assertEquals(List.of(), new StageHarness(dir).transform(factory, Map.of("by", "id"), List.of()));
        List<RecordBatch> out = new StageHarness(dir).transform(factory, Map.of("by", "id"),
                List.of(input.get(0).slice(0, 0)));
        assertEquals(1, out.size());
        assertEquals(0, out.get(0).rowCount());
        assertEquals(input.get(0).schema(), out.get(0).schema());
    }

    @Test
    void errorsNameTheKey() throws Exception {
        StageHarness h = new StageHarness(dir);
        ConfigException desc = assertThrows(ConfigException.class, () -> h.config(factory,
                Map.of("by", List.of("a", "b"), "descending", List.of(true))));
        assertEquals("test.toml:1:1: stage 'test', key 'descending': has 1 entries for 2 sort keys; give one bool per "
                + "key in `by`, or a single bool for all", desc.getMessage());
        ConfigException twice = assertThrows(ConfigException.class, () -> h.config(factory,
                Map.of("by", List.of("a", "a"))));
        assertEquals("test.toml:1:1: stage 'test', key 'by': column 'a' is named twice", twice.getMessage());
        ConfigException column = assertThrows(ConfigException.class, () -> factory.outputSchema(
                h.config(factory, Map.of("by", List.of("id", "amout"))), List.of(input.get(0).schema())));
        assertEquals("test.toml:1:1: stage 'test', key 'by': column 'amout' not found; available columns: id, amount, "
                + "name, vip (did you mean 'amount'?)", column.getMessage());
        StageException run = assertThrows(StageException.class, () -> ids(Map.of("by", "nmae")));
        assertEquals("column 'nmae' not found; available columns: id, amount, name, vip (did you mean 'name'?)",
                run.getMessage());
        assertTrue(factory.descriptor().isBlocking());
        assertTrue(factory.descriptor().description().contains("Blocking"));
    }

    @Test
    void aCancelledRunFailsTheSortInsteadOfEmittingPartOfTheInput() throws Exception {
        StageHarness h = new StageHarness(dir);
        h.context.cancel();
        try (io.conveyor.api.BatchStream s = factory.open(h.config(factory, Map.of("by", "id")),
                List.of(StageHarness.of(input)), h.context)) {
            StageException e = assertThrows(StageException.class, s::next);
            assertEquals("the run was cancelled before the input ended", e.getMessage());
        }
    }

    @Test
    void runsInAPipeline() throws Exception {
        CsvPipeline.Outcome o = new CsvPipeline(dir).batchSize(2).run(factory,
                Map.of("by", List.of("amount", "id"), "descending", List.of(true, false)),
                "id,amount\n1,10.5\n2,3\n3,10.5\n4,99\n5,3\n");
        assertEquals(RunStatus.SUCCEEDED, o.result().status(), o.log());
        assertEquals("id,amount\n4,99.0\n1,10.5\n3,10.5\n2,3.0\n5,3.0\n", o.output());
    }
}
