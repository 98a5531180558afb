package io.conveyor.engine.internal.log;

import io.conveyor.engine.internal.config.SecretMasker;
import java.io.PrintStream;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;

/**
 * The engine's logger: one line per message on stderr ({@code HH:mm:ss.SSS LEVEL [scope] text}),
 * filtered by level, with secrets masked. Thread-safe. Data never goes here; only
 * {@code sink.stdout} writes to stdout.
 */
public final class Log {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSS");
    private final PrintStream out;
    private volatile LogLevel level;
    private volatile SecretMasker masker;
    private volatile Runnable beforeLine;

    /**
     * @param out where lines go (stderr in the CLI)
     * @param level the least severe level shown
     */
    public Log(PrintStream out, LogLevel level) {
        this.out = out;
        this.level = level;
        this.masker = SecretMasker.none();
    }

    public LogLevel level() {
        return level;
    }

    public void setLevel(LogLevel level) {
        this.level = level;
    }

    /** @param masker masks the secrets of the pipeline being run in every later line */
    public void setMasker(SecretMasker masker) {
        this.masker = masker == null ? SecretMasker.none() : masker;
    }

    /**
     * @param hook run (holding the stream's lock) before each line is printed, e.g. to erase a
     *             live progress display so the line does not mix with it; null for none
     */
    public void setBeforeLine(Runnable hook) {
        this.beforeLine = hook;
    }

    public SecretMasker masker() {
        return masker;
    }

    public boolean isEnabled(LogLevel l) {
        return l.ordinal() >= level.ordinal();
    }

    /**
     * @param l level
     * @param scope e.g. a stage id or {@code plugins}; may be null
     * @param message the text (masked before printing)
     */
    public void log(LogLevel l, String scope, String message) {
        if (!isEnabled(l)) {
            return;
        }
        String line = LocalTime.now().format(TIME) + " " + String.format("%-5s", l.name())
                + (scope == null ? " " : " [" + scope + "] ") + masker.mask(message);
        synchronized (out) {
            Runnable hook = beforeLine;
            if (hook != null) {
                hook.run();
            }
            out.println(line);
            out.flush();
        }
    }

    public void trace(String scope, String message) {
        log(LogLevel.TRACE, scope, message);
    }

    public void debug(String scope, String message) {
        log(LogLevel.DEBUG, scope, message);
    }

    public void info(String scope, String message) {
        log(LogLevel.INFO, scope, message);
    }

    public void warn(String scope, String message) {
        log(LogLevel.WARN, scope, message);
    }

    public void error(String scope, String message) {
        log(LogLevel.ERROR, scope, message);
    }
}
