package io.conveyor.engine.internal.stages;

import io.conveyor.api.BatchStream;
import io.conveyor.api.RecordBatch;
import io.conveyor.api.Schema;
import io.conveyor.api.StageContext;
import io.conveyor.api.StageLogger;
import java.util.Map;

/**
 * Reads the start of a source at compile time to learn the schema it will emit, for
 * {@link SchemaAware} sources. Nothing it does is visible: rejected records, log lines and
 * byte counts are dropped (the run reports them), and a source that cannot be read now (a
 * missing file) has an unknown schema rather than a compile error, so the run reports it as
 * it always has.
 */
public final class SchemaSample {
    /** Rows a source reads at most to learn its schema. */
    public static final int ROWS = 8192;

    private SchemaSample() {
    }

    /** Opens the source to be sampled, with the context it must be given. */
    public interface Opener {
        /**
         * @param context a context that records nothing
         * @return the source's stream
         * @throws Exception if it cannot be opened
         */
        BatchStream open(StageContext context) throws Exception;
    }

    /**
     * @param source opens the source
     * @param exact when true, the schema counts only if the whole input fits in the first batch
     *              (for sources whose later batches may add columns)
     * @return the schema of the first batch, or null when there is none, it cannot be read, or
     *         {@code exact} and there is more
     */
    public static Schema firstBatch(Opener source, boolean exact) {
        try (BatchStream stream = source.open(QUIET)) {
            RecordBatch first = stream.next();
            if (first == null || (exact && stream.next() != null)) {
                return null;
            }
            return first.schema();
        } catch (Exception | StackOverflowError e) {
            return null;
        }
    }

    private static final StageLogger SILENT = new StageLogger() {
        @Override
        public void debug(String message) {
        }

        @Override
        public void info(String message) {
        }

        @Override
        public void warn(String message) {
        }

        @Override
        public void error(String message) {
        }

        @Override
        public boolean isDebugEnabled() {
            return false;
        }
    };

    private static final StageContext QUIET = new StageContext() {
        @Override
        public String stageId() {
            return "schema-sample";
        }

        @Override
        public StageLogger log() {
            return SILENT;
        }

        @Override
        public void reject(Map<String, Object> record, String error) {
            // The run rejects this record again, where it counts.
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
        }

        @Override
        public void addErrors(long errors) {
        }

        @Override
        public void report(String key, Object value) {
        }
    };
}
