package io.conveyor.engine.internal.exec;

import io.conveyor.api.StageResult;
import io.conveyor.api.StageStatus;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The live counters and status of one stage. Written by the stage's threads, read by
 * {@link RunControl#snapshot()} at any time.
 */
final class StageCounters {
    final AtomicLong recordsIn = new AtomicLong();
    final AtomicLong recordsOut = new AtomicLong();
    final AtomicLong errors = new AtomicLong();
    final AtomicLong deadLettered = new AtomicLong();
    final AtomicLong bytesRead = new AtomicLong();
    final AtomicLong bytesWritten = new AtomicLong();
    private final String stageId;
    private final String stageType;
    private final Map<String, Object> reports = new LinkedHashMap<>();
    private volatile StageStatus status = StageStatus.PENDING;
    private volatile String error;
    private volatile long startNanos;
    private volatile long endNanos;

    StageCounters(String stageId, String stageType) {
        this.stageId = stageId;
        this.stageType = stageType;
    }

    void started() {
        startNanos = System.nanoTime();
        status = StageStatus.RUNNING;
    }

    /**
     * @param finalStatus how the stage ended
     * @param message the failure or skip reason, or null
     */
    void ended(StageStatus finalStatus, String message) {
        if (startNanos != 0) {
            endNanos = System.nanoTime();
        }
        status = finalStatus;
        error = message;
    }

    /** @return when the stage started ({@link System#nanoTime()}), or 0 before */
    long startNanos() {
        return startNanos;
    }

    StageStatus status() {
        return status;
    }

    synchronized void report(String key, Object value) {
        reports.put(key, value);
    }

    /** @return the counters as they are now */
    synchronized StageResult toResult() {
        long start = startNanos;
        long end = endNanos != 0 ? endNanos : (start != 0 ? System.nanoTime() : 0);
        Map<String, Object> r = new LinkedHashMap<>();
        reports.forEach((k, v) -> {
            if (k != null && v != null) {
                r.put(k, v);
            }
        });
        return new StageResult(stageId, stageType, status, recordsIn.get(), recordsOut.get(), errors.get(),
                deadLettered.get(), bytesRead.get(), bytesWritten.get(), (end - start) / 1_000_000L, error, r);
    }
}
