package io.conveyor.engine.internal.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.conveyor.api.RecordBatch;
import io.conveyor.api.SourceFactory;
import io.conveyor.api.StageException;
import io.conveyor.engine.internal.stages.StageHarness;
import io.conveyor.testkit.RecordingStageContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The property every input file must satisfy for a built-in source: reading it finishes in time
 * and yields batches, rejects records through the context with a readable reason, or fails with
 * a {@link StageException} with a readable message; nothing else is thrown.
 */
public final class SourceOutcome {
    /** What one read gave. */
    public record Read(List<RecordBatch> batches, RecordingStageContext context) {
        /** @return every row read, as plain values */
        public List<Map<String, Object>> rows() {
            return StageHarness.rows(batches);
        }
    }

    private SourceOutcome() {
    }

    /**
     * Writes the bytes to a temp file called {@code fileName}, reads it, asserts the property.
     *
     * @return what was read, or null when the source failed with a {@link StageException}
     */
    public static Read check(SourceFactory factory, String fileName, byte[] content, Map<String, ?> options)
            throws Exception {
        Path dir = Files.createTempDirectory("conveyor-fuzz");
        try {
            Files.write(dir.resolve(fileName), content);
            StageHarness harness = new StageHarness(dir);
            List<RecordBatch> batches;
            try {
                batches = BoundedRun.within("reading", () -> harness.read(factory, options));
            } catch (StageException e) {
                UserText.assertReadable("stage error", e.getMessage());
                return null;
            }
            for (RecordingStageContext.Rejected r : harness.context.rejected()) {
                UserText.assertReadable("reject reason", r.error());
            }
            for (RecordBatch b : batches) {
                b.columns().forEach(c -> assertEquals(b.rowCount(), c.size(), "column length"));
            }
            return new Read(batches, harness.context);
        } finally {
            try (var files = Files.walk(dir)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
