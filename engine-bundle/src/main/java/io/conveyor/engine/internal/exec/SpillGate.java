package io.conveyor.engine.internal.exec;

import java.util.ArrayList;
import java.util.List;

/**
 * Decides, for the spill buffers of one multi-input stage, when a buffer may grow past its
 * bound. A stage reads its inputs in {@code inputs} order, so while it waits on input
 * {@code i}, the feeder of another input {@code j} that finds its buffer full would normally
 * wait too. That wait is only dangerous when {@code i} and {@code j} share an upstream stage
 * (a diamond): the shared stage then blocks on {@code j}'s full edge and never produces what
 * {@code i} waits for. So a buffer overflows exactly then: while the stage waits on another
 * input that shares an ancestor with it. Independent inputs (a join of two files, a union of
 * two sources) stay bounded, and their producers are held back instead.
 *
 * <p>Thread-safe: the reading stage calls {@link #waiting}, feeders call {@link #mayOverflow}
 * under their buffer's lock.
 */
final class SpillGate {
    /** Batches a spill buffer holds before its feeder waits (when waiting is safe). */
    static final int SPILL_CAPACITY = 16;
    private final boolean[][] shareAncestor;
    private final List<BatchChannel> spills = new ArrayList<>();
    /** The input the stage is waiting on, or -1. */
    private volatile int waitingOn = -1;

    /**
     * @param shareAncestor for each pair of input slots, whether their upstream graphs meet
     */
    SpillGate(boolean[][] shareAncestor) {
        this.shareAncestor = shareAncestor;
    }

    /** @return a new spill buffer for input slot {@code index}, bounded through this gate */
    BatchChannel newSpill(int index, RunState run) {
        BatchChannel spill = new BatchChannel(SPILL_CAPACITY, run, this, index);
        spills.add(spill);
        return spill;
    }

    /**
     * The stage starts (index ≥ 0) or stops (-1) waiting on an input. Feeders that may now
     * overflow are woken. Called without holding any buffer's lock.
     *
     * @param index the input slot, or -1
     */
    void waiting(int index) {
        waitingOn = index;
        if (index < 0) {
            return;
        }
        for (int j = 0; j < spills.size(); j++) {
            if (j != index && shareAncestor[index][j]) {
                spills.get(j).wakeProducer();
            }
        }
    }

    /** @return whether the buffer of slot {@code index} may hold more than its bound now */
    boolean mayOverflow(int index) {
        int w = waitingOn;
        return w >= 0 && w != index && shareAncestor[w][index];
    }
}
