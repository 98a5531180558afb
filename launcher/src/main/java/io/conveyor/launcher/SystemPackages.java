package io.conveyor.launcher;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.zip.CRC32;
import org.osgi.framework.Constants;

/**
 * The packages the framework's system bundle exports ({@code org.osgi.framework.system.packages}),
 * remembered in the cache beside the class-data archive so that the framework need not
 * work them out again on every run.
 *
 * <p>Left unset, Felix derives the list at every start from its default properties and the
 * JVM's modules: some 250 packages, built by string concatenation and variable
 * substitution, one of the costliest steps of starting the framework. Set, it takes the list
 * as it is. The list depends only on the JVM and the Felix inside the jar, and the file's
 * name carries the archive's key (jar content and path, JVM, options), so a list is only
 * ever reused by the jar and JVM that computed it; it is the very value Felix computed, so
 * user plugins importing {@code javax.*}, {@code org.w3c.*} or {@code org.xml.*} resolve
 * exactly as before.
 *
 * <p>The file holds a header line with a CRC of the list, then the list. A missing, partial,
 * corrupt or unreadable file is ignored (Felix computes the list as before and the file is
 * written again); writing goes through a scratch file and an atomic rename, so concurrent
 * runs read a whole file or none. Nothing here ever fails a run.
 */
final class SystemPackages {
    /** System property naming the file, set by {@link ArchivedRelaunch} for the child JVM. */
    static final String FILE_PROPERTY = "conveyor.system.packages";
    private static final String HEADER = "conveyor-system-packages 1 ";
    /** Every list Felix computes starts with the framework's own package. */
    private static final String FIRST_PACKAGE = "org.osgi.framework;";

    private final Path file;

    /** @param file where the list is (or will be) kept */
    SystemPackages(Path file) {
        this.file = file;
    }

    /**
     * @return the cache named by {@value #FILE_PROPERTY}, or empty when there is none or the
     *         user sets {@code org.osgi.framework.system.packages} (a system property Felix reads) themselves
     */
    static Optional<SystemPackages> ofThisJvm() {
        String name = System.getProperty(FILE_PROPERTY);
        if (name == null || name.isBlank() || System.getProperty(Constants.FRAMEWORK_SYSTEMPACKAGES) != null) {
            return Optional.empty();
        }
        try {
            return Optional.of(new SystemPackages(Path.of(name)));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    /** @return the remembered list, or empty if there is none or it is not intact */
    Optional<String> read() {
        try {
            String text = Files.readString(file, StandardCharsets.UTF_8);
            int newline = text.indexOf('\n');
            if (newline < 0 || !text.startsWith(HEADER)) {
                return Optional.empty();
            }
            String list = text.substring(newline + 1);
            if (!text.substring(HEADER.length(), newline).equals(crc(list)) || !list.startsWith(FIRST_PACKAGE)) {
                return Optional.empty();
            }
            return Optional.of(list);
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /**
     * Remembers a list the framework computed; does nothing if it does not look like one or
     * the cache cannot be written.
     *
     * @param list the framework's {@code org.osgi.framework.system.packages}
     */
    void write(String list) {
        if (list == null || !list.startsWith(FIRST_PACKAGE) || list.indexOf('\n') >= 0) {
            return;
        }
        CacheFile.replace(file, HEADER + crc(list) + "\n" + list);
    }

    private static String crc(String list) {
        CRC32 crc = new CRC32();
        crc.update(list.getBytes(StandardCharsets.UTF_8));
        return Long.toHexString(crc.getValue());
    }

    @Override
    public String toString() {
        return file.toString();
    }
}
