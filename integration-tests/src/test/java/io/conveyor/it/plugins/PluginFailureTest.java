package io.conveyor.it.plugins;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.conveyor.api.SourceFactory;
import io.conveyor.engine.internal.log.LogLevel;
import io.conveyor.engine.internal.plugins.PluginStage;
import io.conveyor.it.fixtures.Fixtures;
import io.conveyor.it.support.PluginTestBed;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.osgi.framework.Bundle;

/**
 * Every way a plugin can fail to load or fail later, each with its exact message; after
 * each the framework still runs, the broken bundle is gone (or RESOLVED after a run-time
 * failure) and the good plugin still loads.
 */
class PluginFailureTest {
    private PluginTestBed bed;

    @BeforeEach
    void start() throws Exception {
        bed = PluginTestBed.start();
        Fixtures.good(bed.pluginDir().resolve("good"));
    }

    @AfterEach
    void stop() throws Exception {
        bed.close();
    }

    private void assertHostUnharmed(String brokenBundle) {
        assertTrue(bed.felix().running(), "the framework still runs");
        assertNull(bed.felix().bundle(brokenBundle), brokenBundle + " is not left installed");
        assertNull(bed.manager().load("good"), "a good plugin still loads afterwards");
        assertEquals(2, bed.manager().stages("good").size());
    }

    @Test
    void pluginBuiltAgainstAnOlderApiIsRejectedBeforeInstalling() throws Exception {
        Fixtures.legacy(bed.pluginDir());
        Set<String> before = bed.felix().bundleNames();

        assertEquals("Plugin API version mismatch: plugin=0.2.0, host=0.3.0", bed.manager().load("legacy"));

        assertEquals(before, bed.felix().bundleNames(), "nothing was installed, not even SCR");
        assertHostUnharmed("fixture.legacy");
    }

    @Test
    void pluginThatDoesNotImportTheApiIsRejectedBeforeInstalling() throws Exception {
        Fixtures.plain(bed.pluginDir());
        Set<String> before = bed.felix().bundleNames();

        assertEquals("Plugin 'plain' does not import io.conveyor.api; rebuild it against the Conveyor API 0.3.0",
                bed.manager().load("plain"));

        assertEquals(before, bed.felix().bundleNames());
        assertHostUnharmed("fixture.plain");
    }

    @Test
    void jarNamedAfterThePluginWithoutTheHeaderIsNamed() throws Exception {
        Path jar = Fixtures.headerless(bed.pluginDir(), "nameless.jar");

        assertEquals("Plugin 'nameless': bundle " + jar + " has no 'Conveyor-Plugin' manifest header;"
                + " add 'Conveyor-Plugin: nameless' to its bnd instructions", bed.manager().load("nameless"));

        assertHostUnharmed("fixture.headerless");
    }

    @Test
    void pluginFolderWhoseJarsLackTheHeaderIsNamed() throws Exception {
        Path jar = Fixtures.headerless(bed.pluginDir().resolve("anonymous"), "anonymous-1.0.jar");

        assertEquals("Plugin 'anonymous': bundle " + jar + " has no 'Conveyor-Plugin' manifest header;"
                + " add 'Conveyor-Plugin: anonymous' to its bnd instructions", bed.manager().load("anonymous"));

        assertHostUnharmed("fixture.headerless");
    }

    @Test
    void activatorThrowingAnExceptionIsCaughtAndUninstalled() throws Exception {
        Fixtures.refusing(bed.pluginDir());

        assertEquals("Plugin 'refusing' panicked during loading: IllegalStateException: activator refuses to start (source)",
                bed.manager().load("refusing"));

        assertHostUnharmed("fixture.refusing");
    }

    @Test
    void errorFromAStaticInitialiserIsCaughtAndUninstalled() throws Exception {
        Fixtures.brokenInit(bed.pluginDir());

        assertEquals("Plugin 'brokeninit' panicked during loading: ExceptionInInitializerError:"
                + " IllegalStateException: static initialiser failed", bed.manager().load("brokeninit"));

        assertHostUnharmed("fixture.brokeninit");
    }

    @Test
    void componentWhoseActivateThrowsIsReportedWithSccrsReason() throws Exception {
        Fixtures.failing(bed.pluginDir());

        assertEquals("Plugin 'failing' panicked during loading: component fixture.unconfigured failed to activate:"
                + " IllegalStateException: no connection configured", bed.manager().load("failing"));

        assertHostUnharmed("fixture.failing");
    }

    @Test
    void pluginRegisteringNoStageFactoryProvidesNoModules() throws Exception {
        Fixtures.idle(bed.pluginDir());

        assertEquals("Plugin 'idle' provides no modules", bed.manager().load("idle"));

        assertHostUnharmed("fixture.idle");
    }

