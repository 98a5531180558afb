package io.conveyor.engine.internal.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.conveyor.api.StageDescriptor;
import io.conveyor.api.StageKind;
import io.conveyor.engine.internal.ConveyorEngine;
import io.conveyor.engine.internal.log.Log;
import io.conveyor.engine.internal.log.LogLevel;
import io.conveyor.engine.internal.plugins.PluginInfo;
import io.conveyor.engine.internal.plugins.PluginLoader;
import io.conveyor.engine.internal.plugins.PluginStage;
import io.conveyor.engine.internal.stages.BuiltinStages;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line without a framework: a fake plugin loader stands in for the plugin manager. */
class CliTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private final List<List<Path>> dirsSet = new ArrayList<>();
    private final List<String> loaded = new ArrayList<>();
    private final Log log = new Log(new PrintStream(err, true, StandardCharsets.UTF_8), LogLevel.INFO);

    /** Knows plugin "good" (one source) and "bad" (fails to load). */
    private final PluginLoader plugins = new PluginLoader() {
        @Override
        public String load(String name) {
            loaded.add(name);
            return name.equals("good") ? null : "Plugin '" + name + "' panicked during loading: boom";
        }

        @Override
        public List<PluginStage> stages(String name) {
            return name.equals("good")
                    ? List.of(new PluginStage("good", StageKind.SOURCE, "rows",
                            () -> StageDescriptor.builder(StageKind.SOURCE, "rows").description("Makes rows.").build()))
                    : List.of();
        }

        @Override
        public void stopOnError(String name, Throwable failure) {
        }

        @Override
        public List<PluginInfo> plugins() {
            return List.of(new PluginInfo("good", "1.0.0", "[0.3,0.4)", "available", "/p/good.jar", List.of(), ""),
                    new PluginInfo("bad", "1.0.0", "[0.3,0.4)", "available", "/p/bad.jar", List.of(), ""));
        }
    };

    /** A loader that loads nothing and answers {@code plugins()} with {@code listing}. */
    private static PluginLoader listingOnly(java.util.function.Supplier<List<PluginInfo>> listing) {
        return new PluginLoader() {
            @Override
            public String load(String name) {
                return null;
            }

            @Override
            public List<PluginStage> stages(String name) {
                return List.of();
            }

            @Override
            public void stopOnError(String name, Throwable failure) {
            }

            @Override
            public List<PluginInfo> plugins() {
                return listing.get();
            }
        };
    }

    private int run(String... args) {
        BuiltinStages builtins = new BuiltinStages().add(
                () -> StageDescriptor.builder(StageKind.SINK, "stdout").description("Prints rows.").build());
        return cliWith(new ConveyorEngine(builtins, plugins, log, Map.of())).apply(args);
    }

    private Cli cliWith(ConveyorEngine engine) {
        return new Cli(engine, dirsSet::add, log, "0.3.0",
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void versionGoesToStdout() {
        assertEquals(0, run("--version"));
        assertEquals("conveyor 0.3.0 (plugin API 0.3.0)\n", out());
        assertEquals("", err());
    }

    @Test
    void helpListsCommandsFlagsAndExitCodes() {
        assertEquals(0, run("--help"));
        String help = out();
        assertTrue(help.startsWith(HelpText.USAGE + "\n"));
        for (String word : List.of("validate FILE", "plugins", "stages", "--plugin-dir DIR", "--log-level LEVEL",
                "--dry-run", "--var NAME=VALUE", "--quiet", "--metrics-json FILE", "Exit status: 0 success")) {
            assertTrue(help.contains(word), word);
        }
    }

    @Test
    void usageErrorPrintsMessageAndUsageLineAndExits2() {
        assertEquals(2, run("--plugn-dir", "x", "p.toml"));
        assertEquals("conveyor: unknown option '--plugn-dir' (did you mean '--plugin-dir'?)\n" + HelpText.USAGE + "\n",
                err());
        assertEquals("", out());
    }

    @Test
    void missingPipelineFileExits2WithoutTouchingPlugins(@TempDir Path dir) {
        String missing = dir.resolve("x.toml").toString();
        assertEquals(2, run(missing));
        assertEquals("conveyor: pipeline file '" + missing + "' not found\n", err());
        assertTrue(dirsSet.isEmpty());
    }

    @Test
    void missingPluginDirExits2(@TempDir Path dir) {
        String missing = dir.resolve("nope").toString();
        assertEquals(2, run("plugins", "--plugin-dir", missing));
        assertEquals("conveyor: plugin directory '" + missing + "' not found\n", err());
    }

    @Test
    void pluginsListsWhatTheLoaderKnowsAndPassesThePluginDirs(@TempDir Path dir) {
        assertEquals(0, run("plugins", "--plugin-dir", dir.toString()));
        assertEquals(List.of(List.of(dir)), dirsSet);
        assertTrue(out().contains("good  1.0.0    [0.3,0.4)  available  /p/good.jar  -\n"), out());
        assertTrue(loaded.isEmpty(), "listing plugins loads none");
    }

    @Test
    void stagesLoadsEveryAvailablePluginAndShowsWhyOneFailed() {
        assertEquals(0, run("stages"));
        assertEquals(List.of("good", "bad"), loaded);
        String text = out();
        assertTrue(text.startsWith("sink.stdout  (built-in)\n  Prints rows.\n  no options\n"), text);
        assertTrue(text.contains("plugin.good.rows  (source, plugin good; also plugin.good without inputs)\n  Makes rows.\n"), text);
        assertTrue(text.contains("plugin bad: not loaded: Plugin 'bad' panicked during loading: boom\n"), text);
    }

    @Test
    void aFailureAfterTheEngineStoppedIsReportedAsAnInterruption() {
        PluginLoader failing = listingOnly(() -> {
            throw new NoClassDefFoundError("org/tomlj/ParseTrees");
        });
        ConveyorEngine engine = new ConveyorEngine(new BuiltinStages(), failing, log, Map.of());
        engine.close();
        Cli cli = cliWith(engine);
        assertEquals(1, cli.apply(new String[] {"plugins"}));
        assertEquals("conveyor: interrupted: the engine was stopped while 'plugins' ran\n", err());
    }

    @Test
    void awaitIdleWaitsForACommandInProgress() throws Exception {
        java.util.concurrent.CountDownLatch entered = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch finish = new java.util.concurrent.CountDownLatch(1);
        PluginLoader slow = listingOnly(() -> {
            entered.countDown();
            try {
                finish.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return List.of();
        });
        Cli cli = cliWith(new ConveyorEngine(new BuiltinStages(), slow, log, Map.of()));
        assertTrue(cli.awaitIdle(10), "idle before any command");
        Thread command = new Thread(() -> cli.apply(new String[] {"plugins"}));
        command.start();
        entered.await();
        assertFalse(cli.awaitIdle(50), "a command is running");
        finish.countDown();
        assertTrue(cli.awaitIdle(10_000));
        command.join();
    }

    @Test
    void anUnexpectedFailureIsOneLineWithoutStackTrace() {
        PluginLoader throwing = listingOnly(() -> {
            throw new IllegalStateException("plugin path unreadable");
        });
        Cli cli = cliWith(new ConveyorEngine(new BuiltinStages(), throwing, log, Map.of()));
        assertEquals(1, cli.apply(new String[] {"plugins"}));
        assertEquals("conveyor: internal error: plugin path unreadable\n", err());

        err.reset();
        assertEquals(1, cli.apply(new String[] {"plugins", "--log-level", "debug"}));
        assertTrue(err().startsWith("conveyor: internal error: plugin path unreadable\n"));
        assertTrue(err().contains("\tat "), "debug shows the trace");
        assertFalse(out().contains("internal error"));
    }
}
