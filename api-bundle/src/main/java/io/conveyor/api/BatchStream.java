package io.conveyor.api;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * A pull-based stream of {@link RecordBatch}es: the consumer calls {@link #next()} until it
 * returns null. Sources and transforms return one; transforms read their inputs from
 * them. A stream is used by one thread at a time.
 */
@ConsumerType
public interface BatchStream extends AutoCloseable {
    /**
     * @return the next batch, or null when the stream is exhausted
     * @throws Exception if the batch cannot be produced; a {@link StageException} may mark it transient
     */
    RecordBatch next() throws Exception;

    /** Releases resources (files, connections). Called once, also when the run fails or is cancelled. */
    @Override
    default void close() throws Exception {
    }
}
