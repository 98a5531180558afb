package io.conveyor.engine.internal.stages.file;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.conveyor.api.StageContext;
import io.conveyor.api.StageException;
import io.conveyor.api.StageLogger;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The file sinks' output: written beside the target, renamed into place, with the permissions a user expects. */
class AtomicFileOutputTest {
    @TempDir
    Path dir;

    private long bytesWritten;

    private final StageContext context = new StageContext() {
        @Override
        public String stageId() {
            return "out";
        }

        @Override
        public StageLogger log() {
            throw new UnsupportedOperationException("not logged here");
        }

        @Override
        public void reject(Map<String, Object> record, String error) {
            throw new UnsupportedOperationException("nothing is rejected here");
        }

        @Override
        public boolean isCancelled() {
            return false;
        }

        @Override
        public void addBytesRead(long bytes) {
        }

        @Override
        public void addBytesWritten(long bytes) {
            bytesWritten += bytes;
        }

        @Override
        public void addErrors(long errors) {
        }

        @Override
        public void report(String key, Object value) {
        }
    };

    private List<String> names() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    private static String permissions(Path p) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
    }

    @Test
    void aNewOutputGetsTheDefaultsOfAnyNewFileNotOwnerOnly() throws Exception {
        Path reference = Files.writeString(dir.resolve("reference.txt"), "x");
        AtomicFileOutput out = new AtomicFileOutput(dir.resolve("sub/out.csv"), context);
        out.writer().write("a,b\n1,2\n");
        out.commit();
        Path target = dir.resolve("sub/out.csv");
        assertEquals("a,b\n1,2\n", Files.readString(target));
        assertEquals(permissions(reference), permissions(target), "the user's umask decides, as for any new file");
        assertEquals(8, bytesWritten);
        try (Stream<Path> left = Files.list(dir.resolve("sub"))) {
            assertEquals(List.of("out.csv"), left.map(p -> p.getFileName().toString()).toList(), "no temporary file left");
        }
    }

    @Test
    void replacingAFileKeepsItsPermissionsFromTheFirstByte() throws Exception {
        Path target = Files.writeString(dir.resolve("out.csv"), "old\n");
        Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rw-r-----"));
        AtomicFileOutput out = new AtomicFileOutput(target, context);
        Path temp = dir.resolve(names().stream().filter(n -> n.endsWith(".tmp")).findFirst().orElseThrow());
        assertTrue(temp.getFileName().toString().startsWith(".out.csv."), temp.toString());
        assertEquals("rw-r-----", permissions(temp), "set before anything is written to it");
        out.writer().write("new\n");
        out.commit();
        assertEquals("new\n", Files.readString(target));
        assertEquals("rw-r-----", permissions(target));
        assertEquals(List.of("out.csv"), names());
    }

    @Test
    void anAbortedOutputLeavesTheTargetAsItWasAndNothingElse() throws Exception {
        Path target = Files.writeString(dir.resolve("out.csv"), "good\n");
        AtomicFileOutput out = new AtomicFileOutput(target, context);
        out.writer().write("half a fil");
        out.abort();
        assertEquals("good\n", Files.readString(target));
        assertEquals(List.of("out.csv"), names());
    }

    @Test
    void eachTemporaryFileIsNewAndEmpty() throws Exception {
        Path target = dir.resolve("out.csv");
        Path first = AtomicFileOutput.newTempBeside(target);
        Path second = AtomicFileOutput.newTempBeside(target);
        assertNotEquals(first, second);
        assertEquals(0, Files.size(first));
        assertEquals(0, Files.size(second));
        assertEquals(dir, first.getParent());
    }

    @Test
    void aPathThatCannotBeWrittenFailsAsTheOutputOpensSayingWhy() throws Exception {
        Path folder = Files.createDirectories(dir.resolve("folder"));
        StageException isDir = assertThrows(StageException.class, () -> new AtomicFileOutput(folder, context));
        assertEquals("cannot write '" + folder + "': it is a directory; name a file (in it, or anywhere else)",
                isDir.getMessage());

        Path file = Files.writeString(dir.resolve("plain.txt"), "x");
        StageException underFile = assertThrows(StageException.class,
                () -> new AtomicFileOutput(file.resolve("sub/out.csv"), context));
        assertEquals("cannot write '" + file.resolve("sub/out.csv") + "': cannot create the directory "
                + file.resolve("sub") + ": not a directory", underFile.getMessage());
        StageException inFile = assertThrows(StageException.class,
                () -> new AtomicFileOutput(file.resolve("out.csv"), context));
        assertEquals("cannot write '" + file.resolve("out.csv") + "': cannot create the directory " + file + ": "
                + file + " is a file, not a directory", inFile.getMessage());

        Path locked = Files.createDirectories(dir.resolve("locked"));
        Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("r-xr-xr-x"));
        try {
            // Root may write anywhere; the message is only checked where the lock holds.
            if (!Files.isWritable(locked)) {
                StageException denied = assertThrows(StageException.class,
                        () -> new AtomicFileOutput(locked.resolve("out.csv"), context));
                assertEquals("cannot write '" + locked.resolve("out.csv") + "': cannot create a file in " + locked
                        + ": permission denied (the output is written to a hidden file there first, then renamed)",
                        denied.getMessage());
            }
        } finally {
            Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
        // /proc takes no new files: the kernel's reason, in words.
        StageException proc = assertThrows(StageException.class,
                () -> new AtomicFileOutput(Path.of("/proc/conveyor-test-output.csv"), context));
        assertTrue(proc.getMessage().startsWith("cannot write '/proc/conveyor-test-output.csv': cannot create a file in /proc: "),
                proc.getMessage());
        assertEquals(List.of("folder", "locked", "plain.txt"), names(), "nothing left behind");
    }
}
