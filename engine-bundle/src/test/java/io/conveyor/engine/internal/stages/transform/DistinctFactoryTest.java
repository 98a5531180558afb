package io.conveyor.engine.internal.stages.transform;

import static io.conveyor.engine.internal.stages.Batches.row;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.conveyor.api.ConfigException;
import io.conveyor.api.RecordBatch;
import io.conveyor.api.RunStatus;
import io.conveyor.api.StageException;
import io.conveyor.engine.internal.stages.Batches;
import io.conveyor.engine.internal.stages.StageHarness;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DistinctFactoryTest {
    private final DistinctFactory factory = new DistinctFactory();
    @TempDir
    Path dir;

    private List<Map<String, Object>> run(Map<String, ?> config, List<RecordBatch> in) throws Exception {
        return StageHarness.rows(new StageHarness(dir).transform(factory, config, in));
    }

    @Test
    void keepsFirstOccurrencesOfWholeRowsInOrderAcrossBatchesWithNullsEqual() throws Exception {
        List<RecordBatch> in = List.of(
                Batches.of(row("a", 1L, "b", "x"), row("a", 2L, "b", null), row("a", 1L, "b", "x")),
                Batches.of(row("a", 2L, "b", null), row("a", null, "b", "x"), row("a", 1L, "b", "y"),
                        row("a", null, "b", "x")));
        assertEquals(List.of(row("a", 1L, "b", "x"), row("a", 2L, "b", null), row("a", null, "b", "x"),
                row("a", 1L, "b", "y")), run(Map.of(), in));
    }

    @Test
    void aSubsetOfColumnsKeepsTheWholeFirstRow() throws Exception {
        List<RecordBatch> in = List.of(Batches.of(
                row("k", "a", "v", 1.5, "t", true), row("k", "b", "v", 2.5, "t", false),
                row("k", "a", "v", 3.5, "t", true), row("k", "b", "v", 4.5, "t", true)));
        assertEquals(List.of(row("k", "a", "v", 1.5, "t", true), row("k", "b", "v", 2.5, "t", false)),
                run(Map.of("columns", List.of("k")), in));
        assertEquals(List.of(row("k", "a", "v", 1.5, "t", true), row("k", "b", "v", 2.5, "t", false),
                row("k", "b", "v", 4.5, "t", true)), run(Map.of("columns", List.of("k", "t")), in));
        assertEquals(List.of(row("k", "a", "v", 1.5, "t", true), row("k", "b", "v", 2.5, "t", false)),
                run(Map.of("columns", List.of("t")), in));
    }

    @Test
    void keysOfEveryTypeAndAColumnWidenedBetweenBatches() throws Exception {
        Instant t = Instant.parse("2024-01-01T00:00:00Z");
        List<RecordBatch> in = List.of(
                Batches.of(row("n", 1L, "at", t, "j", Map.of("x", 1L)), row("n", 2L, "at", t, "j", Map.of("x", 1L))),
                Batches.of(row("n", 1.0, "at", t, "j", Map.of("x", 1L)), row("n", 2.5, "at", t, "j", List.of(1L))));
        List<Map<String, Object>> out = run(Map.of(), in);
        assertEquals(List.of(1L, 2L, 2.5), out.stream().map(r -> r.get("n")).toList());
        assertEquals(List.of(), run(Map.of(), List.of()));
    }

    @Test
    void aColumnAddedInALaterBatchIsNullInTheEarlierRows() throws Exception {
        List<RecordBatch> in = List.of(
                Batches.of(row("a", 1L), row("a", 2L)),
                Batches.of(row("a", 1L, "b", null), row("a", 1L, "b", "x"), row("a", 3L, "b", null)));
        assertEquals(List.of(row("a", 1L), row("a", 2L), row("a", 1L, "b", "x"), row("a", 3L, "b", null)),
                run(Map.of(), in));
        StageException e = assertThrows(StageException.class, () -> run(Map.of(), List.of(
                Batches.of(row("a", 1L, "b", 2L)), Batches.of(row("b", 1L, "a", 2L)))));
        assertEquals("the input's columns changed from [a, b] to [b, a] between batches; name the key columns with "
                + "`columns`", e.getMessage());
    }

    @Test
    void errorsNameTheColumn() {
        StageException e = assertThrows(StageException.class, () -> run(Map.of("columns", List.of("kk")),
                List.of(Batches.of(row("k", 1L)))));
        assertEquals("column 'kk' not found; available columns: k (did you mean 'k'?)", e.getMessage());
        ConfigException twice = assertThrows(ConfigException.class, () -> new StageHarness(dir).config(factory,
                Map.of("columns", List.of("k", "k"))));
        assertEquals("test.toml:1:1: stage 'test', key 'columns': column 'k' is named twice", twice.getMessage());
        ConfigException none = assertThrows(ConfigException.class, () -> new StageHarness(dir).config(factory,
                Map.of("columns", List.of())));
        assertEquals("test.toml:1:1: stage 'test', key 'columns': name at least one column, or leave `columns` out "
                + "to compare whole rows", none.getMessage());
    }

    @Test
    void runsInAPipeline() throws Exception {
        CsvPipeline.Outcome o = new CsvPipeline(dir).batchSize(2).run(factory, Map.of("columns", List.of("c")),
                "id,c\n1,DE\n2,FR\n3,DE\n4,US\n5,FR\n");
        assertEquals(RunStatus.SUCCEEDED, o.result().status(), o.log());
        assertEquals("id,c\n1,DE\n2,FR\n4,US\n", o.output());
    }
}
