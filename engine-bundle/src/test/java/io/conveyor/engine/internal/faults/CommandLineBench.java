package io.conveyor.engine.internal.faults;

import io.conveyor.engine.internal.ConveyorEngine;
import io.conveyor.engine.internal.cli.Cli;
import io.conveyor.engine.internal.log.Log;
import io.conveyor.engine.internal.log.LogLevel;
import io.conveyor.engine.internal.stages.BuiltinStages;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** The {@code conveyor} command line over the built-in stages and {@link FakePlugin}, with captured output. */
final class CommandLineBench {
    final ByteArrayOutputStream out = new ByteArrayOutputStream();
    final ByteArrayOutputStream err = new ByteArrayOutputStream();
    final Cli cli;

    /** @param environment what {@code ${NAME}} reads */
    CommandLineBench(Map<String, String> environment) {
        PrintStream errStream = new PrintStream(err, true, StandardCharsets.UTF_8);
        Log log = new Log(errStream, LogLevel.INFO);
        cli = new Cli(new ConveyorEngine(BuiltinStages.standard(), new FakePlugin(), log, environment),
                dirs -> { }, log, "0.3.0", new PrintStream(out, true, StandardCharsets.UTF_8), errStream);
    }

    int run(String... args) {
        return cli.apply(args);
    }

    /**
     * Relays SIGINT (as the launcher does) once a file appears under {@code dir} — the sink's
     * temporary file, so the run is under way — and {@code millis} more have passed.
     *
     * @return the started thread; join it after the run
     */
    Thread interruptOnceWriting(Path dir, long millis) {
        Thread t = new Thread(() -> {
            try {
                while (filesIn(dir).isEmpty()) {
                    Thread.sleep(10);
                }
                Thread.sleep(millis);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            cli.accept("SIGINT");
        });
        t.start();
        return t;
    }

    /**
     * Writes {@code endless.toml}: {@code plugin.fake.endless} into {@code sink.csv} at
     * {@code out/numbers.csv}; it runs until cancelled.
     *
     * @return the file
     */
    static Path endlessPipeline(Path dir) throws IOException {
        Path file = dir.resolve("endless.toml");
        Files.writeString(file, """
            [pipeline]
            name = "endless"
            [global]
            plugins = ["fake"]
            [[stages]]
            id = "numbers"
            type = "plugin.fake.endless"
            [[stages]]
            id = "save"
            type = "sink.csv"
            inputs = ["numbers"]
            [stages.config]
            path = "out/numbers.csv"
            """);
        return file;
    }

    /** @return the files directly in {@code dir}; none if it does not exist */
    static List<Path> filesIn(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.toList();
        }
    }

    String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    String err() {
        return err.toString(StandardCharsets.UTF_8);
    }
}
