package io.conveyor.api;

import org.osgi.annotation.versioning.ProviderType;

/** A stage's logger. Lines go to stderr at the pipeline's log level, with secrets masked. */
@ProviderType
public interface StageLogger {
    /** @param message the line */
    void debug(String message);

    /** @param message the line */
    void info(String message);

    /** @param message the line */
    void warn(String message);

    /** @param message the line */
    void error(String message);

    /** @return true if debug lines are shown */
    boolean isDebugEnabled();
}
