package io.conveyor.engine.internal.faults;

import io.conveyor.api.RecordBatch;
import io.conveyor.api.RunResult;
import io.conveyor.api.SinkFactory;
import io.conveyor.api.SinkWriter;
import io.conveyor.api.StageConfig;
import io.conveyor.api.StageContext;
import io.conveyor.api.StageDescriptor;
import io.conveyor.engine.internal.cli.RunSummary;
import io.conveyor.engine.internal.config.CompiledPipeline;
import io.conveyor.engine.internal.exec.FakeStages.Step;
import io.conveyor.engine.internal.exec.PipelineExecutor;
import io.conveyor.engine.internal.exec.RecordingPluginLoader;
import io.conveyor.engine.internal.exec.RunControl;
import io.conveyor.engine.internal.log.Log;
import io.conveyor.engine.internal.log.LogLevel;
import io.conveyor.engine.internal.stages.csv.CsvSinkFactory;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The crash-test bench: runs a pipeline of fake and real stages against a directory,
 * captures the engine log, and reads back what is on disk afterwards.
 */
final class FaultBench {
    final Path dir;
    final RecordingPluginLoader plugins = new RecordingPluginLoader();
    private final ByteArrayOutputStream logBytes = new ByteArrayOutputStream();
    private final Log log = new Log(new PrintStream(logBytes, true, StandardCharsets.UTF_8), LogLevel.INFO);

    FaultBench(Path dir) {
        this.dir = dir;
    }

    RunResult run(CompiledPipeline pipeline) {
        return run(pipeline, new RunControl());
    }

    RunResult run(CompiledPipeline pipeline, RunControl control) {
        log.setMasker(pipeline.masker());
        return new PipelineExecutor(plugins, log).run(pipeline, control);
    }

    String log() {
        return logBytes.toString(StandardCharsets.UTF_8);
    }

    static String summary(RunResult result) {
        return RunSummary.format(result);
    }

    /** @return the real {@code sink.csv} stage's config writing {@code name} in the bench directory */
    Map<String, Object> csvConfig(String name) {
        return Map.of("path", dir.resolve(name).toString());
    }

    /** @return every file name under the directory, sorted (temporary files included) */
    List<String> files() throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile).map(p -> dir.relativize(p).toString()).sorted().toList();
        }
    }

    /** @return the lines of a CSV file the bench wrote: {@code n}, then 0..count-1 */
    static List<String> numberLines(long from, int count) {
        List<String> lines = new ArrayList<>();
        lines.add("n");
        for (long i = from; i < from + count; i++) {
            lines.add(Long.toString(i));
        }
        return lines;
    }

    List<String> read(String name) throws IOException {
        return Files.readAllLines(dir.resolve(name));
    }

    /** The real CSV sink with a fault step run before each write (the step sees the batch index). */
    static final class FailingCsvSink implements SinkFactory {
        private final CsvSinkFactory csv = new CsvSinkFactory();
        private final Step beforeWrite;

        FailingCsvSink(Step beforeWrite) {
            this.beforeWrite = beforeWrite;
        }

        @Override
        public StageDescriptor descriptor() {
            return csv.descriptor();
        }

        @Override
        public SinkWriter open(StageConfig config, StageContext context) throws Exception {
            SinkWriter real = csv.open(config, context);
            return new SinkWriter() {
                int index;

                @Override
                public void write(RecordBatch batch) throws Exception {
                    beforeWrite.before(index++, context);
                    real.write(batch);
                }

                @Override
                public void commit() throws Exception {
                    real.commit();
                }

                @Override
                public void abort() {
                    real.abort();
                }

                @Override
                public void close() throws Exception {
                    real.close();
                }
            };
        }
    }
}
