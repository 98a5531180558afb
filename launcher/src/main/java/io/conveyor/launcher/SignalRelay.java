package io.conveyor.launcher;

import java.util.function.Consumer;

/**
 * Receives Ctrl-C (SIGINT) and SIGTERM instead of the JVM's default handling (which runs
 * the shutdown hooks at once), so the engine can cancel the run, let sinks abort and print
 * the summary before the process ends. Uses {@code sun.misc.Signal} (module jdk.unsupported,
 * present in every JDK); where a signal cannot be handled (the JVM ignores a SIGINT that was
 * ignored when it started), the shutdown hook still stops the framework.
 */
final class SignalRelay {
    private SignalRelay() {
    }

    /**
     * @param onSignal receives {@code SIGINT} or {@code SIGTERM}, on the JVM's signal thread
     */
    static void install(Consumer<String> onSignal) {
        for (String name : new String[] {"INT", "TERM"}) {
            try {
                sun.misc.Signal.handle(new sun.misc.Signal(name), s -> onSignal.accept("SIG" + s.getName()));
            } catch (IllegalArgumentException | UnsupportedOperationException | LinkageError e) {
                // Not available for this signal here: the default handling and our shutdown hook apply.
            }
        }
    }
}
