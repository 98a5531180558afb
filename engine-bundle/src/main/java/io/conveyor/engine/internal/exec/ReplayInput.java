package io.conveyor.engine.internal.exec;

import io.conveyor.api.BatchStream;
import io.conveyor.api.RecordBatch;
import java.util.ArrayList;
import java.util.List;

/**
 * One input of a transform or sink that a retry can read again from its start. It keeps the
 * batches it has handed out, up to a bound; {@link #rewind()} makes the next reads return
 * them again before it goes on with the live channel. Once more batches were read than it
 * keeps, it can no longer rewind, and a retry of the stage is refused: the engine never
 * feeds a re-run stage a stream with a hole in it. Used by the stage's thread only.
 */
final class ReplayInput implements BatchStream {
    private final BatchStream live;
    private final int limit;
    private List<RecordBatch> kept = new ArrayList<>();
    private int cursor;

    /**
     * @param live the channel the upstream stage fills
     * @param limit batches kept for a replay; 0 keeps none (the stage is not retried)
     */
    ReplayInput(BatchStream live, int limit) {
        this.live = live;
        this.limit = limit;
    }

    @Override
    public RecordBatch next() throws Exception {
        if (kept != null && cursor < kept.size()) {
            return kept.get(cursor++);
        }
        RecordBatch batch = live.next();
        if (batch != null && kept != null) {
            if (kept.size() >= limit) {
                kept = null; // too much to replay: the stage can no longer be re-run
            } else {
                kept.add(batch);
                cursor++;
            }
        }
        return batch;
    }

    /** @return true if everything read so far can be read again */
    boolean canRewind() {
        return kept != null;
    }

    /** Starts the reads again from the first batch; only when {@link #canRewind()}. */
    void rewind() {
        if (kept == null) {
            throw new IllegalStateException("input can no longer be replayed");
        }
        cursor = 0;
    }

    /** Stops keeping batches (nothing will be replayed any more) and frees what is kept. */
    void forget() {
        kept = null;
    }
}
