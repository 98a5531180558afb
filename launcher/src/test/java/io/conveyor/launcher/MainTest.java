package io.conveyor.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.felix.framework.Logger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MainTest {
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private final PrintStream errStream = new PrintStream(err, true, StandardCharsets.UTF_8);

    @Test
    void withoutCoreBundlesItSaysSoExits1AndDeletesTheStorage(@TempDir Path dir) throws Exception {
        Files.createDirectories(dir.resolve("bundles/core"));
        Main main = new Main(new BundleSource(dir), errStream);
        assertEquals(1, main.run(new String[] {"--version"}));
        assertEquals("conveyor: internal error: no bundles under bundles/core/ in " + dir + "\n",
                err.toString(StandardCharsets.UTF_8));
        Path storage = main.storage();
        assertNotNull(storage, "a storage directory was created");
        assertFalse(Files.exists(storage), "and deleted: " + storage);
        main.shutdown(); // idempotent, as when the shutdown hook runs after run()
    }

    @Test
    void storageDirIsFreshAndPrivate() throws Exception {
        Path a = StorageDir.create();
        Path b = StorageDir.create();
        try {
            assertFalse(a.equals(b));
            assertEquals(Path.of(System.getProperty("java.io.tmpdir")), a.getParent());
            assertEquals("rwx------", java.nio.file.attribute.PosixFilePermissions.toString(
                    Files.getPosixFilePermissions(a)));
        } finally {
            StorageDir.delete(a, errStream);
            StorageDir.delete(b, errStream);
        }
        assertFalse(Files.exists(a));
    }

    @Test
    void storageDirDeletesNestedTrees(@TempDir Path dir) throws Exception {
        Path root = dir.resolve("felix");
        Files.createDirectories(root.resolve("bundle1/version0.0"));
        Files.writeString(root.resolve("bundle1/version0.0/bundle.jar"), "x");
        StorageDir.delete(root, errStream);
        assertFalse(Files.exists(root));
        assertEquals("", err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void frameworkLogGoesToStderrWithoutStackTrace() {
        FrameworkLog log = new FrameworkLog(errStream);
        log.log(Logger.LOG_ERROR, "Bundle x failed", new IllegalStateException("missing requirement"));
        assertEquals("conveyor: framework error: Bundle x failed: missing requirement\n",
                err.toString(StandardCharsets.UTF_8));
    }
}
