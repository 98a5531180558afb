package io.conveyor.engine.internal.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.conveyor.engine.internal.log.LogLevel;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ArgumentParserTest {
    private static CommandLine parse(String... args) throws UsageException {
        return ArgumentParser.parse(args);
    }

    private static String error(String... args) {
        return assertThrows(UsageException.class, () -> ArgumentParser.parse(args)).getMessage();
    }

    @Test
    void aFileAloneMeansRun() throws UsageException {
        CommandLine c = parse("examples/p.toml");
        assertEquals(Command.RUN, c.command());
        assertEquals(Path.of("examples/p.toml"), c.file());
        assertFalse(c.dryRun());
        assertNull(c.logLevel());
        assertTrue(c.variables().isEmpty());
    }

    @Test
    void explicitCommandsTakeTheirFile() throws UsageException {
        assertEquals(Command.RUN, parse("run", "p.toml").command());
        CommandLine v = parse("validate", "p.toml");
        assertEquals(Command.VALIDATE, v.command());
        assertEquals(Path.of("p.toml"), v.file());
        assertEquals(Command.PLUGINS, parse("plugins").command());
        assertEquals(Command.STAGES, parse("stages").command());
    }

    @Test
    void optionsMayComeBeforeOrAfterTheCommandAndRepeat() throws UsageException {
        CommandLine c = parse("--plugin-dir", "a", "run", "p.toml", "--plugin-dir=b", "--log-level", "DEBUG",
                "--var", "region=eu", "--var=limit=10", "--dry-run", "--metrics-json", "m.json", "--quiet");
        assertEquals(List.of(Path.of("a"), Path.of("b")), c.pluginDirs());
        assertEquals(LogLevel.DEBUG, c.logLevel());
        assertEquals(Map.of("region", "eu", "limit", "10"), c.variables());
        assertTrue(c.dryRun());
        assertTrue(c.quiet());
        assertEquals(Path.of("m.json"), c.metricsJson());
        assertTrue(c.showsTraces());
    }

    @Test
    void varValueMayContainEqualsSignsAndBeEmpty() throws UsageException {
        assertEquals(Map.of("q", "a=b", "empty", ""), parse("p.toml", "--var", "q=a=b", "--var", "empty=").variables());
    }

    @Test
    void helpAndVersionWinOverEverythingElse() throws UsageException {
        assertEquals(Command.HELP, parse("run", "p.toml", "--help").command());
        assertEquals(Command.HELP, parse("-h").command());
        assertEquals(Command.VERSION, parse("--version").command());
        assertEquals(Command.VERSION, parse("-V").command());
        assertEquals(Command.HELP, parse("help").command());
    }

    @Test
    void unknownOptionSuggestsTheNearestOne() {
        assertEquals("unknown option '--plugn-dir' (did you mean '--plugin-dir'?)", error("--plugn-dir", "x", "p.toml"));
        assertEquals("unknown option '--dryrun' (did you mean '--dry-run'?)", error("p.toml", "--dryrun"));
        assertEquals("unknown option '--frobnicate'", error("p.toml", "--frobnicate"));
    }

    @Test
    void unknownCommandSuggestsTheNearestOne() {
        assertEquals("unknown command 'stges' (did you mean 'stages'?)", error("stges"));
        assertEquals("unknown command 'valdate' (did you mean 'validate'?)", error("valdate", "p.toml"));
    }

    @Test
    void missingValuesAndArgumentsAreNamed() {
        assertEquals("option '--plugin-dir' needs a value", error("p.toml", "--plugin-dir"));
        assertEquals("option '--log-level' needs a value", error("p.toml", "--log-level="));
        assertEquals("no command or pipeline file given", error());
        assertEquals("'validate' needs a pipeline file", error("validate"));
        assertEquals("unexpected argument 'other.toml'", error("run", "p.toml", "other.toml"));
        assertEquals("option '--quiet' takes no value", error("p.toml", "--quiet=yes"));
    }

    @Test
    void badValuesSayWhatIsExpected() {
        assertEquals("unknown log level 'verbose' (expected trace, debug, info, warn or error)",
                error("p.toml", "--log-level", "verbose"));
        assertEquals("option '--var' expects NAME=VALUE, got 'region'", error("p.toml", "--var", "region"));
        assertEquals("option '--var' expects NAME=VALUE, got '=eu'", error("p.toml", "--var", "=eu"));
        assertTrue(error("p.toml", "--var", "1x=eu").startsWith("option '--var': '1x' is not a variable name"));
    }

    @Test
    void runOnlyOptionsAreRejectedElsewhere() {
        assertEquals("option '--dry-run' applies only to 'run'", error("validate", "p.toml", "--dry-run"));
        assertEquals("option '--metrics-json' applies only to 'run'", error("plugins", "--metrics-json", "m.json"));
        assertEquals("option '--var' applies only to 'run' and 'validate'", error("stages", "--var", "a=b"));
    }

    @Test
    void shellIsNamedAsNotBuiltWithoutTheUsageLine() {
        UsageException e = assertThrows(UsageException.class, () -> ArgumentParser.parse(new String[] {"shell"}));
        assertEquals("the 'shell' command is started by the launcher: java -jar conveyor.jar shell", e.getMessage());
        assertFalse(e.showUsage());
    }

    @Test
    void aWordThatIsNoCommandAndFarFromOneIsAFile() throws UsageException {
        CommandLine c = parse("pipeline");
        assertEquals(Command.RUN, c.command());
        assertEquals(Path.of("pipeline"), c.file());
    }

    @Test
    void doubleDashEndsOptions() throws UsageException {
        assertEquals(Path.of("--odd.toml"), parse("run", "--", "--odd.toml").file());
    }
}
