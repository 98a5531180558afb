package io.conveyor.launcher;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * The framework's storage: a fresh private directory under {@code java.io.tmpdir}, deleted
 * on exit, so no run reuses or leaves behind a bundle cache (NOTES gotcha 4).
 */
final class StorageDir {
    private static final String PREFIX = "conveyor-felix-";

    private StorageDir() {
    }

    /**
     * Creates the directory, readable by its owner only. Not {@code Files.createTempDirectory}:
     * that seeds a {@code SecureRandom}, which costs start-up time for a name that only has to
     * be unique, and {@code createDirectory} already fails rather than reuse an existing one.
     *
     * @return the new directory
     * @throws IOException if none can be created
     */
    static Path create() throws IOException {
        Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
        for (int attempt = 0; ; attempt++) {
            // No process id in the name: the first ProcessHandle use sets up the JDK's process
            // reaper, which a run that starts no process does not need.
            Path dir = tmp.resolve(PREFIX + Long.toHexString(System.nanoTime()) + "-" + attempt);
            try {
                if (tmp.getFileSystem().supportedFileAttributeViews().contains("posix")) {
                    return Files.createDirectory(dir,
                            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
                }
                return Files.createDirectory(dir);
            } catch (FileAlreadyExistsException e) {
                if (attempt >= 100) {
                    throw e;
                }
            }
        }
    }

    /**
     * @param dir the directory to delete with everything in it
     * @param err where to say so if it cannot be deleted
     */
    static void delete(Path dir, PrintStream err) {
        if (!Files.exists(dir)) {
            return;
        }
        try {
            Files.walkFileTree(dir, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Files.delete(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
                    Files.delete(d);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            err.println("conveyor: warning: could not delete the framework storage " + dir + ": " + e.getMessage());
        }
    }
}
