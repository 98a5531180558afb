package io.conveyor.it.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
 * stops the framework and removes its storage. The pipeline blocks reading stdin, which the
 * test keeps open. Needs source.stdin.
 */
class InterruptEndToEndTest {
    @TempDir
    Path dir;

    @Test
    void terminatedRunLeavesNoFrameworkStorage() throws Exception {
        Files.writeString(dir.resolve("wait.toml"), """
                [pipeline]
                name = "waits_for_stdin"

                [[stages]]
                id = "input"
                type = "source.stdin"
                inputs = []
                [stages.config]
                format = "jsonl"

                [[stages]]
                id = "show"
                type = "sink.stdout"
                inputs = ["input"]
                """);
        ConveyorProcess conveyor = new ConveyorProcess(dir, dir.resolve("tmp"));
        Process p = conveyor.start("wait.toml");
        if (p.waitFor(3, TimeUnit.SECONDS)) {
            throw new AssertionError("precondition: the run should block on stdin\n" + ConveyorProcess.await(p));
        }
        assertEquals(1, conveyor.leftInTmp().size(), "the framework storage exists while running");
        p.destroy();
        Outcome o = ConveyorProcess.await(p);
        assertTrue(o.exit() != 0, o::toString);
        assertEquals(List.of(), conveyor.leftInTmp(), () -> "storage removed after SIGTERM\n" + o);
    }
}
