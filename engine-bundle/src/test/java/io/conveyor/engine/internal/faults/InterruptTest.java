package io.conveyor.engine.internal.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
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
        Path file = CommandLineBench.endlessPipeline(dir);
        CommandLineBench bench = new CommandLineBench(Map.of());
        Thread ctrlC = bench.interruptOnceWriting(dir.resolve("out"), 100);
        Path metrics = dir.resolve("metrics.json");
        int status = bench.run("run", file.toString(), "--metrics-json", metrics.toString());
        ctrlC.join();
        assertEquals(130, status, bench.err());
        String err = bench.err();
        assertTrue(err.matches("(?s).*numbers +cancelled .*"), err);
        assertTrue(err.matches("(?s).*save +cancelled .*"), err);
        assertTrue(err.contains("Pipeline 'endless' was cancelled after "), err);
        assertTrue(err.trim().endsWith(": interrupted (SIGINT)"), err);
        assertEquals(List.of(), CommandLineBench.filesIn(dir.resolve("out")), "the sink aborted: no temporary file");
        assertFalse(Files.exists(dir.resolve("out/numbers.csv")), "no partial output");
        assertFalse(err.contains("\tat "), err);
        String json = Files.readString(metrics);
        assertTrue(json.contains("\"exit_code\" : 130"), json);
        assertTrue(json.contains("\"status\" : \"cancelled\""), json);
    }
}
