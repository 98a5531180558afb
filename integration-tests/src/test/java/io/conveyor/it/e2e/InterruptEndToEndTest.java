package io.conveyor.it.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.conveyor.it.e2e.ConveyorProcess.Outcome;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Stopping conveyor from outside (SIGTERM, as Ctrl-C's SIGINT, runs the shutdown hook) still
 * stops the framework and removes its storage, without an internal error or stack trace. The
 * pipeline blocks reading a named pipe no one writes to. Needs a POSIX {@code mkfifo}.
 */
class InterruptEndToEndTest {
    @TempDir
    Path dir;

    @Test
    void terminatedRunLeavesNoFrameworkStorage() throws Exception {
        Process mkfifo = new ProcessBuilder("mkfifo", dir.resolve("never-written.csv").toString()).start();
        assertEquals(0, mkfifo.waitFor(), "mkfifo");
        Files.writeString(dir.resolve("wait.toml"), """
                [pipeline]
                name = "waits_for_a_pipe"

                [[stages]]
                id = "input"
                type = "source.csv"
                inputs = []
                [stages.config]
                path = "never-written.csv"

                [[stages]]
                id = "show"
                type = "sink.stdout"
                inputs = ["input"]
                """);
        ConveyorProcess conveyor = new ConveyorProcess(dir, dir.resolve("tmp"));
        Process p = conveyor.start("wait.toml");
        // Wait until the framework storage exists (start-up is slow on a busy machine), then
        // a little longer so the run is blocked on the pipe.
        for (int i = 0; i < 600 && conveyor.leftInTmp().isEmpty() && p.isAlive(); i++) {
            Thread.sleep(100);
        }
        if (p.waitFor(2, TimeUnit.SECONDS)) {
            throw new AssertionError("precondition: the run should block reading the pipe\n" + ConveyorProcess.await(p));
        }
        assertEquals(1, conveyor.leftInTmp().size(), "the framework storage exists while running");
        p.destroy();
        Outcome o = ConveyorProcess.await(p);
        assertTrue(o.exit() != 0, o::toString);
        assertFalse(o.stderr().contains("internal error"), o::toString);
        assertFalse(o.stderr().contains("\tat "), o::toString);
        assertEquals(List.of(), conveyor.leftInTmp(), () -> "storage removed after SIGTERM\n" + o);
    }
}
