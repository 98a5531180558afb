package io.conveyor.it.support;

import io.conveyor.engine.internal.log.Log;
import io.conveyor.engine.internal.log.LogLevel;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** An engine {@link Log} that keeps its lines for the test to read (timestamps included). */
public final class CapturingLog {
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final Log log;

    /** Captures everything from DEBUG up. */
    public CapturingLog() {
        this(LogLevel.DEBUG);
    }

    /** @param level the least severe level kept */
    public CapturingLog(LogLevel level) {
        this.log = new Log(new PrintStream(bytes, true, StandardCharsets.UTF_8), level);
    }

    /** @return the log to hand to the code under test */
    public Log log() {
        return log;
    }

    /** @return the lines written so far */
    public List<String> lines() {
        synchronized (bytes) {
            return bytes.toString(StandardCharsets.UTF_8).lines().toList();
        }
    }

    /**
     * @param level a level
     * @return the lines of that level, each without its timestamp and level: {@code [scope] text}
     */
    public List<String> messages(LogLevel level) {
        String tag = String.format("%-5s", level.name()) + " ";
        return lines().stream().filter(l -> l.length() > 13 && l.substring(13).startsWith(tag))
                .map(l -> l.substring(13 + tag.length())).toList();
    }
}
