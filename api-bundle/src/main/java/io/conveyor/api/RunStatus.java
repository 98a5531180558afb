package io.conveyor.api;

/** How a run ended. */
public enum RunStatus {
    /** Every stage finished. */
    SUCCEEDED,
    /** A stage failed (under {@code continue}, some stages may have finished). */
    FAILED,
    /** The run was cancelled or timed out. */
    CANCELLED,
    /** The pipeline file did not compile; nothing ran. */
    INVALID
}
