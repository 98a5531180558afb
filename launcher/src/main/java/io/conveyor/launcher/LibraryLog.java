package io.conveyor.launcher;

import java.io.PrintStream;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;

/**
 * What the libraries inside the framework log through {@code java.util.logging} (the
 * MongoDB driver and HttpClient log through SLF4J, bound to it by slf4j-jdk14), as one
 * stderr line per warning or error, without stack traces. The JDK's default console
 * handler would print their INFO chatter (a driver's settings dump, a refused connection's
 * stack trace) on the user's stderr; the plugins turn such failures into their own
 * messages, so below WARNING nothing is printed.
 */
final class LibraryLog extends Handler {
    private final PrintStream err;
    private final SimpleFormatter text = new SimpleFormatter();

    LibraryLog(PrintStream err) {
        this.err = err;
        setLevel(Level.WARNING);
    }

    /**
     * Replaces the root logger's handlers with one writing to {@code err}.
     *
     * @param err where the lines go
     */
    static void install(PrintStream err) {
        Logger root = Logger.getLogger("");
        for (Handler h : root.getHandlers()) {
            root.removeHandler(h);
        }
        root.setLevel(Level.WARNING);
        root.addHandler(new LibraryLog(err));
    }

    @Override
    public void publish(LogRecord record) {
        if (!isLoggable(record)) {
            return;
        }
        String label = record.getLevel().intValue() >= Level.SEVERE.intValue() ? "error" : "warning";
        StringBuilder line = new StringBuilder("conveyor: ").append(record.getLoggerName() == null ? "library"
                : record.getLoggerName()).append(' ').append(label).append(": ").append(text.formatMessage(record));
        Throwable failure = record.getThrown();
        if (failure != null) {
            line.append(": ").append(failure.getMessage() != null ? failure.getMessage() : failure.toString());
        }
        err.println(line);
    }

    @Override
    public void flush() {
        err.flush();
    }

    @Override
    public void close() {
        flush();
    }
}
