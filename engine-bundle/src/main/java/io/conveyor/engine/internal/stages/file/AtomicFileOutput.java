package io.conveyor.engine.internal.stages.file;

import io.conveyor.api.StageContext;
import io.conveyor.api.StageException;
import java.io.BufferedWriter;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * A file sink's output: text goes to a temporary file next to the target, which
 * {@link #commit()} renames into place and {@link #abort()} deletes. A failed or cancelled
 * run therefore never leaves a partial file and never replaces a previous good output.
 * Bytes written are added to the stage's counter.
 */
public final class AtomicFileOutput {
    private final Path target;
    private final Path temp;
    private final Writer writer;
    private final OutputStream stream;
    private final StageContext context;
    private long reported;
    private long written;

    /**
     * Creates the target's directory and the temporary file, before any row is read: a path that
     * cannot be written fails the stage as it opens, not after the whole run.
     *
     * @param target the final file
     * @param context the stage, for the bytes-written counter
     * @throws StageException {@code cannot write '<target>': <why>} if the directory or the file cannot be created
     */
    public AtomicFileOutput(Path target, StageContext context) throws StageException {
        this.target = target.toAbsolutePath();
        this.context = context;
        Path created = null;
        OutputStream opened;
        try {
            created = newTempBeside(this.target);
            opened = Files.newOutputStream(created);
        } catch (IOException e) {
            if (created != null) {
                try {
                    Files.deleteIfExists(created);
                } catch (IOException ignored) {
                    // A leftover hidden .tmp file is all that remains; the target is untouched.
                }
            }
            throw new StageException("cannot write '" + this.target + "': " + e.getMessage(), e);
        }
        this.temp = created;
        this.stream = new FilterOutputStream(opened) {
            @Override
            public void write(int b) throws IOException {
                out.write(b);
                written++;
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                out.write(b, off, len);
                written += len;
            }
        };
        this.writer = new BufferedWriter(new OutputStreamWriter(stream, StandardCharsets.UTF_8), 1 << 16);
    }

    /**
     * Creates an empty hidden file ({@code .NAME.<unique>.tmp}) in the target's directory (created
     * if missing), to be renamed over the target once complete. Its permissions are those of the
     * file it will replace, set before any byte is written, or, for a new file, the defaults of an
     * ordinary new file (the user's umask).
     *
     * <p>Not {@code Files.createTempFile}: that creates the file readable by its owner only, which
     * the rename carried over to the output (a CSV file others could not read), and it seeds a
     * {@code SecureRandom}, which cost a run about 50 ms of class loading and set-up as its sink
     * opened. The name only has to be new: it is created exclusively ({@code CREATE_NEW}, which
     * also refuses a symbolic link in its place), with another name on a clash.
     *
     * @param target the final file
     * @return the new, empty file
     * @throws IOException if the target is a directory, or the directory or the file cannot be
     *         created; its message says which, and why, without naming the target (for a caller's
     *         {@code cannot write '<target>': })
     */
    public static Path newTempBeside(Path target) throws IOException {
        Path absolute = target.toAbsolutePath();
        if (Files.isDirectory(absolute)) {
            throw new IOException("it is a directory; name a file (in it, or anywhere else)");
        }
        Path dir = absolute.getParent();
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new IOException("cannot create the directory " + dir + ": " + reason(e), e);
        }
        for (int attempt = 0; ; attempt++) {
            Path temp = dir.resolve("." + absolute.getFileName() + "." + Long.toHexString(System.nanoTime())
                    + (attempt == 0 ? "" : "-" + attempt) + ".tmp");
            try {
                Files.newOutputStream(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE).close();
            } catch (FileAlreadyExistsException e) {
                if (attempt >= 100) {
                    throw e;
                }
                continue;
            } catch (IOException e) {
                throw new IOException("cannot create a file in " + dir + ": " + reason(e)
                        + " (the output is written to a hidden file there first, then renamed)", e);
            }
            try {
                if (Files.isRegularFile(absolute) && Files.getFileStore(temp).supportsFileAttributeView("posix")) {
                    Files.setPosixFilePermissions(temp, Files.getPosixFilePermissions(absolute));
                }
            } catch (IOException | UnsupportedOperationException e) {
                Files.deleteIfExists(temp);
                throw e instanceof IOException io ? io
                        : new IOException("cannot give " + temp + " the permissions of " + absolute, e);
            }
            return temp;
        }
    }

    /** @return why a file operation failed, in words: the JDK's exceptions often give only the path */
    private static String reason(IOException e) {
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof NoSuchFileException) {
            return "no such file or directory";
        }
        if (e instanceof FileAlreadyExistsException exists) {
            return exists.getFile() + " is a file, not a directory";
        }
        if (e instanceof FileSystemException f && f.getReason() != null && !f.getReason().isEmpty()) {
            // The system's words ("Not a directory", "Read-only file system"), in the sentence's case.
            return Character.toLowerCase(f.getReason().charAt(0)) + f.getReason().substring(1);
        }
        return String.valueOf(e.getMessage());
    }

    /** @return where text goes; a stage uses this or {@link #stream}, not both */
    public Writer writer() {
        return writer;
    }

    /**
     * @return where bytes go, unbuffered (for a stage that writes large blocks of its own); a
     *         stage uses this or {@link #writer}, not both
     */
    public OutputStream stream() {
        return stream;
    }

    /** Adds the bytes written since the last call to the stage's counter (call per batch). */
    public void reportBytes() {
        context.addBytesWritten(written - reported);
        reported = written;
    }

    /**
     * Flushes, closes and renames the temporary file over the target.
     *
     * @throws IOException if that fails; the temporary file is then deleted
     */
    public void commit() throws IOException {
        try {
            writer.close();
            reportBytes();
            try {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            abort();
            throw new IOException("cannot move the output into place at " + target + ": " + e.getMessage(), e);
        }
    }

    /** Closes and deletes the temporary file; the target is left as it was. Never throws. */
    public void abort() {
        try {
            writer.close();
        } catch (IOException ignored) {
            // The file is deleted next; nothing it held matters.
        }
        try {
            Files.deleteIfExists(temp);
        } catch (IOException ignored) {
            // A leftover hidden .tmp file is all that remains; the target is untouched.
        }
    }
}
