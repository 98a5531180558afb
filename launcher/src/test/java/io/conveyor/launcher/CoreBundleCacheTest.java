package io.conveyor.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CoreBundleCacheTest {
    @TempDir
    Path dir;

    private Path jarWith(String... entries) throws Exception {
        Path jar = dir.resolve("conveyor.jar");
        try (OutputStream out = Files.newOutputStream(jar); JarOutputStream j = new JarOutputStream(out)) {
            for (String name : entries) {
                j.putNextEntry(new ZipEntry(name));
                j.write(name.getBytes(StandardCharsets.UTF_8));
                j.closeEntry();
            }
        }
        return jar;
    }

    @Test
    void extractsTheCoreBundlesOnceAndTheyAreThenInstalledByReference() throws Exception {
        Path jar = jarWith("bundles/core/b.jar", "bundles/core/a.jar", "bundles/shell/gogo.jar", "Main.class");
        CoreBundleCache cache = new CoreBundleCache(dir.resolve("cache/conveyor-k.bundles"));
        assertFalse(cache.exists());
        assertTrue(cache.extract(new BundleSource(jar)));
        try (Stream<Path> s = Files.list(cache.dir())) {
            assertEquals(List.of("a.jar", "b.jar"), s.map(p -> p.getFileName().toString()).sorted().toList());
        }
        assertEquals("bundles/core/a.jar", Files.readString(cache.dir().resolve("a.jar")));
        try (Stream<Path> s = Files.list(cache.dir().getParent())) {
            assertEquals(List.of(cache.dir()), s.toList(), "no scratch directory is left");
        }

        List<String> installed = new ArrayList<>();
        int n = new BundleSource(jar, cache.dir()).eachCoreBundle((location, in) -> {
            assertNull(in, "the framework opens a reference: location itself");
            installed.add(location);
        });
        assertEquals(2, n);
        assertEquals(List.of("reference:" + cache.dir().resolve("a.jar").toUri(),
                "reference:" + cache.dir().resolve("b.jar").toUri()), installed);

        Files.writeString(cache.dir().resolve("a.jar"), "kept");
        assertTrue(cache.extract(new BundleSource(jar)), "already there");
        assertEquals("kept", Files.readString(cache.dir().resolve("a.jar")), "a published directory is never rewritten");
    }

    @Test
    void aJarWithoutCoreBundlesOrAnUnwritableCacheExtractsNothing() throws Exception {
        Path jar = jarWith("bundles/shell/gogo.jar");
        CoreBundleCache cache = new CoreBundleCache(dir.resolve("cache/conveyor-k.bundles"));
        assertFalse(cache.extract(new BundleSource(jar)));
        assertFalse(cache.exists());
        Path blocked = Files.writeString(dir.resolve("blocked"), "a file where the cache should be");
        CoreBundleCache unwritable = new CoreBundleCache(blocked.resolve("conveyor-k.bundles"));
        assertFalse(unwritable.extract(new BundleSource(jarWith("bundles/core/a.jar"))));
    }

    @Test
    void aMissingExtractedDirectoryFallsBackToTheJar() throws Exception {
        Path jar = jarWith("bundles/core/a.jar");
        List<String> installed = new ArrayList<>();
        new BundleSource(jar, dir.resolve("gone")).eachCoreBundle((location, in) -> installed.add(location));
        assertEquals(List.of("jar:" + jar.toUri() + "!/bundles/core/a.jar"), installed);
    }
}
