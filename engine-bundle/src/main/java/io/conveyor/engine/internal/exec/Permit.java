package io.conveyor.engine.internal.exec;

import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * One stage thread's share of {@code max_parallel_tasks}. The thread holds its permit while
 * it computes and gives it back while it waits on a queue, so the bound limits work done at
 * once without ever making a producer and its consumer wait on each other. Used by its own
 * thread only.
 */
final class Permit {
    private static final long POLL_MILLIS = 50;
    private final Semaphore permits;
    private final RunState run;
    private boolean held;

    Permit(Semaphore permits, RunState run) {
        this.permits = permits;
        this.run = run;
    }

    /** Takes a permit, waiting while {@code max_parallel_tasks} stages compute. */
    void acquire() {
        if (held) {
            return;
        }
        try {
            while (!permits.tryAcquire(POLL_MILLIS, TimeUnit.MILLISECONDS)) {
                if (run.isStopping()) {
                    throw new RunStoppedException();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RunStoppedException();
        }
        held = true;
    }

    /** Gives the permit back (before blocking, or when the stage ends). */
    void release() {
        if (held) {
            held = false;
            permits.release();
        }
    }

    boolean isHeld() {
        return held;
    }
}
