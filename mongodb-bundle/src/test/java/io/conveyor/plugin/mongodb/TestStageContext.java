package io.conveyor.plugin.mongodb;

import io.conveyor.api.StageContext;
import io.conveyor.api.StageLogger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/** A {@link StageContext} that collects what a stage hands the engine: rejects, reports, log lines, counters. */
public final class TestStageContext implements StageContext {
    /** One dead-letter entry. */
    public record Reject(Map<String, Object> record, String error) {
    }

    /** What was rejected, in order. */
    public final List<Reject> rejects = Collections.synchronizedList(new ArrayList<>());
    /** What was reported, by key. */
    public final Map<String, Object> reports = Collections.synchronizedMap(new LinkedHashMap<>());
    /** Every log line, prefixed with its level. */
    public final List<String> logs = Collections.synchronizedList(new ArrayList<>());
    /** Bytes read. */
    public final AtomicLong bytesRead = new AtomicLong();
    /** Bytes written. */
    public final AtomicLong bytesWritten = new AtomicLong();
    /** Set to cancel the run. */
    public final AtomicBoolean cancelled = new AtomicBoolean();

    @Override
    public String stageId() {
        return "mongo_stage";
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
    public void reject(Map<String, Object> record, String error) {
        rejects.add(new Reject(record, error));
    }

    @Override
    public boolean isCancelled() {
        return cancelled.get();
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
