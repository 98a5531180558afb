package io.conveyor.it.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.conveyor.it.e2e.ConveyorProcess.Outcome;
import io.conveyor.it.support.ItPaths;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code java -jar conveyor.jar shell} as a process, driven through its stdin (no tty, so
 * jline uses its dumb terminal): the conveyor commands, a standard Gogo command, and
 * {@code exit}, which stops the framework and ends the process.
 */
class ShellEndToEndTest {
    @Test
    void aSessionListsPluginsRunsAnExampleAndExits() throws Exception {
        Path tmp = ItPaths.newWorkDir("shell");
        ConveyorProcess conveyor = new ConveyorProcess(ConveyorProcess.PROJECT_ROOT, tmp);
        Process p = conveyor.start("shell");
        p.getOutputStream().write(String.join("\n",
                "conveyor:plugins",
                "conveyor:run examples/csv-basics/pipeline.toml",
                "conveyor:load nosuch",
                "lb",
                "exit",
                "conveyor:stages", // after exit: never read
                "").getBytes(StandardCharsets.UTF_8));
        p.getOutputStream().close();
        Outcome o = ConveyorProcess.await(p);

        assertEquals(0, o.exit(), o::toString);
        assertTrue(o.stdout().matches("(?s).*\\nhttp +0\\.3\\.0 +\\[0\\.3,0\\.4\\) +available +conveyor\\.jar!/bundles/plugins/http.*"),
                o::toString);
        assertTrue(o.stdout().contains("Pipeline 'csv_basics' succeeded in "), o::toString);
        assertTrue(o.stdout().matches("(?s).*\\nlarge_orders +succeeded +30 +16 +0 +0 .*"), o::toString);
        assertTrue(o.stdout().contains("error: Plugin 'nosuch' not found in plugins directory"), "the shell says why and goes on\n" + o);
        for (String bundle : List.of("Apache Felix Gogo Runtime", "Conveyor engine", "Conveyor API")) {
            assertTrue(o.stdout().matches("(?s).*\\|Active +\\| +1\\|" + bundle + " .*"), bundle + "\n" + o);
        }
        assertFalse(o.stdout().contains("source.csv"), "nothing runs after exit\n" + o);
        // The console stops itself after exit, so it is not interrupted while it waits for the command.
        assertFalse(o.stdout().contains("InterruptedException"), o::toString);
        assertTrue(o.stdout().contains("gosh: stopping framework"), o::toString);
        assertFalse(o.stderr().contains("\tat "), o::toString);
        assertFalse(o.stderr().contains("Unable to create a system terminal"), o::toString);
        assertEquals(List.of(), conveyor.leftInTmp(), "the framework storage is removed");
    }

    @Test
    void exitWithAStatusEndsTheProcessWithIt() throws Exception {
        Path tmp = ItPaths.newWorkDir("shell-exit");
        ConveyorProcess conveyor = new ConveyorProcess(ConveyorProcess.PROJECT_ROOT, tmp);
        Process p = conveyor.start("shell");
        p.getOutputStream().write("exit 3\nconveyor:stages\n".getBytes(StandardCharsets.UTF_8));
        p.getOutputStream().close();
        long start = System.nanoTime();
        Outcome o = ConveyorProcess.await(p);
        assertEquals(3, o.exit(), o::toString);
        assertFalse(o.stdout().contains("source.csv"), "nothing runs after exit\n" + o);
        assertFalse(o.stdout().contains("InterruptedException"), o::toString);
        // The console stops the framework at once; the command's fallback (after 5 s) is not what ends it.
        assertTrue(System.nanoTime() - start < 4_000_000_000L, o::toString);
        assertEquals(List.of(), conveyor.leftInTmp(), "the framework storage is removed");
    }
}
