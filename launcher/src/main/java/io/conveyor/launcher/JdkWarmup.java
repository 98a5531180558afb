package io.conveyor.launcher;

import java.io.PrintStream;
import java.text.DecimalFormatSymbols;
import java.util.Locale;

/**
 * Initialises, on a second thread, the JDK facilities a run needs later, while the launcher's
 * thread starts the framework: the machine has a second core with nothing to do at that point.
 *
 * <ul>
 * <li>Locale data: Felix formats a number with {@code String.format} while it starts, and the
 *     engine formats durations; the first such call loads the CLDR locale provider, tens of
 *     milliseconds on one core.</li>
 * <li>{@link LibraryLog}: {@code java.util.logging} reads its configuration when first used.</li>
 * </ul>
 *
 * <p>The command waits for the warm-up ({@link #await}) before it runs, so library logging is
 * in place before any plugin can log, exactly as when it was installed first thing.
 */
final class JdkWarmup {
    private final Thread thread;

    private JdkWarmup(Thread thread) {
        this.thread = thread;
    }

    /**
     * @param err where library log lines go
     * @return the started warm-up
     */
    static JdkWarmup start(PrintStream err) {
        Thread t = new Thread(new Task(err), "conveyor-jdk-warmup");
        t.setDaemon(true);
        t.start();
        return new JdkWarmup(t);
    }

    /** @return no warm-up (tests that run the launcher inside their own JVM) */
    static JdkWarmup none() {
        return new JdkWarmup(null);
    }

    /** Waits until the warm-up has finished. */
    void await() {
        if (thread == null) {
            return;
        }
        boolean interrupted = false;
        while (true) {
            try {
                thread.join();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** The work; a class, not a lambda, so the relaunching parent JVM never boots the lambda machinery for it. */
    private static final class Task implements Runnable {
        private final PrintStream err;

        Task(PrintStream err) {
            this.err = err;
        }

        @Override
        public void run() {
            // The first reflective call in the JVM reads the method's annotations (is it caller
            // sensitive?), which loads annotation parsing and generates a proxy class: Felix's
            // first act (SecureAction's static initialiser) is such a call.
            try {
                Class.class.getMethod("forName", String.class).invoke(null, "java.lang.String");
            } catch (ReflectiveOperationException | RuntimeException e) {
                // Only a head start.
            }
            // Locale data next: the framework asks for it within milliseconds of starting.
            try {
                DecimalFormatSymbols.getInstance(Locale.getDefault(Locale.Category.FORMAT));
                DecimalFormatSymbols.getInstance(Locale.ROOT);
            } catch (RuntimeException e) {
                // Only a head start: the real use reports whatever is wrong.
            } finally {
                LibraryLog.install(err);
            }
        }
    }
}