    @Test
    void factoryWhoseKindContradictsItsServiceTypeIsRejected() throws Exception {
        Fixtures.wrongKind(bed.pluginDir());

        assertEquals("Plugin 'wrongkind': stage factory fixture.mislabelled has conveyor.stage.kind=sink but is"
                + " registered as io.conveyor.api.SourceFactory; register it as io.conveyor.api.SinkFactory or"
                + " correct conveyor.stage.kind", bed.manager().load("wrongkind"));

        assertHostUnharmed("fixture.wrongkind");
    }

    @Test
    void missingLibraryNamesThePackageNobodyExports() throws Exception {
        Fixtures.userA(bed.pluginDir().resolve("usera"));

        assertEquals("Plugin 'usera' panicked during loading: bundle fixture.usera 1.0.0 cannot be resolved:"
                + " no installed bundle provides package io.conveyor.it.fixtures.sharedlib", bed.manager().load("usera"));

        assertHostUnharmed("fixture.usera");
    }

    @Test
    void declarativeServicesPluginWithoutAnyScrSaysSo() throws Exception {
        try (PluginTestBed noScr = PluginTestBed.start(Map.of("conveyor.scr.dir", ""))) {
            Fixtures.good(noScr.pluginDir());
            Set<String> before = noScr.felix().bundleNames();

            assertEquals("Plugin 'good' uses Declarative Services, but no SCR bundle is installed or found (framework"
                    + " property conveyor.scr.dir is not set); install org.apache.felix.scr in the container",
                    noScr.manager().load("good"));

            assertEquals(before, noScr.felix().bundleNames());
            assertTrue(noScr.felix().running());
        }
    }

    @Test
    void unreadableJarIsSkippedWithAWarningAndDoesNotHideOtherPlugins() throws Exception {
        Path broken = java.nio.file.Files.writeString(bed.pluginDir().resolve("broken.jar"), "not a zip");
        Fixtures.idle(bed.pluginDir());

        assertEquals("Plugin 'idle' provides no modules", bed.manager().load("idle"));

        assertTrue(bed.log().messages(LogLevel.WARN).stream().anyMatch(
                l -> l.startsWith("[plugins] skipping " + broken + ": it is not a readable jar")), bed.log().lines().toString());
        assertHostUnharmed("fixture.idle");
    }

    @Test
    void unknownPluginListsWhereItLookedAndWhatIsAvailable() throws Exception {
        Fixtures.idle(bed.pluginDir());
        Path missing = bed.pluginDir().resolveSibling(bed.pluginDir().getFileName() + "-nowhere");
        bed.manager().setPluginDirs(List.of(bed.pluginDir(), missing));

        assertEquals("Plugin 'nosuch' not found in plugins directory (searched: " + bed.pluginDir() + ", " + missing
                + " (missing)); available plugins: good, idle", bed.manager().load("nosuch"));

        assertHostUnharmed("fixture.nosuch");
    }

    @Test
    void stageThatThrowsAtRunTimeStopsItsPluginForTheRestOfTheProcess() throws Exception {
        Fixtures.crashy(bed.pluginDir());
        assertNull(bed.manager().load("crashy"));
        List<PluginStage> stages = bed.manager().stages("crashy");
        assertEquals(1, stages.size());
        Bundle bundle = bed.felix().bundle("fixture.crashy");

        AssertionError thrown = assertThrows(AssertionError.class,
                () -> ((SourceFactory) stages.get(0).factory()).open(null, null).next());
        bed.manager().stopOnError("crashy", thrown);

        assertEquals(Bundle.RESOLVED, bundle.getState(), "stopped, still installed");
        assertEquals(List.of(), bed.manager().stages("crashy"), "nothing hands out its factories any more");
        assertEquals(List.of("[plugins] plugin 'crashy' stopped after an unexpected failure: AssertionError: stream corrupted"),
                bed.log().messages(LogLevel.ERROR));
        bed.manager().stopOnError("crashy", new RuntimeException("second"));
        assertEquals(1, bed.log().messages(LogLevel.ERROR).size(), "one line per plugin, not per failure");
        assertEquals("Plugin 'crashy' was stopped after a failure: AssertionError: stream corrupted;"
                + " restart Conveyor to load it again", bed.manager().load("crashy"));
        assertTrue(bed.felix().running());
        assertNotNull(bed.felix().bundle("fixture.crashy"));
        assertNull(bed.manager().load("good"));

        assertNull(bed.manager().unload("crashy"), "the shell's unload removes a stopped plugin");
        assertEquals(Bundle.UNINSTALLED, bundle.getState());
        assertNull(bed.manager().load("crashy"), "and a later load installs it afresh");
    }
}
