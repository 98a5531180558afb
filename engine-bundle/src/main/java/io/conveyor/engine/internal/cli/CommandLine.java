package io.conveyor.engine.internal.cli;

import io.conveyor.engine.internal.log.LogLevel;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A parsed command line.
 *
 * @param command what to do
 * @param file the pipeline file (run, validate), else null
 * @param pluginDirs {@code --plugin-dir} values in order
 * @param logLevel {@code --log-level}, or null to use the pipeline's {@code [global].log_level}
 * @param dryRun {@code --dry-run}: compile and resolve plugins, run nothing
 * @param variables {@code --var NAME=VALUE} values, in order; they override {@code [global.variables]}
 * @param quiet {@code --quiet}: no summary, only warnings and errors
 * @param metricsJson {@code --metrics-json FILE}, or null
 * @param progress {@code --progress}: show the live progress display even when stderr is not a terminal
 */
public record CommandLine(Command command, Path file, List<Path> pluginDirs, LogLevel logLevel, boolean dryRun,
                          Map<String, String> variables, boolean quiet, Path metricsJson, boolean progress) {
    public CommandLine {
        pluginDirs = List.copyOf(pluginDirs);
        variables = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(variables));
    }

    /** A command line without {@code --progress}. */
    public CommandLine(Command command, Path file, List<Path> pluginDirs, LogLevel logLevel, boolean dryRun,
                       Map<String, String> variables, boolean quiet, Path metricsJson) {
        this(command, file, pluginDirs, logLevel, dryRun, variables, quiet, metricsJson, false);
    }

    /** @return true if stack traces may be shown ({@code --log-level debug} or {@code trace}) */
    public boolean showsTraces() {
        return logLevel != null && logLevel.ordinal() <= LogLevel.DEBUG.ordinal();
    }
}
