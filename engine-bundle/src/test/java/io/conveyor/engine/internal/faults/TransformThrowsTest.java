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
import io.conveyor.engine.internal.exec.FakeStages.PassThrough;
import io.conveyor.engine.internal.exec.FakeStages.Step;
import io.conveyor.engine.internal.exec.TestPipeline;
import io.conveyor.engine.internal.stages.csv.CsvSinkFactory;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Property: a transform that throws takes its downstream with it (no partial file, never
 * fed empty data); a retried transform re-reads its input from the engine's replay buffer
 * and emits every row exactly once, and it is not retried once that buffer was exceeded.
 */
class TransformThrowsTest {
    @TempDir
    Path dir;
    private FaultBench bench;

    @BeforeEach
    void setUp() {
        bench = new FaultBench(dir);
    }

    private TestPipeline pipeline(Strategy strategy, int batches, Step transformStep) {
        return new TestPipeline().strategy(strategy, 2)
                .stage("src", new NumberSource(batches, 50))
                .stage("t", new PassThrough(transformStep), "src")
                .stage("out", new CsvSinkFactory(), null, bench.csvConfig("out.csv"), "t");
    }

    private static Step throwingAt(int batch, Exception failure, AtomicBoolean once) {
        return (i, c) -> {
            if (i == batch && (once == null || once.compareAndSet(false, true))) {
                throw failure;
            }
        };
    }

    @Test
    void stop() throws Exception {
        RunResult r = bench.run(pipeline(Strategy.STOP, 10,
                throwingAt(3, new IllegalStateException("divide by zero in 'ratio'"), null)).build());
        assertEquals(RunStatus.FAILED, r.status());
        assertEquals("stage 't' failed: IllegalStateException: divide by zero in 'ratio'", r.error());
        assertEquals(List.of(), bench.files());
        assertTrue(FaultBench.summary(r).contains("stage 't' failed: IllegalStateException: divide by zero"));
    }

    @Test
    void continueSkipsDownstreamOnly() throws Exception {
        RunResult r = bench.run(new TestPipeline().strategy(Strategy.CONTINUE, 0)
                .stage("src", new NumberSource(10, 50))
                .stage("t", new PassThrough(throwingAt(3, new StageException("cannot parse 'x'"), null)), "src")
                .stage("t2", new PassThrough(), "t")
                .stage("out", new CsvSinkFactory(), null, bench.csvConfig("out.csv"), "t2")
                .stage("other", new CsvSinkFactory(), null, bench.csvConfig("other.csv"), "src").build());
        assertEquals(RunStatus.FAILED, r.status());
        assertEquals(StageStatus.SKIPPED, r.stage("t2").status());
        assertEquals(StageStatus.SKIPPED, r.stage("out").status());
        // Two stages down, the summary still names the stage that failed.
        assertEquals("upstream stage 't' did not finish", r.stage("out").error());
        assertTrue(FaultBench.summary(r).contains("(skipped: t2, out)"), FaultBench.summary(r));
        assertEquals(StageStatus.SUCCEEDED, r.stage("other").status());
        assertEquals(List.of("other.csv"), bench.files());
        assertEquals(numberLines(0, 500), bench.read("other.csv"));
    }

    @Test
    void retryReplaysTheInputAndEmitsEveryRowOnce() throws Exception {
        NumberSource src = new NumberSource(10, 50);
        RunResult r = bench.run(new TestPipeline().strategy(Strategy.RETRY, 2)
                .stage("src", src)
                .stage("t", new PassThrough(throwingAt(3,
                        StageException.transientFailure("lookup service busy", null), new AtomicBoolean())), "src")
                .stage("out", new CsvSinkFactory(), null, bench.csvConfig("out.csv"), "t").build());
        assertEquals(RunStatus.SUCCEEDED, r.status(), r::toString);
        assertEquals(numberLines(0, 500), bench.read("out.csv"));
        assertEquals(1, src.opened.get(), "the source is not re-run for its consumer");
        assertEquals(500, r.stage("t").recordsIn());
        assertEquals(500, r.stage("t").recordsOut());
        assertTrue(bench.log().contains("[t] transient failure, retry 1 of 2"), bench.log());
    }

    @Test
    void retryIsRefusedOnceTheReplayBufferWasExceeded() throws Exception {
        RunResult r = bench.run(pipeline(Strategy.RETRY, 30,
                throwingAt(20, StageException.transientFailure("lookup service busy", null), new AtomicBoolean()))
                .build());
        assertEquals(RunStatus.FAILED, r.status());
        assertEquals(List.of(), bench.files());
        assertTrue(bench.log().contains("[t] not retried: the stage had read more than the 16 batches per input"),
                bench.log());
    }

    @Test
    void aStageOnErrorContinueInsideAStopPipeline() throws Exception {
        RunResult r = bench.run(new TestPipeline()
                .stage("src", new NumberSource(4, 50))
                .stage("lenient", new PassThrough(throwingAt(1, new StageException("bad row"), null)), "src")
                .with(Strategy.CONTINUE, 0)
                .stage("out", new CsvSinkFactory(), null, bench.csvConfig("out.csv"), "lenient")
                .stage("strict", new CsvSinkFactory(), null, bench.csvConfig("strict.csv"), "src").build());
        assertEquals(RunStatus.FAILED, r.status());
        assertEquals(StageStatus.SKIPPED, r.stage("out").status());
        assertEquals(StageStatus.SUCCEEDED, r.stage("strict").status());
        assertEquals(numberLines(0, 200), bench.read("strict.csv"));
        assertEquals(List.of("strict.csv"), bench.files());
    }
}
