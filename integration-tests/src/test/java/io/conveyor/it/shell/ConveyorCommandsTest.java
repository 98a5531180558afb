package io.conveyor.it.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.conveyor.it.fixtures.Fixtures;
import io.conveyor.it.support.ContainerFramework;
import io.conveyor.it.support.ContainerFramework.Kind;
import io.conveyor.it.support.ItPaths;
import io.conveyor.it.support.Reflective;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The {@code conveyor:} Gogo commands, run headless through a {@code CommandProcessor}
 * session in a Felix framework holding Gogo (runtime and command, no console) and the
 * core bundles; SCR is installed by the engine when a plugin needs it.
 */
class ConveyorCommandsTest {
    private static Path work;
    private static Path pluginDir;
    private static ContainerFramework container;
    private static GogoSession gogo;

    @BeforeAll
    static void startShell() throws Exception {
        work = ItPaths.newWorkDir("gogo");
        pluginDir = Files.createDirectories(work.resolve("plugins"));
        copyDir(ItPaths.realPlugins().resolve("http"), pluginDir.resolve("http"));
        Fixtures.refusing(pluginDir);
        // Gogo without its console: the jline shell would read the test JVM's stdin.
        Path gogoBundles = Files.createDirectories(work.resolve("gogo-bundles"));
        try (Stream<Path> jars = Files.list(ItPaths.bundles().resolve("shell"))) {
            for (Path jar : jars.filter(p -> p.getFileName().toString().matches("org\\.apache\\.felix\\.gogo\\.(runtime|command)-.*")).toList()) {
                Files.copy(jar, gogoBundles.resolve(jar.getFileName()));
            }
        }
        container = ContainerFramework.start(Kind.FELIX, Map.of(
                "conveyor.plugin.path", pluginDir.toString(),
                "conveyor.scr.dir", ItPaths.scrDir().toString()));
        // Gogo first in the list: installed before the engine resolves, so the engine's
        // optional import of the Gogo package is wired (as conveyor shell does).
        container.installAndStart(gogoBundles, ItPaths.bundles().resolve("core"));
        gogo = new GogoSession(container);
    }

    @AfterAll
    static void stop() throws Exception {
        if (container != null) {
            container.close();
        }
    }

    @Test
    void pluginsListsWhatThePluginDirectoryHolds() {
        String text = gogo.execute("conveyor:plugins").text();
        assertTrue(text.startsWith("name "), text);
        assertTrue(text.contains("api range"), text);
        assertTrue(text.matches("(?s).*\\nhttp +0\\.3\\.0 +\\[0\\.3,0\\.4\\) +(available|loaded) .*"), text);
        assertTrue(text.contains("refusing"), text);
    }

    @Test
    void loadAndUnloadAPlugin() {
        GogoSession.Reply loaded = gogo.execute("conveyor:load http");
        assertTrue(loaded.text().startsWith("plugin 'http' loaded: "), loaded.text());
        assertTrue(loaded.text().contains("source:http"), loaded.text());
        assertEquals("ACTIVE", container.bundleStates().get("io.conveyor.plugin.http"));
        assertTrue(gogo.execute("conveyor:plugins").text().matches("(?s).*\\nhttp +\\S+ +\\S+ +loaded .*"));

        assertEquals("plugin 'http' unloaded", gogo.execute("conveyor:unload http").text());
        assertFalse(container.bundleStates().containsKey("io.conveyor.plugin.http"), "the engine uninstalled what it installed");
        assertEquals("error: Plugin 'http' is not loaded", gogo.execute("conveyor:unload http").text());
    }

