package io.conveyor.engine.internal.faults;

import static io.conveyor.engine.internal.faults.FaultBench.numberLines;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
 * Property: a plugin stage that throws an {@code Error} fails its stage (never the engine),
 * its plugin is stopped, it is never retried, and no partial file is left. (The same fault
 * from a real plugin bundle in Felix is covered by the integration tests.)
 */
class PluginStageThrowsErrorTest {
    @TempDir
    Path dir;
    private FaultBench bench;

    @BeforeEach
    void setUp() {
        bench = new FaultBench(dir);
    }

    private TestPipeline pipeline(Strategy strategy) {
        return new TestPipeline().strategy(strategy, 3)
                .stage("src", new NumberSource(6, 30))
                .pluginStage("enrich", "acme", new PassThrough((i, c) -> {
                    if (i == 2) {
                        throw new NoClassDefFoundError("com/acme/Geo");
                    }
                }), "src")
                .stage("out", new CsvSinkFactory(), null, bench.csvConfig("out.csv"), "enrich")
                .stage("copy", new CsvSinkFactory(), null, bench.csvConfig("copy.csv"), "src");
    }

    private static final String MESSAGE = "Plugin 'acme' failed in stage 'enrich': NoClassDefFoundError: com/acme/Geo";

    @Test
    void stop() throws Exception {
        RunResult r = bench.run(pipeline(Strategy.STOP).build());
        assertEquals(RunStatus.FAILED, r.status());
        assertEquals(MESSAGE, r.error());
        assertTrue(bench.plugins.stopped.get("acme") instanceof NoClassDefFoundError);
        assertFalse(bench.files().contains("out.csv"));
        assertTrue(bench.files().stream().noneMatch(f -> f.endsWith(".tmp")), () -> String.valueOf(r));
        assertFalse(bench.log().contains("\tat "), "no stack trace");
    }

    @Test
    void continueFinishesTheOtherBranch() throws Exception {
        RunResult r = bench.run(pipeline(Strategy.CONTINUE).build());
        assertEquals(RunStatus.FAILED, r.status());
        assertEquals(MESSAGE, r.stage("enrich").error());
        assertEquals(StageStatus.SKIPPED, r.stage("out").status());
        assertEquals(List.of("copy.csv"), bench.files());
        assertEquals(numberLines(0, 180), bench.read("copy.csv"));
    }

    @Test
    void retryDoesNotRetryAnError() throws Exception {
        RunResult r = bench.run(pipeline(Strategy.RETRY).build());
        assertEquals(RunStatus.FAILED, r.status());
        assertEquals(MESSAGE, r.error());
        assertFalse(bench.log().contains("retry 1 of"), bench.log());
        assertFalse(bench.files().contains("out.csv"));
    }
}
