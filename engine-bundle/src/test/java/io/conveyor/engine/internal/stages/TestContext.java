package io.conveyor.engine.internal.stages;

import io.conveyor.api.StageContext;
import io.conveyor.api.StageException;
import io.conveyor.api.StageLogger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A stage context for stage unit tests: keeps rejected records, warnings and counters. */
public final class TestContext implements StageContext {
    /** One rejected record and why. */
    public record Rejected(Map<String, Object> record, String error) {
    }

    public final List<Rejected> rejected = new ArrayList<>();
    public final List<String> warnings = new ArrayList<>();
    public final Map<String, Object> reports = new LinkedHashMap<>();
    public long bytesRead;
    public long bytesWritten;

    @Override
    public String stageId() {
        return "test";
    }

    @Override
    public StageLogger log() {
        return new StageLogger() {
            @Override
            public void debug(String message) {
            }

            @Override
            public void info(String message) {
            }

            @Override
            public void warn(String message) {
                warnings.add(message);
            }

            @Override
            public void error(String message) {
                warnings.add(message);
            }

            @Override
            public boolean isDebugEnabled() {
                return false;
            }
        };
    }

    @Override
    public void reject(Map<String, Object> record, String error) throws StageException {
        rejected.add(new Rejected(new LinkedHashMap<>(record), error));
    }

    @Override
    public boolean isCancelled() {
        return false;
    }

    @Override
    public void addBytesRead(long bytes) {
        bytesRead += bytes;
    }

    @Override
    public void addBytesWritten(long bytes) {
        bytesWritten += bytes;
    }

    @Override
    public void addErrors(long errors) {
    }

    @Override
    public void report(String key, Object value) {
        reports.put(key, value);
    }
}
