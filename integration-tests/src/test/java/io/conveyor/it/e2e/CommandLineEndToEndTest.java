package io.conveyor.it.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.conveyor.it.e2e.ConveyorProcess.Outcome;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line of the real jar: version, help, usage errors, exit codes, no leftovers. */
class CommandLineEndToEndTest {
    private static final String USAGE =
            "usage: conveyor [run] FILE | validate FILE | plugins | stages | --version | --help  [options]";

    @TempDir
    Path dir;

    private ConveyorProcess conveyor() {
        return new ConveyorProcess(dir, dir.resolve("tmp"));
    }

    private static void assertNoStackTrace(Outcome o) {
        assertFalse(o.stderr().contains("\tat "), () -> "stack trace on stderr:\n" + o);
        assertFalse(o.stderr().contains("Exception in thread"), o::toString);
    }

    @Test
    void versionPrintsEngineAndApiVersionAndLeavesNoFrameworkStorage() throws Exception {
        ConveyorProcess c = conveyor();
        Outcome o = c.run("--version");
        assertEquals(0, o.exit(), o::toString);
        assertEquals("conveyor 0.3.0 (plugin API 0.3.0)\n", o.stdout());
        assertNoStackTrace(o);
        assertEquals(List.of(), c.leftInTmp(), "the Felix storage directory is deleted on exit");
    }

    @Test
    void helpGoesToStdoutWithCommandsFlagsAndExitCodes() throws Exception {
        Outcome o = conveyor().run("--help");
        assertEquals(0, o.exit(), o::toString);
        assertTrue(o.stdout().startsWith(USAGE + "\n"), o::toString);
        for (String word : List.of("validate FILE", "plugins", "stages", "--plugin-dir DIR", "--log-level LEVEL",
                "--dry-run", "--var NAME=VALUE", "--metrics-json FILE", "--quiet", "Exit status")) {
            assertTrue(o.stdout().contains(word), word);
        }
    }

    @Test
    void unknownOptionExits2WithHintAndUsageLineOnStderr() throws Exception {
        ConveyorProcess c = conveyor();
        Outcome o = c.run("--plugn-dir", "plugins", "pipeline.toml");
        assertEquals(2, o.exit(), o::toString);
        assertEquals("", o.stdout());
        List<String> lines = o.stderr().lines().toList();
        assertTrue(lines.contains("conveyor: unknown option '--plugn-dir' (did you mean '--plugin-dir'?)"), o::toString);
        assertTrue(lines.contains(USAGE), o::toString);
        assertNoStackTrace(o);
        assertEquals(List.of(), c.leftInTmp());
    }

    @Test
    void unknownCommandSuggestsTheNearestCommand() throws Exception {
        Outcome o = conveyor().run("valdate", "pipeline.toml");
        assertEquals(2, o.exit(), o::toString);
        assertTrue(o.stderr().contains("conveyor: unknown command 'valdate' (did you mean 'validate'?)"), o::toString);
    }

    @Test
    void missingPipelineFileExits2AndNamesTheFile() throws Exception {
        Outcome o = conveyor().run("x.toml");
        assertEquals(2, o.exit(), o::toString);
        assertEquals("", o.stdout());
        assertTrue(o.stderr().lines().anyMatch("conveyor: pipeline file 'x.toml' not found"::equals), o::toString);
        assertNoStackTrace(o);

        Outcome v = conveyor().run("validate", "missing.toml");
        assertEquals(2, v.exit(), v::toString);
        assertTrue(v.stderr().contains("conveyor: pipeline file 'missing.toml' not found"), v::toString);
    }

    @Test
    void badOptionValuesExit2() throws Exception {
        Outcome level = conveyor().run("x.toml", "--log-level", "loud");
        assertEquals(2, level.exit(), level::toString);
        assertTrue(level.stderr().contains(
                "conveyor: unknown log level 'loud' (expected trace, debug, info, warn or error)"), level::toString);

        Outcome var = conveyor().run("x.toml", "--var", "REGION");
        assertEquals(2, var.exit(), var::toString);
        assertTrue(var.stderr().contains("conveyor: option '--var' expects NAME=VALUE, got 'REGION'"), var::toString);

        Outcome none = conveyor().run();
        assertEquals(2, none.exit(), none::toString);
        assertTrue(none.stderr().contains("conveyor: no command or pipeline file given"), none::toString);
    }
}
