package io.conveyor.engine.internal.faults;

import static io.conveyor.engine.internal.faults.FaultBench.numberLines;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.conveyor.api.RunResult;
import io.conveyor.api.RunStatus;
import io.conveyor.api.StageException;
import io.conveyor.api.StageStatus;
import io.conveyor.engine.internal.config.ErrorHandling.Strategy;
import io.conveyor.engine.internal.exec.FakeStages.NumberSource;
import io.conveyor.engine.internal.exec.TestPipeline;
import io.conveyor.engine.internal.faults.FaultBench.FailingCsvSink;
import io.conveyor.engine.internal.stages.csv.CsvSinkFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Property: a sink that fails on its second batch replaces nothing — the good file from an
 * earlier run stays intact, no temporary file is left — and it is never retried, because a
 * retry would write its first batch twice. A sink that fails before its first write went
 * through is retried after its partial output was aborted.
 */
class SinkFailsOnSecondBatchTest {
    private static final List<String> EARLIER_RUN = List.of("n", "42");
    @TempDir
    Path dir;
    private FaultBench bench;

    @BeforeEach
    void setUp() throws Exception {
        bench = new FaultBench(dir);
        Files.write(dir.resolve("out.csv"), EARLIER_RUN);
    }

    private TestPipeline pipeline(Strategy strategy, StageException failure, int atBatch, AtomicBoolean once) {
        return new TestPipeline().strategy(strategy, 2)
                .stage("src", new NumberSource(5, 40))
                .stage("out", new FailingCsvSink((i, c) -> {
                    if (i == atBatch && (once == null || once.compareAndSet(false, true))) {
                        throw failure;
                    }
                }), null, bench.csvConfig("out.csv"), "src");
    }

    @Test
    void stop() throws Exception {
        RunResult r = bench.run(pipeline(Strategy.STOP, new StageException("disk quota exceeded"), 1, null).build());
        assertEquals(RunStatus.FAILED, r.status());
        assertEquals("stage 'out' failed: disk quota exceeded", r.error());
        assertEquals(EARLIER_RUN, bench.read("out.csv"), "the earlier good output is intact");
        assertEquals(List.of("out.csv"), bench.files(), "no temporary file is left");
    }

    @Test
    void continueLetsTheOtherSinkFinish() throws Exception {
        RunResult r = bench.run(pipeline(Strategy.CONTINUE, new StageException("disk quota exceeded"), 1, null)
                .stage("copy", new CsvSinkFactory(), null, bench.csvConfig("copy.csv"), "src").build());
        assertEquals(RunStatus.FAILED, r.status());
        assertEquals(StageStatus.FAILED, r.stage("out").status());
        assertEquals(StageStatus.SUCCEEDED, r.stage("copy").status());
        assertEquals(numberLines(0, 200), bench.read("copy.csv"));
        assertEquals(EARLIER_RUN, bench.read("out.csv"));
        assertEquals(List.of("copy.csv", "out.csv"), bench.files());
    }

    @Test
    void retryRefusesToWriteTheFirstBatchTwice() throws Exception {
        RunResult r = bench.run(pipeline(Strategy.RETRY,
                StageException.transientFailure("server busy", null), 1, new AtomicBoolean()).build());
        assertEquals(RunStatus.FAILED, r.status());
        assertEquals("stage 'out' failed: server busy", r.error());
        assertTrue(bench.log().contains("[out] not retried: the sink had already written 1 batch, which a retry "
                + "would write again"), bench.log());
        assertEquals(EARLIER_RUN, bench.read("out.csv"));
        assertEquals(List.of("out.csv"), bench.files());
    }

    @Test
    void retryBeforeTheFirstWriteWentThroughAbortsAndStartsAgain() throws Exception {
        RunResult r = bench.run(pipeline(Strategy.RETRY,
                StageException.transientFailure("server busy", null), 0, new AtomicBoolean()).build());
        assertEquals(RunStatus.SUCCEEDED, r.status(), r::toString);
        assertEquals(numberLines(0, 200), bench.read("out.csv"));
        assertEquals(200, r.stage("out").recordsOut());
        assertEquals(List.of("out.csv"), bench.files(), "the aborted attempt's temporary file is gone");
        assertTrue(bench.log().contains("[out] transient failure, retry 1 of 2"), bench.log());
    }
}
