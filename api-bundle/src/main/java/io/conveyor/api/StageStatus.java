package io.conveyor.api;

/** How a stage ended. */
public enum StageStatus {
    /** Never started (the run ended first). */
    PENDING,
    /** Running (only seen while a run is in progress). */
    RUNNING,
    /** Finished. */
    SUCCEEDED,
    /** Failed. */
    FAILED,
    /** Not run because a stage upstream failed (error strategy {@code continue}). */
    SKIPPED,
    /** Stopped by cancellation, a timeout or another stage's failure. */
    CANCELLED
}
