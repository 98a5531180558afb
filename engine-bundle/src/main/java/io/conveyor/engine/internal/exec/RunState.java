package io.conveyor.engine.internal.exec;

import io.conveyor.api.RunStatus;

/**
 * What all threads of one run share: whether it is ending early and why. The first reason
 * wins: a stage failure under {@code stop}, a cancellation, or the timeout.
 */
final class RunState {
    private volatile boolean stopping;
    private RunStatus endStatus;
    private String endReason;

    /**
     * Stops the run for a reason unless it is already stopping.
     *
     * @param status FAILED (a stage failed under {@code stop}) or CANCELLED
     * @param reason the run's error message
     */
    synchronized void stop(RunStatus status, String reason) {
        if (!stopping) {
            endStatus = status;
            endReason = reason;
            stopping = true;
        }
    }

    /** @return true once the run is stopping; every blocking wait checks it */
    boolean isStopping() {
        return stopping;
    }

    synchronized RunStatus endStatus() {
        return endStatus;
    }

    synchronized String endReason() {
        return endReason;
    }
}
