package io.conveyor.launcher;

import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

/**
 * Prints how long each start-up phase took, from JVM start, when the system property
 * {@code conveyor.trace.startup} is set ({@code java -Dconveyor.trace.startup -jar conveyor.jar ...}).
 * Start-up is paid by every short run, so it is worth seeing where it goes.
 *
 * <p>Each line also gives the CPU time of the launcher's thread and of the whole process so
 * far: on a busy machine the wall-clock times wander with the load, the thread's CPU time
 * much less, and the process's shows what other threads (the JIT compilers, warm-ups) add.
 */
final class StartupTrace {
    private final PrintStream err;
    private final boolean enabled;
    private final long jvmStart;
    private final ThreadMXBean threads;

    StartupTrace(PrintStream err) {
        this.err = err;
        this.enabled = System.getProperty("conveyor.trace.startup") != null;
        this.jvmStart = enabled ? ManagementFactory.getRuntimeMXBean().getStartTime() : 0;
        this.threads = enabled ? ManagementFactory.getThreadMXBean() : null;
    }

    /** @param phase what has just finished */
    void mark(String phase) {
        if (enabled) {
            long threadCpu = threads.isCurrentThreadCpuTimeSupported() ? threads.getCurrentThreadCpuTime() / 1_000_000 : -1;
            long processCpu = ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os
                    ? os.getProcessCpuTime() / 1_000_000 : -1;
            err.println("conveyor: startup " + (System.currentTimeMillis() - jvmStart) + " ms: " + phase
                    + " (cpu: this thread " + threadCpu + " ms, process " + processCpu + " ms)");
        }
    }
}