    @Test
    void aFailingPluginLeavesTheShellAliveAndSaysWhy() {
        GogoSession.Reply refused = gogo.execute("conveyor:load refusing");
        assertEquals(Boolean.FALSE, Reflective.call(refused.result(), "succeeded"));
        assertTrue(refused.text().startsWith("error: Plugin 'refusing' "), refused.text());
        assertTrue(refused.text().contains("IllegalStateException"), refused.text());
        assertFalse(refused.text().contains("\tat "), "no stack trace: " + refused.text());

        String missing = gogo.execute("conveyor:load nosuch").text();
        assertTrue(missing.startsWith("error: Plugin 'nosuch' not found in plugins directory (searched: " + pluginDir), missing);
        assertTrue(missing.endsWith("available plugins: http, refusing"), missing);

        assertTrue(container.running());
        assertTrue(gogo.execute("conveyor:plugins").text().contains("http"), "the shell still answers");
    }

    @Test
    void validateReportsEveryProblemWithItsPosition() throws IOException {
        Files.writeString(work.resolve("bad.toml"), """
                [pipeline]
                name = "bad"

                [[stages]]
                id = "rows"
                type = "source.csvv"
                """);
        GogoSession.Reply bad = gogo.execute("conveyor:validate " + work.resolve("bad.toml"));
        assertEquals(work.resolve("bad.toml") + ":6:1: stage 'rows', key 'type': unknown stage type 'source.csvv'"
                + " (did you mean 'source.csv'?)",
                bad.text().lines().findFirst().orElseThrow(), bad.text());
        assertTrue(bad.text().endsWith("1 problem found in " + work.resolve("bad.toml")), bad.text());
        assertEquals(Boolean.FALSE, Reflective.call(bad.result(), "valid"));

        Path good = copyPipeline("good");
        assertEquals(good + " is valid: pipeline 'good'", gogo.execute("conveyor:validate " + good).text());
    }

    @Test
    void runShowsPerStageCountersAndTheStatus() throws IOException {
        Path pipeline = copyPipeline("copy_rows");
        GogoSession.Reply run = gogo.execute("conveyor:run " + pipeline);
        assertEquals("SUCCEEDED", ((Enum<?>) Reflective.call(run.result(), "status")).name(), run.text());
        assertTrue(run.text().matches("(?s)stage +status +in +out +errors +dead-lettered +time\\n"
                + "rows +succeeded +0 +3 +0 +0 .*\\ncopy +succeeded +3 +3 +0 +0 .*"), run.text());
        assertTrue(run.text().contains("Pipeline 'copy_rows' succeeded in "), run.text());
        assertEquals("id,name\n1,a\n2,b\n3,c\n", Files.readString(work.resolve("copy_rows.csv")));
    }

    @Test
    void stagesListsBuiltinsAndPluginStages() {
        String text = gogo.execute("conveyor:stages").text();
        assertTrue(text.contains("source.csv  (built-in)"), text);
        assertTrue(text.contains("plugin.http.http  (source, plugin http; also plugin.http without inputs)"), text);
        assertTrue(text.contains("plugin refusing: not loaded: Plugin 'refusing' "), text);
    }

    @Test
    void everyCommandHasHelp() {
        for (String command : new String[] {"plugins", "stages", "load", "unload", "validate", "run"}) {
            String help = gogo.execute("help conveyor:" + command).text();
            assertTrue(help.contains(command + " - "), help);
            assertTrue(help.contains("scope: conveyor"), help);
        }
        assertTrue(gogo.execute("help conveyor:run").text().contains("pipeline file (relative to the working directory)"));
    }

    private static Path copyPipeline(String name) throws IOException {
        Files.writeString(work.resolve("in.csv"), "id,name\n1,a\n2,b\n3,c\n");
        return Files.writeString(work.resolve(name + ".toml"), """
                [pipeline]
                name = "%s"

                [[stages]]
                id = "rows"
                type = "source.csv"
                [stages.config]
                path = "in.csv"

                [[stages]]
                id = "copy"
                type = "sink.csv"
                inputs = ["rows"]
                [stages.config]
                path = "%s.csv"
                """.formatted(name, name));
    }

    private static void copyDir(Path from, Path to) throws IOException {
        Files.createDirectories(to);
        try (Stream<Path> files = Files.list(from)) {
            for (Path f : files.toList()) {
                Files.copy(f, to.resolve(f.getFileName()));
            }
        }
    }
}
