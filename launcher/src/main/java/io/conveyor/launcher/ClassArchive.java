package io.conveyor.launcher;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.RandomAccessFile;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import java.util.zip.CRC32;

/**
 * A class-data-sharing archive (AppCDS) for one {@code conveyor.jar} on one JVM, kept in a
 * per-user cache directory. With it a run maps the classes of Felix, the engine and its
 * libraries ready-parsed and verified instead of loading and verifying them from the nested
 * bundle jars on every run.
 *
 * <p>The file name carries a key of everything the archive depends on: the jar's content
 * (the CRC of its zip central directory, which holds every entry's CRC and size, read
 * without reading the 12 MB jar), its size and modification time (which the JVM checks
 * itself, so a rebuilt jar needs a new archive even if no byte changed), the JVM and the
 * JVM options that matter, and the jar's path (the JVM refuses an archive made for the same
 * jar at another path, so a copy made with its time stamp kept must not share one). A changed
 * jar or JVM therefore never meets an old archive. Archives are published by an atomic
 * rename, so concurrent runs see a whole file or none.
 *
 * <p>Each key has a family of files in the cache: the archive ({@code .jsa}), the extracted
 * core bundles ({@code .bundles}), the system bundle's package list ({@code .packages}), the
 * list of classes a child loads ahead ({@code .classes}, see {@link ClassPreload}) and
 * scratch files ({@code .tmp}). A rebuilt jar is a new family, so publishing an archive
 * prunes the old ones: the cache keeps the {@value #KEEP} most recently used families and
 * deletes any unused for {@value #UNUSED_DAYS} days, but never one used in the last
 * {@value #IN_USE_MINUTES} minutes: a run marks its family used before it starts its child
 * JVM (see {@link #markUsed}), so a concurrent run's files are not deleted under it.
 */
final class ClassArchive {
    /** System property naming the cache directory, for tests and for users who want it elsewhere. */
    static final String CACHE_DIR_PROPERTY = "conveyor.cache.dir";
    private static final String PREFIX = "conveyor-";
    private static final String SUFFIX = ".jsa";
    private static final String BUNDLES_SUFFIX = ".bundles";
    private static final String PACKAGES_SUFFIX = ".packages";
    private static final String CLASSES_SUFFIX = ".classes";
    private static final String SCRATCH_SUFFIX = ".tmp";
    /** How many families (this jar's included) pruning keeps at most. */
    static final int KEEP = 3;
    /** Families unused for this many days are deleted even when fewer than {@value #KEEP} are left. */
    static final int UNUSED_DAYS = 30;
    /** Families used this recently are never deleted: a run may be starting with them. */
    static final int IN_USE_MINUTES = 10;
    private static final long UNUSED_MILLIS = UNUSED_DAYS * 24L * 60 * 60 * 1000;
    private static final long IN_USE_MILLIS = IN_USE_MINUTES * 60L * 1000;

    private final Path dir;
    private final String key;

    ClassArchive(Path dir, String key) {
        this.dir = dir;
        this.key = key;
    }

