package io.conveyor.engine.internal.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Property: a long run never looks hung — with {@code --progress} (or on a terminal) the
 * command line redraws per-stage records on stderr and erases the display before the
 * summary; {@code --quiet} turns it off. Stdout stays free of it.
 */
class LongRunShowsProgressTest {
    @TempDir
    Path dir;

    private String runForAWhile(String... options) throws Exception {
        Path file = CommandLineBench.endlessPipeline(dir);
        CommandLineBench bench = new CommandLineBench(Map.of());
        // More than two progress ticks into the run.
        Thread stopper = bench.interruptOnceWriting(dir.resolve("out"), 1300);
        String[] args = new String[options.length + 2];
        args[0] = "run";
        args[1] = file.toString();
        System.arraycopy(options, 0, args, 2, options.length);
        assertEquals(130, bench.run(args), bench.err());
        stopper.join();
        assertEquals("", bench.out());
        return bench.err();
    }

    @Test
    void progressFlagRedrawsInPlaceAndErasesBeforeTheSummary() throws Exception {
        String err = runForAWhile("--progress");
        assertTrue(err.matches("(?s).*  numbers +\\d+ records  \\d+/s  .*"), err);
        assertTrue(err.contains("\u001b[3F\u001b[J"), "redrawn in place: " + err);
        int lastErase = err.lastIndexOf("\u001b[J");
        int summary = err.indexOf("stage    status");
        assertTrue(summary > lastErase, "the display is erased before the summary: " + err);
    }

    @Test
    void quietTurnsItOff() throws Exception {
        String err = runForAWhile("--progress", "--quiet");
        assertFalse(err.contains("\u001b"), err);
        assertFalse(err.contains("records"), err);
        assertTrue(err.contains("Pipeline 'endless' was cancelled"), err);
    }
}
