package io.conveyor.api;

import java.util.Map;
import org.osgi.annotation.versioning.ProviderType;

/**
 * What the engine offers a running stage: its logger, the dead-letter queue, counters,
 * cancellation, and end-of-run reports.
 */
@ProviderType
public interface StageContext {
    /** @return the stage id */
    String stageId();

    /** @return a logger whose lines carry the stage id and have secrets masked */
    StageLogger log();

    /**
     * Rejects one record: it is written to the dead-letter queue as
     * {@code {record, error, stage_id, timestamp}} and counted, and the run goes on.
     *
     * @param record the record as plain values
     * @param error why it was rejected (masked before it is written)
     * @throws StageException when the dead-letter queue is disabled: the stage then fails
     *         with this record's error
     */
    void reject(Map<String, Object> record, String error) throws StageException;

    /** @return true once the run is being cancelled; long loops should check it and stop */
    boolean isCancelled();

    /** @param bytes bytes read from outside, for the stage's counters */
    void addBytesRead(long bytes);

    /** @param bytes bytes written to outside, for the stage's counters */
    void addBytesWritten(long bytes);

    /** @param errors records that failed without being rejected (e.g. a batch that was retried) */
    void addErrors(long errors);

    /**
     * Records a fact shown in the run summary and kept in the result (e.g. the last cursor
     * value a MongoDB source read, so a user can resume).
     *
     * @param key a short name
     * @param value a plain value
     */
    void report(String key, Object value);
}
