package io.conveyor.launcher;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * The core bundles carried inside the launcher: the jars under {@code bundles/core/} of
 * {@code conveyor.jar}, read in place. Also works when the launcher runs from a class
 * directory, as in a development build.
 *
 * <p>When the launcher has extracted the core bundles once into its cache ({@link CoreBundleCache}
 * names the directory in {@value #EXTRACTED_PROPERTY}), they are installed by reference from
 * there: the framework then opens them where they are instead of copying 3 MB into its
 * fresh storage on every run.
 */
final class BundleSource {
    static final String CORE = "bundles/core/";
    /** The Gogo shell bundles, installed only by {@code conveyor shell}. */
    static final String SHELL = "bundles/shell/";
    /** System property naming a directory holding this jar's core bundles, extracted. */
    static final String EXTRACTED_PROPERTY = "conveyor.core.bundles";
    private final Path jarPath;
    private final Path extractedCore;

    BundleSource(Path jarPath) {
        this(jarPath, null);
    }

    /**
     * @param jarPath the jar (or class directory) carrying the bundles
     * @param extractedCore a directory holding the same core bundles extracted, or null
     */
    BundleSource(Path jarPath, Path extractedCore) {
        this.jarPath = jarPath;
        this.extractedCore = extractedCore;
    }

    /** @return the source for the jar (or class directory) this class was loaded from */
    static BundleSource ofRunningJar() {
        Path jar;
        try {
            jar = Path.of(Main.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toAbsolutePath();
        } catch (URISyntaxException e) {
            throw new IllegalStateException("cannot locate conveyor.jar: " + e.getMessage(), e);
        }
        String extracted = System.getProperty(EXTRACTED_PROPERTY);
        return new BundleSource(jar, extracted == null || extracted.isBlank() ? null : Path.of(extracted));
    }

    /** @return true if the core bundles are installed from an extracted copy rather than the jar */
    boolean hasExtractedCore() {
        return extractedCore != null;
    }

    /** @return the absolute path of the running jar (or class directory) */
    Path jarPath() {
        return jarPath;
    }

    /** Receives one embedded bundle. */
    interface Receiver {
        /**
         * @param location the bundle location to install it under
         * @param content its bytes, closed by the caller; null for a {@code reference:} location,
         *        which the framework opens in place
         * @throws Exception if it cannot be installed
         */
        void accept(String location, InputStream content) throws Exception;
    }

    /**
     * Hands every core bundle to {@code receiver}, sorted by name so installs are reproducible.
     *
     * @param receiver installs one bundle
     * @return the number of bundles handed over
     * @throws Exception from reading the jar or from the receiver
     */
    int eachCoreBundle(Receiver receiver) throws Exception {
        if (extractedCore != null && Files.isDirectory(extractedCore)) {
            List<Path> files = jarsIn(extractedCore);
            if (!files.isEmpty()) {
                for (Path p : files) {
                    receiver.accept("reference:" + p.toUri(), null);
                }
                return files.size();
            }
        }
        return eachBundleIn(CORE, receiver);
    }

    private static List<Path> jarsIn(Path dir) throws IOException {
        try (Stream<Path> list = Files.list(dir)) {
            return list.filter(p -> p.toString().endsWith(".jar")).sorted().toList();
        }
    }

    /**
     * Hands every bundle directly under {@code folder} to {@code receiver}, sorted by name.
     *
     * @param folder a folder inside the jar, ending in {@code /}, e.g. {@value #SHELL}
     * @param receiver installs one bundle
     * @return the number of bundles handed over
     * @throws Exception from reading the jar or from the receiver
     */
    int eachBundleIn(String folder, Receiver receiver) throws Exception {
        if (Files.isDirectory(jarPath)) {
            List<Path> files = jarsIn(jarPath.resolve(folder));
            for (Path p : files) {
                try (InputStream in = Files.newInputStream(p)) {
                    receiver.accept(p.toUri().toString(), in);
                }
            }
            return files.size();
        }
        try (JarFile jar = new JarFile(jarPath.toFile())) {
            List<JarEntry> entries = new ArrayList<>();
            for (JarEntry e : Collections.list(jar.entries())) {
                String name = e.getName();
                if (name.startsWith(folder) && name.endsWith(".jar") && name.indexOf('/', folder.length()) < 0) {
                    entries.add(e);
                }
            }
            entries.sort((a, b) -> a.getName().compareTo(b.getName()));
            String jarUri = jarPath.toUri().toString();
            for (JarEntry e : entries) {
                try (InputStream in = jar.getInputStream(e)) {
                    receiver.accept("jar:" + jarUri + "!/" + e.getName(), in);
                }
            }
            return entries.size();
        }
    }

    @Override
    public String toString() {
        return jarPath.toString();
    }
}