    /**
     * @param jar the running jar
     * @param options the JVM options that decide whether an archive fits
     * @return the archive for this jar and JVM, or empty if there is no cache directory
     *         or the jar cannot be read
     */
    static Optional<ClassArchive> of(Path jar, List<String> options) {
        Optional<Path> dir = cacheDir();
        if (dir.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(new ClassArchive(dir.get(), key(jar, options)));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /**
     * @return {@value #CACHE_DIR_PROPERTY}, else {@code $XDG_CACHE_HOME/conveyor}, else
     *         {@code ~/.cache/conveyor}; empty if none can be named
     */
    static Optional<Path> cacheDir() {
        String configured = System.getProperty(CACHE_DIR_PROPERTY);
        if (configured != null) {
            return configured.isBlank() ? Optional.empty() : Optional.of(Path.of(configured));
        }
        String xdg = System.getenv("XDG_CACHE_HOME");
        if (xdg != null && !xdg.isBlank() && Path.of(xdg).isAbsolute()) {
            return Optional.of(Path.of(xdg, "conveyor"));
        }
        String home = System.getProperty("user.home");
        if (home == null || home.isBlank() || home.equals("?")) {
            return Optional.empty();
        }
        return Optional.of(Path.of(home, ".cache", "conveyor"));
    }

    /**
     * @param jar the running jar
     * @param options the JVM options that decide whether an archive fits
     * @return a key that changes when the jar's content, size or time stamp, the JVM or the options change
     * @throws IOException if the jar cannot be read
     */
    static String key(Path jar, List<String> options) throws IOException {
        CRC32 jvm = new CRC32();
        jvm.update((System.getProperty("java.home") + '\n' + System.getProperty("java.vm.version") + '\n'
                + jar.toAbsolutePath() + '\n' + String.join("\n", options)).getBytes(java.nio.charset.StandardCharsets.UTF_8));
        long size = Files.size(jar);
        long modified = Files.getLastModifiedTime(jar).toMillis();
        return Long.toHexString(centralDirectoryCrc(jar)) + "-" + Long.toHexString(size) + "-"
                + Long.toHexString(modified) + "-" + Long.toHexString(jvm.getValue());
    }

    /**
     * The CRC of the zip central directory: one record per entry with its name, CRC and sizes,
     * so it changes whenever any bundle inside the jar does.
     */
    private static long centralDirectoryCrc(Path jar) throws IOException {
        try (RandomAccessFile file = new RandomAccessFile(jar.toFile(), "r")) {
            long length = file.length();
            int tail = (int) Math.min(length, 22 + 65_535);
            byte[] end = new byte[tail];
            file.seek(length - tail);
            file.readFully(end);
            for (int i = tail - 22; i >= 0; i--) {
                if (end[i] == 0x50 && end[i + 1] == 0x4b && end[i + 2] == 0x05 && end[i + 3] == 0x06) {
                    long cdSize = uint32(end, i + 12);
                    long cdOffset = uint32(end, i + 16);
                    if (cdSize > Integer.MAX_VALUE || cdOffset + cdSize > length) {
                        break;
                    }
                    byte[] cd = new byte[(int) cdSize];
                    file.seek(cdOffset);
                    file.readFully(cd);
                    CRC32 crc = new CRC32();
                    crc.update(cd);
                    return crc.getValue();
                }
            }
            throw new IOException("not a zip file: " + jar);
        }
    }

    private static long uint32(byte[] b, int at) {
        return (b[at] & 0xffL) | (b[at + 1] & 0xffL) << 8 | (b[at + 2] & 0xffL) << 16 | (b[at + 3] & 0xffL) << 24;
    }

    /** @return where the archive is (or will be) */
    Path path() {
        return dir.resolve(PREFIX + key + SUFFIX);
    }

    /** @return the cache of this jar's extracted core bundles, beside the archive and under its key */
    CoreBundleCache coreBundles() {
        return new CoreBundleCache(dir.resolve(PREFIX + key + BUNDLES_SUFFIX));
    }

    /** @return where the system bundle's package list for this jar and JVM is (or will be) kept */
    Path systemPackagesFile() {
        return dir.resolve(PREFIX + key + PACKAGES_SUFFIX);
    }

    /** @return where the list of classes a child loads ahead ({@link ClassPreload}) is (or will be) kept */
    Path classListFile() {
        return dir.resolve(PREFIX + key + CLASSES_SUFFIX);
    }

    /**
     * Publishes the list of classes a child loads ahead, replacing any other run's copy.
     * Never fails: without the list a run only starts a little later.
     *
     * @param names the classes, in the order to load them
     * @return true if a list was published (none is for an empty list)
     */
    boolean publishClassList(List<String> names) {
        return !names.isEmpty() && CacheFile.replace(classListFile(), String.join("\n", names) + "\n");
    }

    /** @return true if the archive has been made */
    boolean exists() {
        return Files.isRegularFile(path());
    }

    /**
     * @return a fresh file name for a JVM to write a new archive to, in the cache directory
     *         (created if missing) so the rename that publishes it stays on one file system
     * @throws IOException if the directory cannot be created or written
     */
    Path newScratchFile() throws IOException {
        Files.createDirectories(dir);
        Path scratch = dir.resolve(PREFIX + key + "." + ProcessHandle.current().pid() + "." + System.nanoTime() + SCRATCH_SUFFIX);
        Files.deleteIfExists(scratch);
        return scratch;
    }

    /**
     * Publishes a finished archive under its name, replacing any other run's copy, and
     * deletes archives of other jars or JVMs that have not been used for a long time.
     *
     * @param scratch the file a JVM wrote the archive to
     * @return true if it was published
     */
    boolean publish(Path scratch) {
        try {
            if (!Files.isRegularFile(scratch) || Files.size(scratch) == 0) {
                Files.deleteIfExists(scratch);
                return false;
            }
            try {
                Files.move(scratch, path(), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.deleteIfExists(scratch);
                return false;
            }
            prune();
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Marks this family as in use, so a concurrent prune keeps it: sets the archive's time
     * stamp to now unless it was set in the last few minutes (a run then costs one stat, not
     * a write). Never fails: an archive that cannot be touched only ages sooner.
     */
    void markUsed() {
        try {
            long now = System.currentTimeMillis();
            if (Files.getLastModifiedTime(path()).toMillis() < now - IN_USE_MILLIS / 2) {
                Files.setLastModifiedTime(path(), FileTime.fromMillis(now));
            }
        } catch (IOException | RuntimeException e) {
            // Read-only cache or a file another run just replaced: nothing to do.
        }
    }

    /**
     * Deletes the families of other jars and JVMs beyond the {@value #KEEP} most recently used,
     * and any unused for {@value #UNUSED_DAYS} days; never this one, never one used in the
     * last {@value #IN_USE_MINUTES} minutes, never a file that is not Conveyor's.
     */
    void prune() {
        long now = System.currentTimeMillis();
        Map<String, List<Path>> families = new HashMap<>();
        Map<String, Long> lastUsed = new HashMap<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.toList()) {
                String family = familyOf(f.getFileName().toString());
                if (family == null || family.equals(key)) {
                    continue;
                }
                families.computeIfAbsent(family, k -> new ArrayList<>()).add(f);
                long modified = Files.getLastModifiedTime(f).toMillis();
                lastUsed.merge(family, modified, Math::max);
            }
        } catch (IOException | RuntimeException e) {
            return;
        }
        List<String> newestFirst = new ArrayList<>(families.keySet());
        newestFirst.sort(Comparator.comparing((String k) -> lastUsed.get(k)).reversed());
        for (int i = 0; i < newestFirst.size(); i++) {
            String family = newestFirst.get(i);
            long age = now - lastUsed.get(family);
            boolean beyondNewest = i >= KEEP - 1;
            if (age >= IN_USE_MILLIS && (beyondNewest || age >= UNUSED_MILLIS)) {
                for (Path f : families.get(family)) {
                    StorageDir.delete(f, new PrintStream(OutputStream.nullOutputStream()));
                }
            }
        }
    }

    /** @return the key of a cache file's family, or null if the file is not one of Conveyor's */
    static String familyOf(String fileName) {
        if (!fileName.startsWith(PREFIX)) {
            return null;
        }
        for (String suffix : List.of(SUFFIX, BUNDLES_SUFFIX, PACKAGES_SUFFIX, CLASSES_SUFFIX)) {
            if (fileName.endsWith(suffix)) {
                return fileName.substring(PREFIX.length(), fileName.length() - suffix.length());
            }
        }
        if (fileName.endsWith(SCRATCH_SUFFIX)) {
            // KEY.PID.NANOS.tmp and KEY.bundles.PID.NANOS.tmp: keys hold no dot.
            int dot = fileName.indexOf('.', PREFIX.length());
            return fileName.substring(PREFIX.length(), dot);
        }
        return null;
    }

    @Override
    public String toString() {
        return path().toString();
    }
}
