package io.conveyor.it.plugins;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.conveyor.it.fixtures.Fixtures;
import io.conveyor.it.support.ItPaths;
import io.conveyor.it.support.PluginTestBed;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.osgi.framework.Bundle;

/**
 * Plugins and SCR carried inside the launcher jar ({@code bundles/plugins/NAME/*.jar},
 * {@code bundles/scr/*.jar}) are installed from the jar in place, under
 * {@code conveyor:} locations.
 */
class LauncherJarPluginsTest {
    private Path launcher;
    private PluginTestBed bed;

    @BeforeEach
    void start() throws Exception {
        Path work = ItPaths.newWorkDir("launcher");
        Path staging = work.resolve("staging");
        Fixtures.good(staging.resolve("bundles/plugins/good"));
        Fixtures.sharedLibrary(staging.resolve("bundles/plugins/usera"));
        Fixtures.userA(staging.resolve("bundles/plugins/usera"));
        try (Stream<Path> scr = Files.list(ItPaths.scrDir())) {
            for (Path p : scr.toList()) {
                Files.createDirectories(staging.resolve("bundles/scr"));
                Files.copy(p, staging.resolve("bundles/scr").resolve(p.getFileName()));
            }
        }
        launcher = work.resolve("conveyor.jar");
        zip(staging, launcher);
        bed = PluginTestBed.start(Map.of("conveyor.launcher.jar", launcher.toString(), "conveyor.scr.dir", ""));
    }

    @AfterEach
    void stop() throws Exception {
        bed.close();
    }

    @Test
    void bundledPluginAndScrAreInstalledFromInsideTheJar() {
        assertNull(bed.manager().load("good"));

        assertEquals("conveyor:plugins/good/fixture.good.jar", bed.felix().bundle("fixture.good").getLocation());
        Bundle scr = bed.felix().bundle("org.apache.felix.scr");
        assertTrue(scr.getLocation().startsWith("conveyor:scr/"), scr.getLocation());
        assertEquals(Bundle.ACTIVE, scr.getState());
        assertEquals(2, bed.manager().stages("good").size());
    }

    @Test
    void bundledPluginFolderBringsItsLibraries() {
        assertNull(bed.manager().load("usera"));

        assertEquals("conveyor:plugins/usera/fixture.sharedlib.jar", bed.felix().bundle("fixture.sharedlib").getLocation());
        assertNull(bed.felix().bundle("fixture.good"));
    }

    @Test
    void notFoundListsThePluginsDirectoryNextToTheJarAndTheJarItself() {
        Path nextToJar = launcher.getParent().resolve("plugins");
        assertEquals(java.util.List.of(bed.pluginDir(), nextToJar), bed.manager().searchPath());

        assertEquals("Plugin 'nosuch' not found in plugins directory (searched: " + bed.pluginDir() + ", " + nextToJar
                + " (missing), " + launcher + "!/bundles/plugins); available plugins: good, usera", bed.manager().load("nosuch"));
    }

    private static void zip(Path root, Path jar) throws Exception {
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(jar));
             Stream<Path> files = Files.walk(root)) {
            for (Path p : files.filter(Files::isRegularFile).sorted().toList()) {
                out.putNextEntry(new ZipEntry(root.relativize(p).toString().replace('\\', '/')));
                Files.copy(p, out);
                out.closeEntry();
            }
        }
    }
}
