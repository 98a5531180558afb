package io.conveyor.engine.internal.exec;

import io.conveyor.api.BatchStream;
import io.conveyor.api.RecordBatch;

/**
 * One input of a transform or sink as the stage sees it: a {@link BatchStream} over the
 * channel its upstream stage fills. Counts the records that come in, and then drops those a
 * {@link RowCutoff} rejects when the plan cuts this input.
 */
final class ChannelInput implements BatchStream {
    private final BatchChannel channel;
    private final Permit permit;
    private final StageCounters counters;
    private boolean ended;
    private volatile String failedUpstream;
    private RowCutoff.At cutoff;
    private int[] scratch = new int[0];

    ChannelInput(BatchChannel channel, Permit permit, StageCounters counters) {
        this.channel = channel;
        this.permit = permit;
        this.counters = counters;
    }

    /** @param cutoff drops rows of this input from now on; set before the stage starts */
    void cutBy(RowCutoff.At cutoff) {
        this.cutoff = cutoff;
    }

    @Override
    public RecordBatch next() {
        if (ended) {
            return null;
        }
        BatchChannel.Item item = channel.take(permit);
        if (item.batch() != null) {
            RecordBatch batch = item.batch();
            counters.recordsIn.addAndGet(batch.rowCount());
            if (cutoff == null) {
                return batch;
            }
            if (scratch.length < batch.rowCount()) {
                scratch = new int[batch.rowCount()];
            }
            return cutoff.admit(batch, scratch);
        }
        ended = true;
        if (item.failedUpstream() != null) {
            failedUpstream = item.failedUpstream();
            throw new UpstreamFailedException(failedUpstream);
        }
        return null;
    }

    /** @return the id of the upstream stage that failed, or null */
    String failedUpstream() {
        return failedUpstream;
    }
}
