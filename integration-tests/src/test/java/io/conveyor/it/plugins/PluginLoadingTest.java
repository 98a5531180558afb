package io.conveyor.it.plugins;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.conveyor.api.BatchStream;
import io.conveyor.api.SourceFactory;
import io.conveyor.api.StageConfig;
import io.conveyor.api.StageContext;
import io.conveyor.api.StageDescriptor;
import io.conveyor.api.StageKind;
import io.conveyor.engine.internal.plugins.PluginInfo;
import io.conveyor.engine.internal.plugins.PluginManager;
import io.conveyor.engine.internal.plugins.PluginStage;
import io.conveyor.it.fixtures.Fixtures;
import io.conveyor.it.fixtures.FixtureBundle;
import io.conveyor.it.fixtures.good.NumbersSource;
import io.conveyor.it.support.ItPaths;
import io.conveyor.it.support.PluginTestBed;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Hashtable;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.osgi.framework.Bundle;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.Version;

/** Where plugins come from and what loading one installs (and does not install). */
class PluginLoadingTest {
    private PluginTestBed bed;

    @BeforeEach
    void start() throws Exception {
        bed = PluginTestBed.start();
    }

    @AfterEach
    void stop() throws Exception {
        bed.close();
    }

    @Test
    void pluginFolderLoadsWithItsFactoriesLiveInsideTheBundle() throws Exception {
        Fixtures.good(bed.pluginDir().resolve("good"));

        assertNull(bed.manager().load("good"));

        List<PluginStage> stages = bed.manager().stages("good");
        assertEquals(List.of("source:numbers", "sink:collect"),
                stages.stream().map(s -> s.kind().id() + ":" + s.module()).toList());
        PluginStage source = stages.get(0);
        assertEquals("good", source.plugin());
        assertEquals("numbers", source.factory().descriptor().name());
        Bundle bundle = FrameworkUtil.getBundle(source.factory().getClass());
        assertEquals("fixture.good", bundle.getSymbolicName(), "the factory is the bundle's object, not the test's class");
        assertEquals(Bundle.ACTIVE, bundle.getState());
        assertNull(bed.manager().load("good"), "loading again is a no-op");
        assertEquals(1, bed.felix().count("fixture.good"));
    }

    @Test
    void selfContainedPluginJarInTheDirectoryLoads() throws Exception {
        Fixtures.good(bed.pluginDir());

        assertNull(bed.manager().load("good"));

        assertEquals(bed.pluginDir().resolve("fixture.good.jar").toUri().toString(),
                bed.felix().bundle("fixture.good").getLocation());
    }

    @Test
    void scrIsInstalledOnlyWhenADeclarativeServicesPluginIsLoaded() throws Exception {
        Fixtures.good(bed.pluginDir());
        Fixtures.idle(bed.pluginDir());
        assertNull(bed.felix().bundle("org.apache.felix.scr"), "no SCR at start-up");

        bed.manager().load("idle");
        assertNull(bed.felix().bundle("org.apache.felix.scr"), "a plugin without components does not need SCR");

        assertNull(bed.manager().load("good"));
        Bundle scr = bed.felix().bundle("org.apache.felix.scr");
        assertNotNull(scr);
        assertEquals(Bundle.ACTIVE, scr.getState());
    }

    @Test
    void loadingOnePluginInstallsNothingOfAnother() throws Exception {
        Fixtures.good(bed.pluginDir().resolve("good"));
        Fixtures.userB(bed.pluginDir().resolve("userb"));
        Fixtures.sharedLibrary(bed.pluginDir().resolve("userb"));
        Fixtures.crashy(bed.pluginDir());
        Set<String> before = bed.felix().bundleNames();

        assertNull(bed.manager().load("good"));

        Set<String> added = new TreeSet<>(bed.felix().bundleNames());
        added.removeAll(before);
        Set<String> expected = new TreeSet<>(scrBundleNames());
        expected.add("fixture.good");
        assertEquals(expected, added, "only the plugin asked for, and SCR");
    }

    @Test
    void pluginDirComesBeforeThePluginPathVariable() throws Exception {
        Path first = bed.pluginDir();
        Path second = ItPaths.newWorkDir("plugin-path");
        FixtureBundle.named("fixture.good").version("1.0.0").plugin("good").include(NumbersSource.class).writeTo(first);
        FixtureBundle.named("fixture.good").version("2.0.0").plugin("good").include(NumbersSource.class).writeTo(second);

        PluginManager fromEnvironment = new PluginManager(bed.felix().context(), bed.log().log(),
                v -> v.equals(PluginManager.PLUGIN_PATH_ENV) ? second.toString() : null);
        assertEquals(List.of(second), fromEnvironment.searchPath());
        fromEnvironment.setPluginDirs(List.of(first));
        assertEquals(List.of(first, second), fromEnvironment.searchPath());

        assertNull(fromEnvironment.load("good"));
        assertEquals(new Version(1, 0, 0), bed.felix().bundle("fixture.good").getVersion());
        fromEnvironment.close();
    }

    @Test
    void bundleTheContainerInstalledIsStartedAndLeftInstalled() throws Exception {
        Path jar = Fixtures.good(ItPaths.newWorkDir("container"));
        Bundle installed;
        try (InputStream in = Files.newInputStream(jar)) {
            installed = bed.felix().context().installBundle("container:good", in);
        }
        assertEquals(Bundle.INSTALLED, installed.getState());

        assertNull(bed.manager().load("good"));
        assertEquals(Bundle.ACTIVE, installed.getState());
        assertEquals(2, bed.manager().stages("good").size());
        assertEquals(1, bed.felix().count("fixture.good"), "the plugin directory was not used");

        assertNull(bed.manager().unload("good"));
        assertEquals(Bundle.ACTIVE, installed.getState(), "the container's bundle stays");
        assertEquals(List.of(), bed.manager().stages("good"));
    }

