package io.conveyor.engine.internal.faults;

import static io.conveyor.engine.internal.faults.FaultBench.numberLines;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.conveyor.api.RunResult;
import io.conveyor.api.RunStatus;
import io.conveyor.api.StageStatus;
import io.conveyor.engine.internal.config.ErrorHandling.Strategy;
import io.conveyor.engine.internal.exec.FakeStages.NumberSource;
import io.conveyor.engine.internal.exec.FakeStages.PassThrough;
import io.conveyor.engine.internal.exec.TestPipeline;
import io.conveyor.engine.internal.stages.csv.CsvSinkFactory;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Property: a stage that hangs past its own {@code timeout_seconds} is ended (even when
 * blocked in stage code), fails with {@code stage 'x' timed out after N s}, and its
 * strategy applies: {@code stop} fails the run, {@code continue} skips its downstream.
 */
class StageTimeoutTest {
    @TempDir
    Path dir;
    private FaultBench bench;

    @BeforeEach
    void setUp() {
        bench = new FaultBench(dir);
    }

    private TestPipeline pipeline(Strategy strategy) {
        return new TestPipeline().strategy(strategy, 2)
                .stage("src", new NumberSource(4, 25))
                .stage("hangs", new PassThrough((i, c) -> {
                    if (i == 1) {
                        Thread.sleep(120_000); // a call that never answers
                    }
                }), "src").with(null, 1)
                .stage("out", new CsvSinkFactory(), null, bench.csvConfig("out.csv"), "hangs")
                .stage("copy", new CsvSinkFactory(), null, bench.csvConfig("copy.csv"), "src");
    }

    @Test
    void stop() throws Exception {
        long start = System.nanoTime();
        RunResult r = bench.run(pipeline(Strategy.STOP).build());
        long seconds = (System.nanoTime() - start) / 1_000_000_000L;
        assertEquals(RunStatus.FAILED, r.status());
        assertEquals("stage 'hangs' timed out after 1 s", r.error());
        assertEquals(StageStatus.FAILED, r.stage("hangs").status());
        assertEquals("timed out after 1 s", r.stage("hangs").error());
        assertTrue(seconds < 10, "ended by the timeout, not by the hang: " + seconds + " s");
        assertTrue(bench.files().stream().noneMatch(f -> f.equals("out.csv") || f.endsWith(".tmp")),
                () -> r + " " + bench.log());
        assertTrue(FaultBench.summary(r).contains("stage 'hangs' failed: timed out after 1 s"), FaultBench.summary(r));
    }

    @Test
    void continueSkipsDownstreamAndTheRestFinishes() throws Exception {
        RunResult r = bench.run(pipeline(Strategy.CONTINUE).build());
        assertEquals(RunStatus.FAILED, r.status());
        assertEquals("stage 'hangs' timed out after 1 s", r.error());
        assertEquals(StageStatus.SKIPPED, r.stage("out").status());
        assertEquals(StageStatus.SUCCEEDED, r.stage("copy").status());
        assertEquals(List.of("copy.csv"), bench.files());
        assertEquals(numberLines(0, 100), bench.read("copy.csv"));
    }

    @Test
    void aTimeoutIsNotRetried() throws Exception {
        RunResult r = bench.run(pipeline(Strategy.RETRY).build());
        assertEquals(RunStatus.FAILED, r.status());
        assertEquals("stage 'hangs' timed out after 1 s", r.error());
        assertTrue(!bench.log().contains("retry 1 of"), bench.log());
        assertTrue(bench.log().contains("[hangs] not retried: the stage ran past its timeout_seconds"), bench.log());
    }
}
