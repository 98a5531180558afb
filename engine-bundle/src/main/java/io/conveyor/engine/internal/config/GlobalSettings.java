package io.conveyor.engine.internal.config;

import io.conveyor.engine.internal.log.LogLevel;
import java.util.List;
import java.util.Map;

/** The {@code [global]} table after compilation. */
public final class GlobalSettings {
    private final LogLevel logLevel;
    private final List<String> plugins;
    private final int maxParallelTasks;
    private final long timeoutSeconds;
    private final Map<String, String> variables;

    /**
     * @param logLevel the level to apply
     * @param plugins plugin names, in file order
     * @param maxParallelTasks bound on stages doing work at once (at least 1)
     * @param timeoutSeconds whole-run timeout, 0 for none
     * @param variables {@code [global.variables]} after interpolation
     */
    public GlobalSettings(LogLevel logLevel, List<String> plugins, int maxParallelTasks, long timeoutSeconds,
                          Map<String, String> variables) {
        this.logLevel = logLevel;
        this.plugins = List.copyOf(plugins);
        this.maxParallelTasks = maxParallelTasks;
        this.timeoutSeconds = timeoutSeconds;
        this.variables = Map.copyOf(variables);
    }

    public LogLevel logLevel() {
        return logLevel;
    }

    public List<String> plugins() {
        return plugins;
    }

    public int maxParallelTasks() {
        return maxParallelTasks;
    }

    public long timeoutSeconds() {
        return timeoutSeconds;
    }

    public Map<String, String> variables() {
        return variables;
    }
}