    @Test
    void factoriesTheContainerRegisteredAreUsedAsTheyAre() {
        SourceFactory inline = new SourceFactory() {
            @Override
            public StageDescriptor descriptor() {
                return StageDescriptor.builder(StageKind.SOURCE, "rows").build();
            }

            @Override
            public BatchStream open(StageConfig config, StageContext context) {
                return () -> null;
            }
        };
        Hashtable<String, Object> props = new Hashtable<>();
        props.put("conveyor.plugin", "inline");
        props.put("conveyor.stage.kind", "source");
        props.put("conveyor.stage.name", "rows");
        bed.felix().context().registerService(SourceFactory.class, inline, props);
        Set<String> before = bed.felix().bundleNames();

        assertNull(bed.manager().load("inline"));

        assertSame(inline, bed.manager().stages("inline").get(0).factory());
        assertEquals(before, bed.felix().bundleNames(), "nothing installed, not even SCR");
        PluginInfo info = bed.manager().plugins().stream().filter(p -> p.name().equals("inline")).findFirst().orElseThrow();
        assertEquals("loaded", info.state());
        assertEquals(List.of("source:rows"), info.modules());
    }

    @Test
    void containerFactoryWithoutAModuleNameIsRejected() {
        Hashtable<String, Object> props = new Hashtable<>();
        props.put("conveyor.plugin", "anonymous");
        props.put("conveyor.stage.kind", "source");
        var reg = bed.felix().context().registerService(SourceFactory.class, new NumbersSource(), props);

        assertEquals("Plugin 'anonymous': stage factory service " + reg.getReference().getProperty("service.id")
                + " has no conveyor.stage.name service property; set it to the module name", bed.manager().load("anonymous"));
        assertEquals(List.of(), bed.manager().stages("anonymous"));
    }

    @Test
    void containerFactoryWithAnUnknownKindIsRejected() {
        Hashtable<String, Object> props = new Hashtable<>();
        props.put("conveyor.plugin", "odd");
        props.put("conveyor.stage.kind", "filter");
        props.put("conveyor.stage.name", "rows");
        var reg = bed.felix().context().registerService(SourceFactory.class, new NumbersSource(), props);

        assertEquals("Plugin 'odd': stage factory service " + reg.getReference().getProperty("service.id")
                + " has conveyor.stage.kind=filter; it must be source, transform or sink", bed.manager().load("odd"));
    }

    @Test
    void pluginsListsAvailableAndLoadedPlugins() throws Exception {
        Fixtures.good(bed.pluginDir().resolve("good"));
        Fixtures.idle(bed.pluginDir());

        List<PluginInfo> available = bed.manager().plugins();
        assertEquals(List.of("good", "idle"), available.stream().map(PluginInfo::name).toList());
        PluginInfo good = available.get(0);
        assertEquals("available", good.state());
        assertEquals("[0.3,0.4)", good.apiRange());
        assertEquals("1.0.0", good.version());
        assertEquals(bed.pluginDir().resolve("good").toString(), good.location());
        assertEquals(List.of(), good.modules());
        assertEquals(Set.of(), Set.copyOf(bed.felix().bundleNames()).stream()
                .filter(n -> n.startsWith("fixture.")).collect(java.util.stream.Collectors.toSet()), "listing installs nothing");

        assertNull(bed.manager().load("good"));
        bed.manager().load("idle");
        List<PluginInfo> after = bed.manager().plugins();
        assertEquals("loaded", after.get(0).state());
        assertEquals(List.of("source:numbers", "sink:collect"), after.get(0).modules());
        assertEquals("failed", after.get(1).state());
    }

    @Test
    void unloadRemovesWhatLoadInstalled() throws Exception {
        Fixtures.good(bed.pluginDir().resolve("good"));
        assertNull(bed.manager().load("good"));
        Bundle bundle = bed.felix().bundle("fixture.good");

        assertNull(bed.manager().unload("good"));

        assertEquals(Bundle.UNINSTALLED, bundle.getState());
        assertEquals("Plugin 'good' is not loaded", bed.manager().unload("good"));
        assertNull(bed.manager().load("good"), "it can be loaded again");
        assertFalse(bed.manager().stages("good").isEmpty());
    }

    @Test
    void closeReleasesTheFactoriesAndUninstallsNothing() throws Exception {
        Fixtures.good(bed.pluginDir());
        assertNull(bed.manager().load("good"));
        Bundle bundle = bed.felix().bundle("fixture.good");

        bed.manager().close();

        assertEquals(Bundle.ACTIVE, bundle.getState());
        assertEquals(List.of(), bed.manager().stages("good"));
        PluginManager next = new PluginManager(bed.felix().context(), bed.log().log(), v -> null);
        assertNull(next.load("good"), "a later manager finds it in the container");
        assertEquals(1, bed.felix().count("fixture.good"));
        assertNull(next.unload("good"));
        assertEquals(Bundle.ACTIVE, bundle.getState(), "to the later manager it is the container's");
        next.close();
    }

    private static Set<String> scrBundleNames() throws Exception {
        Set<String> names = new TreeSet<>();
        try (Stream<Path> jars = Files.list(ItPaths.scrDir())) {
            for (Path p : jars.toList()) {
                try (JarFile jf = new JarFile(p.toFile())) {
                    names.add(jf.getManifest().getMainAttributes().getValue("Bundle-SymbolicName").split(";")[0].strip());
                }
            }
        }
        assertTrue(names.contains("org.apache.felix.scr"));
        return names;
    }
}
