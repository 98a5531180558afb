package io.conveyor.engine.internal.stages;

import io.conveyor.api.RunResult;
import io.conveyor.engine.internal.config.CompileException;
import io.conveyor.engine.internal.config.CompiledPipeline;
import io.conveyor.engine.internal.config.PipelineCompiler;
import io.conveyor.engine.internal.exec.PipelineExecutor;
import io.conveyor.engine.internal.exec.RecordingPluginLoader;
import io.conveyor.engine.internal.exec.RunControl;
import io.conveyor.engine.internal.log.Log;
import io.conveyor.engine.internal.log.LogLevel;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;

/**
 * Compiles pipeline text named {@code p.toml} in a directory with the real compiler and the
 * standard built-ins, and runs it, keeping the log: a stage's options are tested as a user
 * writes them.
 */
public final class PipelineFile {
    private final Path dir;
    private final Map<String, String> env;
    private final ByteArrayOutputStream log = new ByteArrayOutputStream();

    public PipelineFile(Path dir) {
        this(dir, Map.of());
    }

    public PipelineFile(Path dir, Map<String, String> env) {
        this.dir = dir;
        this.env = env;
    }

    public CompiledPipeline compile(String toml) throws CompileException {
        return new PipelineCompiler(BuiltinStages.standard(), new RecordingPluginLoader(), env)
                .compile(toml, "p.toml", dir, Map.of());
    }

    public RunResult run(String toml) throws CompileException {
        CompiledPipeline p = compile(toml);
        return new PipelineExecutor(new RecordingPluginLoader(),
                new Log(new PrintStream(log, true, StandardCharsets.UTF_8), LogLevel.INFO)).run(p, new RunControl());
    }

    /** @return what the runs logged so far */
    public String log() {
        return log.toString(StandardCharsets.UTF_8);
    }

    /** @return the text of a pipeline header with a dead-letter queue at errors/dlq.jsonl */
    public static String header(boolean deadLetters) {
        return "[pipeline]\nname = \"t\"\n"
                + (deadLetters ? "[error_handling.dead_letter_queue]\nenabled = true\npath = \"errors/dlq.jsonl\"\n" : "");
    }
}
