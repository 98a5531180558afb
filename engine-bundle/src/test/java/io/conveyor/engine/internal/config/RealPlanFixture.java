package io.conveyor.engine.internal.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.conveyor.api.RunResult;
import io.conveyor.api.RunStatus;
import io.conveyor.api.StageResult;
import io.conveyor.engine.internal.exec.PipelineExecutor;
import io.conveyor.engine.internal.exec.RecordingPluginLoader;
import io.conveyor.engine.internal.exec.RunControl;
import io.conveyor.engine.internal.log.Log;
import io.conveyor.engine.internal.log.LogLevel;
import io.conveyor.engine.internal.stages.BuiltinStages;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;

/** Compiles pipeline text with the real built-in stages against files in {@code dir}, and runs it, for plan-rewrite tests. */
final class RealPlanFixture {
    private final Path dir;
    private final PipelineCompiler compiler;

    /**
     * @return pipeline text that adds a reader of stage {@code stage}: a sink that writes it whole
     *         to {@code path}. A second reader keeps plan rewrites from moving stages across that
     *         stage or dropping rows on their way from it.
     */
    static String copyOf(String stage, String path) {
        return """
                [[stages]]
                id = "copy_%s"
                type = "sink.csv"
                inputs = ["%s"]
                config = { path = "%s" }
                """.formatted(stage, stage, path);
    }

    /** A second reader of stage "joined" (see {@link #copyOf}). */
    static final String SECOND_READER_OF_JOINED = copyOf("joined", "copy.csv");

    RealPlanFixture(Path dir) {
        this(dir, true);
    }

    /** @param rewrites false to compile plans as written (see {@link PipelineCompiler}) */
    RealPlanFixture(Path dir, boolean rewrites) {
        this.dir = dir;
        this.compiler = new PipelineCompiler(BuiltinStages.standard(), new RecordingPluginLoader(), Map.of(), rewrites);
    }

    CompiledPipeline compile(String toml) throws Exception {
        return compiler.compile(toml, "p.toml", dir, Map.of());
    }

    /** Runs the pipeline and checks that it succeeded, showing the log if not. */
    RunResult run(CompiledPipeline p) {
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        RunResult r = execute(p, log);
        assertEquals(RunStatus.SUCCEEDED, r.status(), () -> r + "\n" + log);
        return r;
    }

    /** @return how the pipeline's run ended, succeeded or not; its log goes to {@code log} */
    static RunResult execute(CompiledPipeline p, ByteArrayOutputStream log) {
        return new PipelineExecutor(new RecordingPluginLoader(),
                new Log(new PrintStream(log, true, StandardCharsets.UTF_8), LogLevel.INFO)).run(p, new RunControl());
    }

    static StageResult stage(RunResult r, String id) {
        return r.stages().stream().filter(s -> s.stageId().equals(id)).findFirst().orElseThrow();
    }
}
