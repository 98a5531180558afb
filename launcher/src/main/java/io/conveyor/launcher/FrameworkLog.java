package io.conveyor.launcher;

import java.io.PrintStream;
import org.apache.felix.framework.Logger;

/**
 * The framework's own log, redirected to stderr without stack traces. Felix writes its log
 * lines to stdout by default, and stdout belongs to {@code sink.stdout}; Felix takes a
 * replacement through the {@code felix.log.logger} property, which must be a subclass of
 * its {@link Logger}.
 */
final class FrameworkLog extends Logger {
    private final PrintStream err;

    FrameworkLog(PrintStream err) {
        this.err = err;
    }

    @Override
    protected void doLog(int level, String message, Throwable failure) {
        String label = switch (level) {
            case LOG_ERROR -> "error";
            case LOG_WARNING -> "warning";
            case LOG_INFO -> "info";
            default -> "debug";
        };
        StringBuilder line = new StringBuilder("conveyor: framework ").append(label).append(": ").append(message);
        if (failure != null) {
            line.append(": ").append(failure.getMessage() != null ? failure.getMessage() : failure.toString());
        }
        err.println(line);
    }
}
