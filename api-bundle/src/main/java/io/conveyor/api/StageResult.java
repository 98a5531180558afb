package io.conveyor.api;

import java.util.Map;

/**
 * The counters and outcome of one stage in a run. Immutable.
 */
public final class StageResult {
    private final String stageId;
    private final String stageType;
    private final StageStatus status;
    private final long recordsIn;
    private final long recordsOut;
    private final long errors;
    private final long deadLettered;
    private final long bytesRead;
    private final long bytesWritten;
    private final long millis;
    private final String error;
    private final Map<String, Object> reports;

    /**
     * @param stageId stage id
     * @param stageType stage type as written
     * @param status outcome
     * @param recordsIn records received
     * @param recordsOut records produced (for a sink: written)
     * @param errors records that failed
     * @param deadLettered records sent to the dead-letter queue
     * @param bytesRead bytes read from outside
     * @param bytesWritten bytes written to outside
     * @param millis wall time the stage ran
     * @param error the failure message, or null
     * @param reports facts the stage reported (see {@link StageContext#report})
     */
    public StageResult(String stageId, String stageType, StageStatus status, long recordsIn, long recordsOut,
                       long errors, long deadLettered, long bytesRead, long bytesWritten, long millis, String error,
                       Map<String, Object> reports) {
        this.stageId = stageId;
        this.stageType = stageType;
        this.status = status;
        this.recordsIn = recordsIn;
        this.recordsOut = recordsOut;
        this.errors = errors;
        this.deadLettered = deadLettered;
        this.bytesRead = bytesRead;
        this.bytesWritten = bytesWritten;
        this.millis = millis;
        this.error = error;
        this.reports = reports == null ? Map.of() : Map.copyOf(reports);
    }

    /** @return stage id */
    public String stageId() {
        return stageId;
    }

    /** @return stage type */
    public String stageType() {
        return stageType;
    }

    /** @return outcome */
    public StageStatus status() {
        return status;
    }

    /** @return records received */
    public long recordsIn() {
        return recordsIn;
    }

    /** @return records produced or written */
    public long recordsOut() {
        return recordsOut;
    }

    /** @return records that failed */
    public long errors() {
        return errors;
    }

    /** @return records dead-lettered */
    public long deadLettered() {
        return deadLettered;
    }

    /** @return bytes read */
    public long bytesRead() {
        return bytesRead;
    }

    /** @return bytes written */
    public long bytesWritten() {
        return bytesWritten;
    }

    /** @return wall milliseconds */
    public long millis() {
        return millis;
    }

    /** @return failure message or null */
    public String error() {
        return error;
    }

    /** @return reported facts (unmodifiable) */
    public Map<String, Object> reports() {
        return reports;
    }

    @Override
    public String toString() {
        return stageId + " " + status + " in=" + recordsIn + " out=" + recordsOut + " errors=" + errors
                + " dlq=" + deadLettered + (error != null ? " error=" + error : "");
    }
}
