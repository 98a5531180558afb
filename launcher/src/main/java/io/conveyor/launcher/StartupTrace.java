package io.conveyor.launcher;

import java.io.PrintStream;
import java.lang.management.ManagementFactory;

/**
 * Prints how long each start-up phase took, from JVM start, when the system property
 * {@code conveyor.trace.startup} is set ({@code java -Dconveyor.trace.startup -jar conveyor.jar ...}).
 * Start-up is paid by every short run, so it is worth seeing where it goes.
 */
final class StartupTrace {
    private final PrintStream err;
    private final boolean enabled;
    private final long jvmStart;

    StartupTrace(PrintStream err) {
        this.err = err;
        this.enabled = System.getProperty("conveyor.trace.startup") != null;
        this.jvmStart = enabled ? ManagementFactory.getRuntimeMXBean().getStartTime() : 0;
    }

    /** @param phase what has just finished */
    void mark(String phase) {
        if (enabled) {
            err.println("conveyor: startup " + (System.currentTimeMillis() - jvmStart) + " ms: " + phase);
        }
    }
}
