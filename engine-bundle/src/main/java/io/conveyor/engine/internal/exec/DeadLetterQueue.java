package io.conveyor.engine.internal.exec;

import io.conveyor.api.Values;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.Map;

/**
 * The run's dead-letter file: one JSON line {@code {"record":{...},"error":"...","stage_id":"...","timestamp":"..."}}
 * per rejected record, appended. One writer per run, shared by every stage; the file and its
 * directory are created on the first rejection, so a clean run leaves nothing behind.
 */
final class DeadLetterQueue implements AutoCloseable {
    private final Path path;
    private BufferedWriter writer;

    /** @param path the file ({@code [error_handling.dead_letter_queue].path}) */
    DeadLetterQueue(Path path) {
        this.path = path;
    }

    Path path() {
        return path;
    }

    /**
     * @param stageId the rejecting stage
     * @param record the record as plain values
     * @param error why, already masked
     * @throws IOException if the file cannot be written
     */
    synchronized void write(String stageId, Map<String, Object> record, String error) throws IOException {
        StringBuilder line = new StringBuilder(128);
        line.append("{\"record\":");
        Values.writeJson(record, line);
        line.append(",\"error\":");
        Values.quote(error, line);
        line.append(",\"stage_id\":");
        Values.quote(stageId, line);
        line.append(",\"timestamp\":");
        Values.quote(Instant.now().toString(), line);
        line.append("}\n");
        if (writer == null) {
            Path dir = path.toAbsolutePath().getParent();
            if (dir != null) {
                Files.createDirectories(dir);
            }
            writer = Files.newBufferedWriter(path, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
        }
        writer.write(line.toString());
        // Flushed per line: rejected records must survive a crash of the run that rejected them.
        writer.flush();
    }

    @Override
    public synchronized void close() throws IOException {
        if (writer != null) {
            writer.close();
            writer = null;
        }
    }
}
