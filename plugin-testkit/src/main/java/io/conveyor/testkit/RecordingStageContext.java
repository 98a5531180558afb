package io.conveyor.testkit;

import io.conveyor.api.StageContext;
import io.conveyor.api.StageException;
import io.conveyor.api.StageLogger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A {@link StageContext} that records what a stage hands the engine, for a test to assert:
 * rejected records with their errors, log lines by level, reports, byte and error counters.
 * {@link #cancel()} makes {@link #isCancelled()} true, as when a run is cancelled.
 *
 * <p>By default rejected records are kept, as if written to the dead-letter queue;
 * {@link #withoutDeadLetterQueue()} makes {@link #reject} throw a {@link StageException}
 * with the record's error, as the engine does when the dead-letter queue is disabled.
 * Log lines are kept as written (not masked), so a test sees whether the stage masked its
 * secrets itself. Thread-safe: a stage may call it from its own threads.
 */
public final class RecordingStageContext implements StageContext {
    /**
     * One rejected record and why.
     *
     * @param record the record as the stage passed it (copied)
     * @param error the error as the stage passed it
     */
    public record Rejected(Map<String, Object> record, String error) {
    }

    /**
     * One log line.
     *
     * @param level {@code DEBUG}, {@code INFO}, {@code WARN} or {@code ERROR}
     * @param message the line as the stage wrote it
     */
    public record LogLine(String level, String message) {
        @Override
        public String toString() {
            return level + " " + message;
        }
    }

    private final String stageId;
    private final boolean deadLetterQueue;
    // Not copy-on-write: a source may reject hundreds of thousands of records, and copying the
    // list on every add made that quadratic (the CSV fuzz test timed out on such a file).
    private final List<Rejected> rejected = Collections.synchronizedList(new ArrayList<>());
    private final List<LogLine> lines = new CopyOnWriteArrayList<>();
    private final Map<String, Object> reports = Collections.synchronizedMap(new LinkedHashMap<>());
    private final AtomicLong bytesRead = new AtomicLong();
    private final AtomicLong bytesWritten = new AtomicLong();
    private final AtomicLong errors = new AtomicLong();
    private volatile boolean cancelled;

    /** A context of stage {@code test_stage} with a dead-letter queue. */
    public RecordingStageContext() {
        this("test_stage", true);
    }

    /** @param stageId the stage id the context reports */
    public RecordingStageContext(String stageId) {
        this(stageId, true);
    }

    private RecordingStageContext(String stageId, boolean deadLetterQueue) {
        this.stageId = stageId;
        this.deadLetterQueue = deadLetterQueue;
    }

    /** @return a context of stage {@code test_stage} whose {@link #reject} fails the stage */
    public static RecordingStageContext withoutDeadLetterQueue() {
        return new RecordingStageContext("test_stage", false);
    }

    @Override
    public String stageId() {
        return stageId;
    }

    @Override
    public StageLogger log() {
        return new StageLogger() {
            @Override
            public void debug(String message) {
                lines.add(new LogLine("DEBUG", message));
            }

            @Override
            public void info(String message) {
                lines.add(new LogLine("INFO", message));
            }

            @Override
            public void warn(String message) {
                lines.add(new LogLine("WARN", message));
            }

            @Override
            public void error(String message) {
                lines.add(new LogLine("ERROR", message));
            }

            @Override
            public boolean isDebugEnabled() {
                return true;
            }
        };
    }

    /**
     * Keeps the record and its error, or throws when there is no dead-letter queue.
     *
     * @throws StageException with the error when made by {@link #withoutDeadLetterQueue()}
     */
    @Override
    public void reject(Map<String, Object> record, String error) throws StageException {
        if (!deadLetterQueue) {
            throw new StageException(error);
        }
        rejected.add(new Rejected(Collections.unmodifiableMap(new LinkedHashMap<>(record)), error));
    }

    @Override
    public boolean isCancelled() {
        return cancelled;
    }

    /** Cancels the run: {@link #isCancelled()} returns true from now on. */
    public void cancel() {
        cancelled = true;
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
    public void addErrors(long count) {
        errors.addAndGet(count);
    }

    @Override
    public void report(String key, Object value) {
        reports.put(key, value);
    }

    /** @return the rejected records so far, in order (a live, read-only view) */
    public List<Rejected> rejected() {
        return Collections.unmodifiableList(rejected);
    }

    /** Forgets the rejected records so far, to check a second step on its own. */
    public void clearRejected() {
        rejected.clear();
    }

    /** @return every log line so far as {@code LEVEL message}, in order */
    public List<String> logs() {
        return lines.stream().map(LogLine::toString).toList();
    }

    /**
     * @param level {@code DEBUG}, {@code INFO}, {@code WARN} or {@code ERROR}
     * @return the messages logged at that level, in order
     */
    public List<String> logs(String level) {
        List<String> out = new ArrayList<>();
        for (LogLine l : lines) {
            if (l.level().equals(level)) {
                out.add(l.message());
            }
        }
        return out;
    }

    /** @return the reports so far by key (a copy) */
    public Map<String, Object> reports() {
        synchronized (reports) {
            return new LinkedHashMap<>(reports);
        }
    }

    /** @return the bytes the stage counted as read */
    public long bytesRead() {
        return bytesRead.get();
    }

    /** @return the bytes the stage counted as written */
    public long bytesWritten() {
        return bytesWritten.get();
    }

    /** @return the errors the stage counted with {@link #addErrors(long)} */
    public long errors() {
        return errors.get();
    }
}
