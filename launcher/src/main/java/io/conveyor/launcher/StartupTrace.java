package io.conveyor.launcher;

import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.List;

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
        if (enabled) {
            // Which compilers this run has: the launcher chooses them from the input's size (CompilerChoice).
            err.println("conveyor: startup: compilers: "
                    + compilers(ManagementFactory.getRuntimeMXBean().getInputArguments()));
        }
    }

    /**
     * @param jvmArguments the JVM's options, in order
     * @return which compilers they leave the JVM, as the last of its compiler options decides, and
     *         the compile thresholds' scale when an option sets it (CompilerChoice does for a small run)
     */
    static String compilers(List<String> jvmArguments) {
        String compilers = "C1 and C2";
        String scaling = null;
        for (String a : jvmArguments) {
            if (a.startsWith("-XX:CompileThresholdScaling=")) {
                scaling = a.substring(a.indexOf('=') + 1);
            }
            if (a.equals("-Xint")) {
                compilers = "none (interpreter only)";
            } else if (a.equals("-XX:-TieredCompilation")) {
                compilers = "C2 only";
            } else if (a.startsWith("-XX:TieredStopAtLevel=")) {
                compilers = a.endsWith("=0") ? "none (interpreter only)" : a.endsWith("=4") ? "C1 and C2" : "C1 only";
            }
        }
        return scaling == null || compilers.startsWith("none") ? compilers
                : compilers + ", compile thresholds x" + scaling;
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
