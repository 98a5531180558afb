package io.conveyor.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.apache.felix.framework.FrameworkFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.Constants;
import org.osgi.framework.launch.Framework;
import org.osgi.framework.namespace.PackageNamespace;
import org.osgi.framework.wiring.BundleRevision;

class SystemPackagesTest {
    private static final String LIST = "org.osgi.framework;version=\"1.10.0\", javax.xml.parsers;version=\"0.0.0.JavaSE_017\"";

    @TempDir
    Path dir;

    @Test
    void aWrittenListIsReadBackWhole() throws IOException {
        SystemPackages cache = new SystemPackages(dir.resolve("k.packages"));
        assertEquals(Optional.empty(), cache.read(), "nothing yet");
        cache.write(LIST);
        assertEquals(Optional.of(LIST), cache.read());
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of(dir.resolve("k.packages")), files.toList(), "no scratch file left");
        }
    }

    @Test
    void aDamagedFileIsIgnored() throws IOException {
        Path file = dir.resolve("k.packages");
        SystemPackages cache = new SystemPackages(file);
        cache.write(LIST);
        String intact = Files.readString(file);
        for (String damaged : List.of(intact.replace("javax.xml", "javax.xnl"), intact.substring(0, intact.length() - 5),
                intact.substring(0, intact.indexOf('\n')), "", "org.osgi.framework;version=1", "\u0000\u0001binary")) {
            Files.writeString(file, damaged);
            assertEquals(Optional.empty(), cache.read(), damaged);
        }
        Files.delete(file);
        Files.createDirectory(file);
        assertEquals(Optional.empty(), cache.read(), "a directory in its place");
    }

    @Test
    void onlyListsThatLookLikeTheFrameworksAreWritten() throws IOException {
        SystemPackages cache = new SystemPackages(dir.resolve("k.packages"));
        cache.write(null);
        cache.write("");
        cache.write("javax.xml.parsers");
        cache.write("org.osgi.framework;version=1\njunk");
        assertFalse(Files.exists(dir.resolve("k.packages")));
    }

    @Test
    void anUnwritableCacheIsHarmless() throws IOException {
        Path blocked = Files.writeString(dir.resolve("blocked"), "a file where the directory should be");
        SystemPackages cache = new SystemPackages(blocked.resolve("k.packages"));
        cache.write(LIST);
        assertEquals(Optional.empty(), cache.read());
    }

    @Test
    void theFileIsNamedByTheChildsSystemProperty() {
        String old = System.getProperty(SystemPackages.FILE_PROPERTY);
        try {
            System.clearProperty(SystemPackages.FILE_PROPERTY);
            assertTrue(SystemPackages.ofThisJvm().isEmpty());
            System.setProperty(SystemPackages.FILE_PROPERTY, dir.resolve("k.packages").toString());
            assertEquals(dir.resolve("k.packages").toString(), SystemPackages.ofThisJvm().orElseThrow().toString());
            System.setProperty(Constants.FRAMEWORK_SYSTEMPACKAGES, "org.osgi.framework");
            assertTrue(SystemPackages.ofThisJvm().isEmpty(), "a list the user sets is theirs, not the cache's");
        } finally {
            System.clearProperty(Constants.FRAMEWORK_SYSTEMPACKAGES);
            if (old == null) {
                System.clearProperty(SystemPackages.FILE_PROPERTY);
            } else {
                System.setProperty(SystemPackages.FILE_PROPERTY, old);
            }
        }
    }

    /** The real framework: the list it computes, given back, yields the same system bundle exports. */
    @Test
    void felixTakesBackTheListItComputedUnchanged() throws Exception {
        Exports computed = exportsOf(null);
        assertTrue(computed.property().startsWith("org.osgi.framework;"), computed.property());
        assertTrue(computed.packages().containsAll(List.of("javax.xml.parsers", "org.w3c.dom", "org.xml.sax", "org.osgi.framework")),
                "plugins import JRE packages from the system bundle: " + computed.packages());
        SystemPackages cache = new SystemPackages(dir.resolve("k.packages"));
        cache.write(computed.property());
        Exports reused = exportsOf(cache.read().orElseThrow());
        assertEquals(computed.capabilities(), reused.capabilities());
    }

    /** What a framework's system bundle ended up exporting. */
    private record Exports(String property, List<String> capabilities) {
        List<String> packages() {
            return capabilities.stream().map(c -> c.substring(0, c.indexOf(' '))).toList();
        }
    }

    private Exports exportsOf(String given) throws Exception {
        Path storage = Files.createTempDirectory(dir, "felix");
        Map<String, String> props = new java.util.HashMap<>(Map.of(
                Constants.FRAMEWORK_STORAGE, storage.toString(),
                Constants.FRAMEWORK_STORAGE_CLEAN, Constants.FRAMEWORK_STORAGE_CLEAN_ONFIRSTINIT));
        if (given != null) {
            props.put(Constants.FRAMEWORK_SYSTEMPACKAGES, given);
        }
        Framework fw = new FrameworkFactory().newFramework(props);
        fw.init();
        try {
            List<String> capabilities = fw.adapt(BundleRevision.class).getDeclaredCapabilities(PackageNamespace.PACKAGE_NAMESPACE)
                    .stream().map(c -> c.getAttributes().get(PackageNamespace.PACKAGE_NAMESPACE) + " "
                            + c.getAttributes().get(PackageNamespace.CAPABILITY_VERSION_ATTRIBUTE) + " " + c.getDirectives())
                    .sorted().toList();
            return new Exports(fw.getBundleContext().getProperty(Constants.FRAMEWORK_SYSTEMPACKAGES), capabilities);
        } finally {
            fw.stop();
            fw.waitForStop(10_000);
        }
    }
}
