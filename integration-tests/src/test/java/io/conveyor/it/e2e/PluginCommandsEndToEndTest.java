package io.conveyor.it.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.conveyor.it.e2e.ConveyorProcess.Outcome;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.BundleActivator;

/**
 * {@code plugins}, {@code stages} and {@code --plugin-dir} through the real jar. A "spy"
 * plugin, built here, writes a marker file when its activator runs: it proves that a plugin
 * on the plugin path but not named in {@code [global].plugins} is never installed. Needs the
 * plugin manager, compiler and executor.
 */
class PluginCommandsEndToEndTest {
    @TempDir
    Path dir;
    private ConveyorProcess conveyor;
    private Path pluginDir;
    private Path marker;

    @BeforeEach
    void buildSpyPlugin() throws Exception {
        ConveyorProcess.copyExamples(dir, "csv-basics");
        conveyor = new ConveyorProcess(dir, dir.resolve("tmp"));
        pluginDir = Files.createDirectories(dir.resolve("plugins"));
        marker = dir.resolve("spy-started");
        writeSpyPlugin(pluginDir.resolve("spy-1.0.0.jar"), marker);
    }

    /** A bundle with Conveyor-Plugin: spy whose activator only writes {@code marker}. */
    static void writeSpyPlugin(Path jar, Path marker) throws Exception {
        Path src = Files.createDirectories(jar.getParent().resolveSibling("spy-src/spy"));
        Files.writeString(src.resolve("SpyActivator.java"), """
                package spy;
                public class SpyActivator implements org.osgi.framework.BundleActivator {
                    public void start(org.osgi.framework.BundleContext c) throws Exception {
                        java.nio.file.Files.writeString(java.nio.file.Path.of("%s"), "started");
                    }
                    public void stop(org.osgi.framework.BundleContext c) {
                    }
                }
                """.formatted(marker.toString().replace("\\", "\\\\")));
        Path classes = Files.createDirectories(jar.getParent().resolveSibling("spy-classes"));
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        String osgi = Path.of(BundleActivator.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        int rc = javac.run(null, null, null, "--release", "17", "-cp", osgi, "-d", classes.toString(),
                src.resolve("SpyActivator.java").toString());
        assertEquals(0, rc, "spy plugin compiles");

        Manifest mf = new Manifest();
        Attributes a = mf.getMainAttributes();
        a.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        a.putValue("Bundle-ManifestVersion", "2");
        a.putValue("Bundle-SymbolicName", "test.spy");
        a.putValue("Bundle-Version", "1.0.0");
        a.putValue("Conveyor-Plugin", "spy");
        a.putValue("Bundle-Activator", "spy.SpyActivator");
        a.putValue("Import-Package", "io.conveyor.api;version=\"[0.3,0.4)\",org.osgi.framework");
        try (OutputStream out = Files.newOutputStream(jar); JarOutputStream j = new JarOutputStream(out, mf)) {
            j.putNextEntry(new JarEntry("spy/SpyActivator.class"));
            j.write(Files.readAllBytes(classes.resolve("spy/SpyActivator.class")));
            j.closeEntry();
        }
    }

    @Test
    void aPluginThatIsNotNamedIsNeverInstalled() throws Exception {
        Outcome o = conveyor.run("--plugin-dir", pluginDir.toString(), "csv-basics/pipeline.toml");
        assertEquals(0, o.exit(), o::toString);
        assertFalse(Files.exists(marker), "the spy plugin's activator ran although no pipeline named it");
    }

    @Test
    void aNamedPluginIsInstalledAndOneWithoutStagesIsRejected() throws Exception {
        // The positive control for the test above: the same jar, named, is started.
        Files.writeString(dir.resolve("spy.toml"), """
                [pipeline]
                name = "uses_spy"

                [global]
                plugins = ["spy"]

                [[stages]]
                id = "orders"
                type = "source.csv"
                inputs = []
                [stages.config]
                path = "data/orders.csv"

                [[stages]]
                id = "show"
                type = "sink.stdout"
                inputs = ["orders"]
                """);
        Outcome o = conveyor.run("validate", "--plugin-dir", pluginDir.toString(), "spy.toml");
        assertEquals(2, o.exit(), o::toString);
        assertTrue(Files.exists(marker), "the named plugin was started");
        assertTrue(o.stderr().contains("Plugin 'spy' provides no modules"), o::toString);
    }

    @Test
    void pluginsListsBundledAndPluginDirPluginsWithoutLoadingThem() throws Exception {
        Outcome o = conveyor.run("plugins", "--plugin-dir", pluginDir.toString());
        assertEquals(0, o.exit(), o::toString);
        List<String> lines = o.stdoutLines();
        assertTrue(lines.get(0).matches("name\\s+version\\s+api range\\s+state\\s+location\\s+modules"), o::toString);
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("http ")), o::toString);
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("mongodb ")), o::toString);
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("spy ") && l.contains("1.0.0") && l.contains("[0.3,0.4)")),
                o::toString);
        assertFalse(Files.exists(marker), "listing plugins starts none");
    }

    @Test
    void stagesListsBuiltinsAndPluginStagesWithOptions() throws Exception {
        Outcome o = conveyor.run("stages");
        assertEquals(0, o.exit(), o::toString);
        String text = o.stdout();
        for (String type : List.of("source.csv  (built-in)", "transform.filter  (built-in)", "sink.stdout  (built-in)")) {
            assertTrue(text.contains(type), () -> type + " missing:\n" + text);
        }
        assertTrue(text.contains("(source, plugin http; also plugin.http without inputs)"), text);
        assertTrue(text.contains("(source, plugin mongodb; also plugin.mongodb without inputs)"), text);
        assertTrue(text.lines().anyMatch(l -> l.matches("\\s+path\\s+string\\s+required\\s+.*")), text);
        assertTrue(text.lines().anyMatch(l -> l.matches("\\s+connection_string\\s+string\\s+required\\s*.*")), text);
    }
}
