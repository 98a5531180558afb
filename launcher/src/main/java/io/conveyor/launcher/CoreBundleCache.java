package io.conveyor.launcher;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * The core bundles of one {@code conveyor.jar}, extracted once into the per-user cache beside
 * its {@link ClassArchive} and under the same key, so a run installs them by reference
 * instead of copying them into its fresh framework storage. The directory is written under
 * a scratch name and renamed into place whole, and never changed afterwards: concurrent
 * runs see all of it or none, and a changed jar has another key and so another directory.
 */
final class CoreBundleCache {
    private final Path dir;

    /** @param dir where the extracted bundles are (or will be) */
    CoreBundleCache(Path dir) {
        this.dir = dir;
    }

    /** @return the directory holding the extracted bundles */
    Path dir() {
        return dir;
    }

    /** @return true if the bundles have been extracted */
    boolean exists() {
        return Files.isDirectory(dir);
    }

    /**
     * Extracts the core bundles of {@code source} unless already done.
     *
     * @param source the running jar
     * @return true if the extracted bundles are now there
     */
    boolean extract(BundleSource source) {
        if (exists()) {
            return true;
        }
        Path scratch = dir.resolveSibling(dir.getFileName() + "." + ProcessHandle.current().pid() + "." + System.nanoTime() + ".tmp");
        try {
            Files.createDirectories(scratch);
            int count = source.eachBundleIn(BundleSource.CORE, (location, in) -> {
                try (OutputStream out = Files.newOutputStream(scratch.resolve(location.substring(location.lastIndexOf('/') + 1)))) {
                    in.transferTo(out);
                }
            });
            if (count == 0) {
                return false;
            }
            Files.move(scratch, dir, StandardCopyOption.ATOMIC_MOVE);
            return true;
        } catch (Exception e) {
            // Another run published the same bundles first, or the cache is not writable.
            return exists();
        } finally {
            StorageDir.delete(scratch, new PrintStream(OutputStream.nullOutputStream()));
        }
    }
}
