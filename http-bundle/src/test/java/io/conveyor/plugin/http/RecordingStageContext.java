package io.conveyor.plugin.http;

import io.conveyor.api.StageContext;
import io.conveyor.api.StageException;
import io.conveyor.api.StageLogger;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A {@link StageContext} that records what a stage does: rejected records, log lines
 * (unmasked, so tests see whether the stage masked them itself), counters and reports.
 */
final class RecordingStageContext implements StageContext {
    /** One dead-letter entry. */
    record Rejected(Map<String, Object> record, String error) {
    }

    final List<Rejected> rejected = new CopyOnWriteArrayList<>();
    final List<String> logs = new CopyOnWriteArrayList<>();
    final Map<String, Object> reports = new ConcurrentHashMap<>();
    final AtomicLong bytesRead = new AtomicLong();
    final AtomicLong bytesWritten = new AtomicLong();
    private final boolean deadLetterEnabled;
    volatile boolean cancelled;

    RecordingStageContext() {
        this(true);
    }

    RecordingStageContext(boolean deadLetterEnabled) {
        this.deadLetterEnabled = deadLetterEnabled;
    }

    @Override
    public String stageId() {
        return "test_stage";
    }

    @Override
    public StageLogger log() {
        return new StageLogger() {
            @Override
            public void debug(String message) {
                logs.add("DEBUG " + message);
            }

            @Override
            public void info(String message) {
                logs.add("INFO " + message);
            }

            @Override
            public void warn(String message) {
                logs.add("WARN " + message);
            }

            @Override
            public void error(String message) {
                logs.add("ERROR " + message);
            }

            @Override
            public boolean isDebugEnabled() {
                return true;
            }
        };
    }

    @Override
    public void reject(Map<String, Object> record, String error) throws StageException {
        if (!deadLetterEnabled) {
            throw new StageException(error);
        }
        rejected.add(new Rejected(record, error));
    }

    @Override
    public boolean isCancelled() {
        return cancelled;
    }

    @Override
    public void addBytesRead(long bytes) {
        bytesRead.addAndGet(bytes);
    }

    @Override
    public void addBytesWritten(long bytes) {
        bytesWritten.addAndGet(bytes);
    }

    @Override
    public void addErrors(long errors) {
    }

    @Override
    public void report(String key, Object value) {
        reports.put(key, value);
    }
}
