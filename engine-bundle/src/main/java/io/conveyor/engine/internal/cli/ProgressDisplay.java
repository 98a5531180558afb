package io.conveyor.engine.internal.cli;

import io.conveyor.api.StageResult;
import io.conveyor.engine.internal.exec.RunListener;
import io.conveyor.engine.internal.log.Log;
import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Shows a run's progress on stderr so that a long run never looks hung. On a terminal it
 * redraws a few lines in place (ANSI: cursor up, clear to the end of the screen) at every
 * progress tick, erases them before any log line is printed and before the summary. On a
 * pipe or file it logs one plain line at info level every {@value #PLAIN_INTERVAL_SECONDS} s.
 */
final class ProgressDisplay implements RunListener {
    /** Seconds between two plain progress lines when stderr is not a terminal. */
    static final long PLAIN_INTERVAL_SECONDS = 10;
    private static final String UP_AND_CLEAR = "\u001b[%dF\u001b[J";

    private final PrintStream err;
    private final Log log;
    private final boolean terminal;
    private final LongSupplier nanoClock;
    private final long plainIntervalNanos;
    private int shownLines;
    private long lastPlainLine;

    private ProgressDisplay(PrintStream err, Log log, boolean terminal, LongSupplier nanoClock) {
        this.err = err;
        this.log = log;
        this.terminal = terminal;
        this.nanoClock = nanoClock;
        this.plainIntervalNanos = TimeUnit.SECONDS.toNanos(PLAIN_INTERVAL_SECONDS);
        this.lastPlainLine = nanoClock.getAsLong();
    }

    /**
     * A display that redraws in place; it erases itself before each line of {@code log}.
     *
     * @param err the terminal (stderr)
     * @param log the engine's log, which writes to the same stream
     * @return the display; call {@link #close()} when the run ends
     */
    static ProgressDisplay terminal(PrintStream err, Log log) {
        ProgressDisplay d = new ProgressDisplay(err, log, true, System::nanoTime);
        log.setBeforeLine(d::erase);
        return d;
    }

    /**
     * @param log where the plain lines go (info level)
     * @param nanoClock the time source (tests pass their own)
     * @return a display for a stderr that is not a terminal
     */
    static ProgressDisplay plain(Log log, LongSupplier nanoClock) {
        return new ProgressDisplay(null, log, false, nanoClock);
    }

    @Override
    public void progress(List<StageResult> stages) {
        if (!terminal) {
            long now = nanoClock.getAsLong();
            if (now - lastPlainLine >= plainIntervalNanos) {
                lastPlainLine = now;
                String line = ProgressFrame.line(stages);
                if (line != null) {
                    log.info(null, line);
                }
            }
            return;
        }
        List<String> lines = ProgressFrame.lines(stages);
        StringBuilder frame = new StringBuilder();
        synchronized (err) {
            appendErase(frame);
            for (String l : lines) {
                frame.append(l).append('\n');
            }
            shownLines = lines.size();
            err.print(frame);
            err.flush();
        }
    }

    /** Removes the lines last drawn (before a log line, or at the end of the run). */
    void erase() {
        if (!terminal) {
            return;
        }
        synchronized (err) {
            StringBuilder sb = new StringBuilder();
            appendErase(sb);
            if (sb.length() > 0) {
                err.print(sb);
                err.flush();
            }
        }
    }

    private void appendErase(StringBuilder sb) {
        if (shownLines > 0) {
            sb.append(String.format(Locale.ROOT, UP_AND_CLEAR, shownLines));
            shownLines = 0;
        }
    }

    /** Erases the display and detaches it from the log; the summary comes next. */
    void close() {
        if (terminal) {
            log.setBeforeLine(null);
            erase();
        }
    }
}
