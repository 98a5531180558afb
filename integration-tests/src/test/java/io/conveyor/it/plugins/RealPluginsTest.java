package io.conveyor.it.plugins;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.conveyor.api.StageKind;
import io.conveyor.engine.internal.plugins.PluginStage;
import io.conveyor.it.support.ItPaths;
import io.conveyor.it.support.PluginTestBed;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.jar.JarFile;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.osgi.framework.Bundle;

/**
 * The product's plugin folders ({@code target/bundles/plugins/http} and {@code .../mongodb},
 * the plugin bundle with its library bundles) load as plugins: every library resolves and
 * starts, and the plugin registers a source and a sink. While a plugin bundle has no
 * Declarative Services components yet (no {@code Service-Component} header), the test
 * expects the "provides no modules" failure instead, with everything uninstalled again.
 */
class RealPluginsTest {
    private PluginTestBed bed;

    @BeforeEach
    void start() throws Exception {
        bed = PluginTestBed.start();
        bed.manager().setPluginDirs(List.of(ItPaths.realPlugins()));
    }

    @AfterEach
    void stop() throws Exception {
        bed.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"http", "mongodb"})
    void productPluginFolderLoads(String name) throws Exception {
        String symbolicName = "io.conveyor.plugin." + name;
        boolean hasComponents = hasComponents(ItPaths.realPlugins().resolve(name), name);

        String result = bed.manager().load(name);

        assertTrue(bed.felix().running());
        if (!hasComponents) {
            assertEquals("Plugin '" + name + "' provides no modules", result);
            assertNull(bed.felix().bundle(symbolicName));
            return;
        }
        assertNull(result);
        assertEquals(Bundle.ACTIVE, bed.felix().bundle(symbolicName).getState());
        for (Bundle b : bed.felix().context().getBundles()) {
            boolean fragment = b.getHeaders().get("Fragment-Host") != null;
            assertEquals(fragment ? Bundle.RESOLVED : Bundle.ACTIVE, b.getState(), b.getSymbolicName());
        }
        Set<StageKind> kinds = bed.manager().stages(name).stream().map(PluginStage::kind).collect(Collectors.toSet());
        assertTrue(kinds.containsAll(Set.of(StageKind.SOURCE, StageKind.SINK)), name + " provides " + kinds);
        String other = name.equals("http") ? "io.conveyor.plugin.mongodb" : "io.conveyor.plugin.http";
        assertNull(bed.felix().bundle(other), "the other plugin is not installed");
    }

    @org.junit.jupiter.api.Test
    void bothProductPluginsShareTheirCommonLibraries() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(hasComponents(ItPaths.realPlugins().resolve("http"), "http")
                && hasComponents(ItPaths.realPlugins().resolve("mongodb"), "mongodb"),
                "the http and mongodb bundles have no stage factories yet");

        assertNull(bed.manager().load("http"));
        assertNull(bed.manager().load("mongodb"));

        assertEquals(1, bed.felix().count("slf4j.api"), "both folders ship slf4j-api 1.7.36; one is installed");
        assertNull(bed.manager().unload("http"));
        assertEquals(Bundle.ACTIVE, bed.felix().bundle("slf4j.api").getState(), "mongodb still uses it");
    }

    private static boolean hasComponents(Path folder, String name) throws Exception {
        try (Stream<Path> jars = Files.list(folder)) {
            for (Path p : jars.filter(j -> j.toString().endsWith(".jar")).toList()) {
                try (JarFile jf = new JarFile(p.toFile())) {
                    var main = jf.getManifest().getMainAttributes();
                    if (name.equals(main.getValue("Conveyor-Plugin"))) {
                        return main.getValue("Service-Component") != null;
                    }
                }
            }
        }
        throw new AssertionError("no bundle with Conveyor-Plugin: " + name + " in " + folder);
    }
}
