package io.conveyor.engine.internal.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.conveyor.api.RunResult;
import io.conveyor.api.StageResult;
import io.conveyor.engine.internal.stages.file.AtomicFileOutput;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Writes a run's counters for machines ({@code --metrics-json FILE}): the pipeline, its
 * status, and per stage the same counters as the summary plus bytes and reports. Keys are
 * snake_case; the file is written to a temporary file and moved into place.
 */
final class MetricsJson {
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private MetricsJson() {
    }

    /** @param result the outcome of a run
     *  @return the document as plain maps and lists, in a stable key order */
    static Map<String, Object> toDocument(RunResult result) {
        return toDocument(result, result.exitCode());
    }

    /** @param exitCode the process's exit status (130 for an interrupted run, where the result says 1) */
    static Map<String, Object> toDocument(RunResult result, int exitCode) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("pipeline", result.pipelineName());
        doc.put("status", result.status().name().toLowerCase(Locale.ROOT));
        doc.put("exit_code", exitCode);
        doc.put("millis", result.millis());
        doc.put("error", result.error());
        List<Map<String, Object>> stages = new ArrayList<>();
        for (StageResult s : result.stages()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", s.stageId());
            m.put("type", s.stageType());
            m.put("status", s.status().name().toLowerCase(Locale.ROOT));
            m.put("records_in", s.recordsIn());
            m.put("records_out", s.recordsOut());
            m.put("errors", s.errors());
            m.put("dead_lettered", s.deadLettered());
            m.put("bytes_read", s.bytesRead());
            m.put("bytes_written", s.bytesWritten());
            m.put("millis", s.millis());
            m.put("error", s.error());
            m.put("reports", new TreeMap<>(s.reports()));
            stages.add(m);
        }
        doc.put("stages", stages);
        return doc;
    }

    /** @param result the outcome
     *  @return the JSON text */
    static String toJson(RunResult result) throws IOException {
        return MAPPER.writeValueAsString(toDocument(result));
    }

    /**
     * @param result the outcome
     * @param exitCode the process's exit status
     * @param file where to write it; its directory is created if missing
     * @throws IOException if it cannot be written
     */
    static void write(RunResult result, int exitCode, Path file) throws IOException {
        writeText(MAPPER.writeValueAsString(toDocument(result, exitCode)), file);
    }

    /**
     * @param result the outcome
     * @param file where to write it; its directory is created if missing
     * @throws IOException if it cannot be written
     */
    static void write(RunResult result, Path file) throws IOException {
        write(result, result.exitCode(), file);
    }

    private static void writeText(String json, Path file) throws IOException {
        Path target = file.toAbsolutePath();
        Path tmp = AtomicFileOutput.newTempBeside(target);
        try {
            Files.writeString(tmp, json + "\n");
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
