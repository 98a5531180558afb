package io.conveyor.engine.internal.stages.transform;

import io.conveyor.api.RunResult;
import io.conveyor.api.StageFactory;
import io.conveyor.engine.internal.exec.PipelineExecutor;
import io.conveyor.engine.internal.exec.RecordingPluginLoader;
import io.conveyor.engine.internal.exec.RunControl;
import io.conveyor.engine.internal.exec.TestPipeline;
import io.conveyor.engine.internal.log.Log;
import io.conveyor.engine.internal.log.LogLevel;
import io.conveyor.engine.internal.stages.csv.CsvSinkFactory;
import io.conveyor.engine.internal.stages.csv.CsvSourceFactory;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Runs a pipeline through the real executor: one {@code source.csv} per input text (stages
 * {@code in0}, {@code in1}, ...), the stage under test ({@code t}), and {@code sink.csv}
 * writing {@code out.csv}.
 */
public final class CsvPipeline {
    private final Path dir;
    private Path deadLetters;
    private long batchSize = 8192;

    public CsvPipeline(Path dir) {
        this.dir = dir;
    }

    /** @return this, with a dead-letter queue at {@code errors.jsonl} */
    public CsvPipeline withDeadLetters() {
        this.deadLetters = dir.resolve("errors.jsonl");
        return this;
    }

    /** @return this, with sources reading {@code rows} rows per batch */
    public CsvPipeline batchSize(long rows) {
        this.batchSize = rows;
        return this;
    }

    /** What a run gave. */
    public record Outcome(RunResult result, String output, String deadLetters, String log) {
    }

    public Outcome run(StageFactory stage, Map<String, ?> config, String... csvInputs) throws Exception {
        TestPipeline p = new TestPipeline();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < csvInputs.length; i++) {
            Path file = dir.resolve("in" + i + ".csv");
            Files.writeString(file, csvInputs[i]);
            p.stage("in" + i, new CsvSourceFactory(), null, Map.of("path", file.toString(), "batch_size", batchSize));
            ids.add("in" + i);
        }
        p.stage("t", stage, null, config, ids.toArray(new String[0]));
        Path out = dir.resolve("out.csv");
        p.stage("out", new CsvSinkFactory(), null, Map.of("path", out.toString()), "t");
        if (deadLetters != null) {
            p.deadLetters(deadLetters);
        }
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        PipelineExecutor executor = new PipelineExecutor(new RecordingPluginLoader(),
                new Log(new PrintStream(log, true, StandardCharsets.UTF_8), LogLevel.INFO));
        RunResult r = executor.run(p.build(), new RunControl());
        return new Outcome(r, Files.exists(out) ? Files.readString(out) : null,
                deadLetters != null && Files.exists(deadLetters) ? Files.readString(deadLetters) : null,
                log.toString(StandardCharsets.UTF_8));
    }
}
