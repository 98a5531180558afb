package io.conveyor.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.zip.ZipEntry;
import org.osgi.framework.Bundle;
import org.osgi.framework.Constants;
import org.osgi.framework.launch.Framework;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The list of classes a child loads ahead is taken from the training run's class-loading log,
 * and the preload loads, in a real framework, each listed class through the bundle whose
 * symbolic name is its package root, skipping whatever does not load.
 */
class ClassPreloadTest {
    @TempDir
    Path dir;
    private Framework framework;

    @AfterEach
    void stopFramework() throws Exception {
        if (framework != null) {
            framework.stop();
            framework.waitForStop(10_000);
        }
    }

    @Test
    void theListHoldsTheBundlesNamedClassesOnceInLoadOrder() {
        List<String> log = List.of(
                "java.lang.Object source: shared objects file",
                "io.conveyor.engine.internal.EngineActivator source: reference:file:/c/engine.jar",
                "io.conveyor.launcher.Main source: file:/opt/conveyor.jar",
                "io.conveyor.api.Schema source: reference:file:/c/api.jar",
                "io.conveyor.engine.internal.cli.Cli$$Lambda$88/0x0000000800c4b000 source: io.conveyor.engine.internal.cli.Cli",
                "io.conveyor.engine.internal.EngineActivator source: reference:file:/c/engine.jar",
                "io.conveyor.engine.internal.log.Log$Level source: shared objects file (top)",
                "org.apache.felix.framework.Felix source: shared objects file (top)",
                "",
                "io.conveyor.engine.internal.Bare");
        assertEquals(List.of("io.conveyor.engine.internal.EngineActivator", "io.conveyor.api.Schema",
                "io.conveyor.engine.internal.log.Log$Level", "io.conveyor.engine.internal.Bare"),
                ClassPreload.fromLoadLog(log));
    }

    @Test
    void itLoadsTheListedClassesOfItsBundlesAndSkipsTheRest() throws Exception {
        Bundle bundle = startFrameworkWith(bundleOf("io.conveyor.launcher", EchoMain.class));
        Path list = Files.write(dir.resolve("x.classes"), List.of(
                "io.conveyor.launcher.NoSuchClass",
                "io.conveyor.launcher.EchoMain",
                "io.conveyor.launcherx.EchoMain",
                "org.elsewhere.Thing",
                "not a class name at all"));
        ClassPreload preload = ClassPreload.start(framework, List.of(bundle), list.toString());
        assertNotNull(preload);
        assertTrue(preload.await(10_000), "the preload finishes");
        assertEquals(1, preload.loaded(), "only the class its bundle holds");
        assertEquals(Bundle.RESOLVED, bundle.getState(), "resolved, not started: loading runs no code of the bundle");
        Class<?> c = bundle.loadClass("io.conveyor.launcher.EchoMain");
        assertTrue(c.getClassLoader() != getClass().getClassLoader(), "the bundle's own copy");
    }

    @Test
    void stoppingEndsThePreloadBeforeTheFrameworkStops() throws Exception {
        Bundle bundle = startFrameworkWith(bundleOf("io.conveyor.launcher", EchoMain.class));
        // Far more than it could load in the time: each missing class costs a look through the bundle.
        Path list = Files.write(dir.resolve("long.classes"),
                java.util.Collections.nCopies(500_000, "io.conveyor.launcher.Missing"));
        ClassPreload preload = ClassPreload.start(framework, List.of(bundle), list.toString());
        assertNotNull(preload);
        preload.stop();
        assertTrue(preload.await(0), "no class is being loaded once stop returns");
    }

    @Test
    void withoutAListOrWithAListThatIsGoneNothingIsLoaded() throws Exception {
        Bundle bundle = startFrameworkWith(bundleOf("io.conveyor.launcher", EchoMain.class));
        assertNull(ClassPreload.start(framework, List.of(bundle), null));
        ClassPreload gone = ClassPreload.start(framework, List.of(bundle), dir.resolve("missing.classes").toString());
        assertNotNull(gone);
        assertTrue(gone.await(10_000));
        assertEquals(0, gone.loaded());
    }

    @Test
    void aBundleThatDoesNotResolveMeansNoPreload() throws Exception {
        Path jar = bundleOf("io.conveyor.needy", EchoMain.class, "org.missing.pkg");
        Bundle bundle = startFrameworkWith(jar);
        Path list = Files.write(dir.resolve("x.classes"), List.of("io.conveyor.needy.X"));
        assertNull(ClassPreload.start(framework, List.of(bundle), list.toString()));
        assertEquals(Bundle.INSTALLED, bundle.getState());
    }

    private Bundle startFrameworkWith(Path bundleJar) throws Exception {
        Map<String, String> props = new HashMap<>();
        props.put(Constants.FRAMEWORK_STORAGE, dir.resolve("storage").toString());
        props.put(Constants.FRAMEWORK_STORAGE_CLEAN, Constants.FRAMEWORK_STORAGE_CLEAN_ONFIRSTINIT);
        props.put("felix.log.level", "0");
        framework = new org.apache.felix.framework.FrameworkFactory().newFramework(props);
        framework.init();
        Bundle b = framework.getBundleContext().installBundle(bundleJar.toUri().toString());
        framework.start();
        return b;
    }

    /** @return a bundle jar named {@code bsn} holding {@code c}, importing {@code imports} if given */
    private Path bundleOf(String bsn, Class<?> c, String... imports) throws Exception {
        Manifest m = new Manifest();
        Attributes a = m.getMainAttributes();
        a.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        a.putValue(Constants.BUNDLE_MANIFESTVERSION, "2");
        a.putValue(Constants.BUNDLE_SYMBOLICNAME, bsn);
        if (imports.length > 0) {
            a.putValue(Constants.IMPORT_PACKAGE, String.join(",", imports));
        }
        Path jar = dir.resolve(bsn + ".jar");
        String entry = c.getName().replace('.', '/') + ".class";
        try (OutputStream out = Files.newOutputStream(jar); JarOutputStream j = new JarOutputStream(out, m)) {
            j.putNextEntry(new ZipEntry(entry));
            try (var in = c.getClassLoader().getResourceAsStream(entry)) {
                in.transferTo(j);
            }
            j.closeEntry();
        }
        return jar;
    }
}
