package io.conveyor.engine.internal.exec;

/**
 * Thrown out of a blocking wait when the run is stopping (failure under {@code stop},
 * cancellation, timeout); the stage then ends CANCELLED, not FAILED.
 */
final class RunStoppedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    RunStoppedException() {
        super("the run is stopping", null, false, false);
    }
}
