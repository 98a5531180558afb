package io.conveyor.engine.internal.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.conveyor.api.RunResult;
import io.conveyor.api.RunStatus;
import io.conveyor.api.StageStatus;
import io.conveyor.engine.internal.config.CompiledPipeline;
import io.conveyor.engine.internal.exec.FakeStages.CollectSink;
import io.conveyor.engine.internal.exec.FakeStages.NumberSource;
import io.conveyor.engine.internal.log.Log;
import io.conveyor.engine.internal.log.LogLevel;
import io.conveyor.engine.internal.stages.transform.FilterFactory;
import io.conveyor.engine.internal.stages.transform.MapFactory;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/** transform.map and transform.filter with expressions, run by the executor over streamed batches. */
class ExpressionStagesRunTest {
    private final PipelineExecutor executor = new PipelineExecutor(new RecordingPluginLoader(),
            new Log(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8), LogLevel.INFO));

    private RunResult run(CompiledPipeline p) {
        return assertTimeoutPreemptively(Duration.ofSeconds(30), () -> executor.run(p, new RunControl()));
    }

    @Test
    void mapThenFilterStreamsEveryBatchInOrder() {
        CollectSink sink = new CollectSink();
        RunResult r = run(new TestPipeline()
                .stage("src", new NumberSource(5, 100))
                .stage("tripled", new MapFactory(), null, Map.of("columns", Map.of("n", "n * 3", "odd", "n % 2 = 1")),
                        "src")
                .stage("kept", new FilterFactory(), null, Map.of("expr", "odd AND n BETWEEN 30 AND 600"), "tripled")
                .stage("out", sink, "kept").build());
        assertEquals(RunStatus.SUCCEEDED, r.status(), r::toString);
        List<Long> expected = LongStream.range(0, 500).filter(i -> i % 2 == 1).map(i -> i * 3)
                .filter(n -> n >= 30 && n <= 600).boxed().toList();
        assertEquals(expected, sink.values);
        assertEquals(500, r.stage("kept").recordsIn());
        assertEquals(expected.size(), r.stage("kept").recordsOut());
    }

    @Test
    void anExpressionThatDoesNotFitTheFirstBatchFailsItsStageWithTheCompilerMessage() {
        RunResult r = run(new TestPipeline()
                .stage("src", new NumberSource(2, 10))
                .stage("kept", new FilterFactory(), null, Map.of("expr", "m > 1"), "src")
                .stage("out", new CollectSink(), "kept").build());
        assertEquals(RunStatus.FAILED, r.status());
        assertEquals(StageStatus.FAILED, r.stage("kept").status());
        assertEquals("test.toml:1:1: stage 'kept', key 'expr': unknown column 'm'; columns are: n (at column 1 of "
                + "the expression)\n    m > 1\n    ^ (did you mean 'n'?)", r.stage("kept").error());
    }
}
