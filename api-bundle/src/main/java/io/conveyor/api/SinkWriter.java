package io.conveyor.api;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Writes batches to an outside system. The engine calls {@link #write} for every batch of
 * the sink's inputs (in {@code inputs} order), then exactly one of {@link #commit()} (all
 * input written) or {@link #abort()} (the run failed or was cancelled), then {@link #close()}.
 * A file sink writes to a temporary file and moves it into place in {@code commit()}, so a
 * failed run never replaces a good output with a partial one.
 */
@ConsumerType
public interface SinkWriter extends AutoCloseable {
    /**
     * @param batch the next batch
     * @throws Exception if it cannot be written; records rejected one by one should go to
     *                   {@link StageContext#reject} instead
     */
    void write(RecordBatch batch) throws Exception;

    /**
     * Makes everything written visible (flush, rename into place, final request).
     *
     * @throws Exception if that fails; the run then fails
     */
    void commit() throws Exception;

    /** Discards what was written where possible. Must not throw. */
    void abort();

    /** Releases resources. */
    @Override
    default void close() throws Exception {
    }
}
