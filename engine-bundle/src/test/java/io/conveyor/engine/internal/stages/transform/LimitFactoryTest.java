package io.conveyor.engine.internal.stages.transform;

import static io.conveyor.engine.internal.stages.Batches.row;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.conveyor.api.BatchStream;
import io.conveyor.api.ConfigException;
import io.conveyor.api.RecordBatch;
import io.conveyor.api.RunStatus;
import io.conveyor.engine.internal.stages.Batches;
import io.conveyor.engine.internal.stages.StageHarness;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LimitFactoryTest {
    private final LimitFactory factory = new LimitFactory();
    @TempDir
    Path dir;

    /** Batches of 3 rows: ids 0..8; counts how many batches were pulled. */
    private final List<RecordBatch> input = List.of(
            Batches.of(row("id", 0L), row("id", 1L), row("id", 2L)),
            Batches.of(row("id", 3L), row("id", 4L), row("id", 5L)),
            Batches.of(row("id", 6L), row("id", 7L), row("id", 8L)));
    private int pulled;

    private List<Object> ids(Map<String, ?> config) throws Exception {
        List<Object> out = new ArrayList<>();
        StageHarness.rows(batches(config)).forEach(r -> out.add(r.get("id")));
        return out;
    }

    private List<RecordBatch> batches(Map<String, ?> config) throws Exception {
        pulled = 0;
        var it = input.iterator();
        BatchStream counting = () -> {
            if (!it.hasNext()) {
                return null;
            }
            pulled++;
            return it.next();
        };
        StageHarness h = new StageHarness(dir);
        try (BatchStream s = factory.open(h.config(factory, config), List.of(counting), h.context)) {
            return StageHarness.drain(s);
        }
    }

    @Test
    void passesTheFirstRowsAndStopsPullingOnceItHasThem() throws Exception {
        assertEquals(List.of(0L, 1L, 2L, 3L), ids(Map.of("count", 4L)));
        assertEquals(2, pulled);
        assertEquals(List.of(0L, 1L, 2L), ids(Map.of("count", 3L)));
        assertEquals(1, pulled);
        assertEquals(List.of(), ids(Map.of("count", 0L)));
        assertEquals(1, pulled, "one batch, for its columns");
    }

    @Test
    void whenNoRowPassesOneBatchWithoutRowsStillCarriesTheColumns() throws Exception {
        for (Map<String, Long> config : List.of(Map.of("count", 0L), Map.of("count", 3L, "offset", 20L))) {
            List<RecordBatch> out = batches(config);
            assertEquals(1, out.size(), config.toString());
            assertEquals(0, out.get(0).rowCount(), config.toString());
            assertEquals(List.of("id"), out.get(0).schema().names(), config.toString());
        }
        // Rows passed: no extra batch at the end.
        assertEquals(List.of(3, 1), batches(Map.of("count", 4L)).stream().map(RecordBatch::rowCount).toList());
        assertEquals(List.of(2), batches(Map.of("count", 30L, "offset", 7L)).stream().map(RecordBatch::rowCount).toList());
    }

    @Test
    void skipsTheOffsetFirst() throws Exception {
        assertEquals(List.of(4L, 5L, 6L), ids(Map.of("count", 3L, "offset", 4L)));
        assertEquals(List.of(7L, 8L), ids(Map.of("count", 30L, "offset", 7L)));
        assertEquals(List.of(), ids(Map.of("count", 3L, "offset", 20L)));
    }

    @Test
    void negativeNumbersAreConfigErrors() {
        StageHarness h = new StageHarness(dir);
        ConfigException count = assertThrows(ConfigException.class, () -> h.config(factory, Map.of("count", -1L)));
        assertEquals("test.toml:1:1: stage 'test', key 'count': must be 0 or more; found -1", count.getMessage());
        ConfigException offset = assertThrows(ConfigException.class,
                () -> h.config(factory, Map.of("count", 1L, "offset", -2L)));
        assertEquals("test.toml:1:1: stage 'test', key 'offset': must be 0 or more; found -2", offset.getMessage());
    }

    @Test
    void runsInAPipelineStoppingItsSourceEarly() throws Exception {
        StringBuilder csv = new StringBuilder("n\n");
        for (int i = 0; i < 5000; i++) {
            csv.append(i).append('\n');
        }
        CsvPipeline.Outcome o = new CsvPipeline(dir).batchSize(100).run(factory, Map.of("count", 2L, "offset", 150L),
                csv.toString());
        assertEquals(RunStatus.SUCCEEDED, o.result().status(), o.log());
        assertEquals("n\n150\n151\n", o.output());
        assertEquals(2, o.result().stage("t").recordsOut());
        // No row: the CSV file still has its header line, as after a filter that keeps none.
        CsvPipeline.Outcome none = new CsvPipeline(dir).batchSize(100).run(factory, Map.of("count", 0L), csv.toString());
        assertEquals(RunStatus.SUCCEEDED, none.result().status(), none.log());
        assertEquals("n\n", none.output());
    }
}
