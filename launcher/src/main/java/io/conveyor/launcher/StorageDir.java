package io.conveyor.launcher;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;

/** Deletes the framework's temporary storage directory, so no run leaves a cache behind. */
final class StorageDir {
    private StorageDir() {
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
