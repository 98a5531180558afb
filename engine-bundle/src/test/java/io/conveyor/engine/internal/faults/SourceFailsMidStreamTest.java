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
import io.conveyor.engine.internal.stages.csv.CsvSinkFactory;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Property: a source that fails mid-stream never leaves a partial file behind; only a
 * transient failure under {@code retry} is recovered, and then with every row exactly once.
 */
class SourceFailsMidStreamTest {
    @TempDir
    Path dir;
    private FaultBench bench;

    @BeforeEach
    void setUp() {
        bench = new FaultBench(dir);
    }

    /** Ten batches of 100 numbers; before batch 4 the failure (if any) strikes. */
    private static NumberSource failingAt4(StageException failure, AtomicBoolean once) {
        return new NumberSource(10, 100, 0, (i, c) -> {
            if (i == 4 && (once == null || once.compareAndSet(false, true))) {
                throw failure;
            }
        });
    }

    private TestPipeline pipeline(Strategy strategy, NumberSource source) {
        return new TestPipeline().strategy(strategy, 2)
                .stage("src", source)
                .stage("out", new CsvSinkFactory(), null, bench.csvConfig("out.csv"), "src");
    }

    @Test
    void stop() throws Exception {
        // A second branch that would run for ever: the failure must cancel it.
        RunResult r = bench.run(pipeline(Strategy.STOP, failingAt4(new StageException("page 5 of orders is unreadable"), null))
                .stage("endless", new NumberSource(Integer.MAX_VALUE, 10, 0, (i, c) -> Thread.sleep(2)))
                .stage("other", new CsvSinkFactory(), null, bench.csvConfig("other.csv"), "endless").build());
        assertEquals(RunStatus.FAILED, r.status());
        assertEquals(1, r.exitCode());
        assertEquals("stage 'src' failed: page 5 of orders is unreadable", r.error());
        assertEquals(StageStatus.CANCELLED, r.stage("endless").status());
        // Cancelled, or never started when the failure came before its first batch.
        assertTrue(List.of(StageStatus.CANCELLED, StageStatus.PENDING).contains(r.stage("other").status()), r::toString);
        assertEquals(List.of(), bench.files(), "no partial output and no temporary file");
        String summary = FaultBench.summary(r);
        assertTrue(summary.contains("stage 'src' failed: page 5 of orders is unreadable"), summary);
        assertTrue(summary.contains("Pipeline 'test' failed after"), summary);
    }

    @Test
    void continueSkipsTheBranchAndFinishesTheOthers() throws Exception {
        RunResult r = bench.run(pipeline(Strategy.CONTINUE, failingAt4(new StageException("page 5 of orders is unreadable"), null))
                .stage("good", new NumberSource(3, 100, 0, (i, c) -> { }))
                .stage("other", new CsvSinkFactory(), null, bench.csvConfig("other.csv"), "good").build());
        assertEquals(RunStatus.FAILED, r.status());
        assertEquals(1, r.exitCode());
        assertEquals(StageStatus.FAILED, r.stage("src").status());
        assertEquals(StageStatus.SKIPPED, r.stage("out").status());
        assertEquals(StageStatus.SUCCEEDED, r.stage("other").status());
        assertEquals(List.of("other.csv"), bench.files());
        assertEquals(numberLines(0, 300), bench.read("other.csv"));
        String summary = FaultBench.summary(r);
        assertTrue(summary.contains("stage 'out' skipped: upstream stage 'src' did not finish"), summary);
        assertTrue(summary.contains("(skipped: out)"), summary);
    }

    @Test
    void retryRecoversATransientFailureWithEveryRowOnce() throws Exception {
        NumberSource flaky = failingAt4(StageException.transientFailure("HTTP 503 from 127.0.0.1", null), new AtomicBoolean());
        RunResult r = bench.run(pipeline(Strategy.RETRY, flaky).build());
        assertEquals(RunStatus.SUCCEEDED, r.status(), r::toString);
        assertEquals(2, flaky.opened.get());
        assertEquals(numberLines(0, 1000), bench.read("out.csv"));
        assertEquals(1000, r.stage("out").recordsIn());
        assertTrue(bench.log().contains("[src] transient failure, retry 1 of 2 in 0 ms: HTTP 503 from 127.0.0.1"),
                bench.log());
    }

    @Test
    void retryNeverRepeatsAPermanentFailureAndSaysWhy() throws Exception {
        NumberSource broken = failingAt4(new StageException("collection 'orders' does not exist"), null);
        RunResult r = bench.run(pipeline(Strategy.RETRY, broken).build());
        assertEquals(RunStatus.FAILED, r.status());
        assertEquals(1, broken.opened.get());
        assertEquals(List.of(), bench.files());
        assertTrue(bench.log().contains("[src] not retried: the error is not marked transient"), bench.log());
    }

    @Test
    void retryGivesUpAfterMaxRetries() throws Exception {
        NumberSource down = failingAt4(StageException.transientFailure("connection refused", null), null);
        RunResult r = bench.run(pipeline(Strategy.RETRY, down).build());
        assertEquals(RunStatus.FAILED, r.status());
        assertEquals("stage 'src' failed: connection refused", r.error());
        assertEquals(3, down.opened.get());
        assertEquals(List.of(), bench.files());
        assertTrue(bench.log().contains("[src] not retried: gave up after 2 retries"), bench.log());
    }
}
