package io.conveyor.engine.internal.log;

import java.util.Locale;

/** Log levels of {@code [global].log_level} and {@code --log-level}, most verbose first. */
public enum LogLevel {
    TRACE, DEBUG, INFO, WARN, ERROR;

    /** @param name a level name in any case
     *  @return the level, or null if unknown */
    public static LogLevel parse(String name) {
        if (name == null) {
            return null;
        }
        try {
            return valueOf(name.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
