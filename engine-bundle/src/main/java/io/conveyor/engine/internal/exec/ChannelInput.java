package io.conveyor.engine.internal.exec;

import io.conveyor.api.BatchStream;
import io.conveyor.api.RecordBatch;

/**
 * One input of a transform or sink as the stage sees it: a {@link BatchStream} over the
 * channel its upstream stage fills. Counts the records that come in.
 */
final class ChannelInput implements BatchStream {
    private final BatchChannel channel;
    private final Permit permit;
    private final StageCounters counters;
    private boolean ended;
    private volatile String failedUpstream;

    ChannelInput(BatchChannel channel, Permit permit, StageCounters counters) {
        this.channel = channel;
        this.permit = permit;
        this.counters = counters;
    }

    @Override
    public RecordBatch next() {
        if (ended) {
            return null;
        }
        BatchChannel.Item item = channel.take(permit);
        if (item.batch() != null) {
            counters.recordsIn.addAndGet(item.batch().rowCount());
            return item.batch();
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
