package io.conveyor.engine.internal.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Property: a signal the launcher relays (Ctrl-C) ends a run with exit status 130 and the
 * summary, sources stopped and sinks aborted: no output file, no temporary file. (The
 * integration tests send a real SIGINT to a real process.)
 */
class InterruptTest {
    @TempDir
    Path dir;

    @Test
    void interruptedRunExits130WithTheSummaryAndNoPartialOutput() throws Exception {
        Files.writeString(dir.resolve("endless.toml"), """
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
        CommandLineBench bench = new CommandLineBench(Map.of());
        Thread ctrlC = new Thread(() -> {
            try {
                // Once the sink has its temporary file, the run is well under way.
                while (tempFiles().isEmpty()) {
                    Thread.sleep(10);
                }
                Thread.sleep(100);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            bench.cli.accept("SIGINT");
        });
        ctrlC.start();
        int status = bench.run("run", dir.resolve("endless.toml").toString());
        ctrlC.join();
        assertEquals(130, status, bench.err());
        String err = bench.err();
        assertTrue(err.matches("(?s).*numbers +cancelled .*"), err);
        assertTrue(err.matches("(?s).*save +cancelled .*"), err);
        assertTrue(err.contains("Pipeline 'endless' was cancelled after "), err);
        assertTrue(err.trim().endsWith(": interrupted (SIGINT)"), err);
        assertEquals(List.of(), tempFiles(), "the sink aborted: no temporary file");
        assertFalse(Files.exists(dir.resolve("out/numbers.csv")), "no partial output");
        assertFalse(err.contains("\tat "), err);
    }

    private List<Path> tempFiles() throws Exception {
        Path out = dir.resolve("out");
        if (!Files.isDirectory(out)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(out)) {
            return s.toList();
        }
    }
}
