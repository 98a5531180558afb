package io.conveyor.launcher;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** Writes a small file of the launcher's cache so that concurrent runs see the whole file or none. */
final class CacheFile {
    private CacheFile() {
    }

    /**
     * Writes {@code text} to a scratch file beside {@code file} and renames it over {@code file}
     * atomically. Never fails: without an atomic rename, or on any error, nothing is written.
     *
     * @return true if the file now holds {@code text}
     */
    static boolean replace(Path file, String text) {
        // KEY.SUFFIX.PID.NANOS.tmp: pruned with the family of KEY (ClassArchive#familyOf).
        Path scratch = file.resolveSibling(file.getFileName() + "." + ProcessHandle.current().pid() + "."
                + System.nanoTime() + ".tmp");
        try {
            Files.writeString(scratch, text, StandardCharsets.UTF_8);
            Files.move(scratch, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            return true;
        } catch (IOException | RuntimeException e) {
            // AtomicMoveNotSupportedException included.
            try {
                Files.deleteIfExists(scratch);
            } catch (IOException | RuntimeException ignored) {
                // A scratch file left behind is pruned with the rest of the cache.
            }
            return false;
        }
    }
}
