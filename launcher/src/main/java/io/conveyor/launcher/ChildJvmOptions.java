package io.conveyor.launcher;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The JVM options Conveyor chooses for the child JVM, added in front of the user's own.
 *
 * <p>The serial collector: a pipeline streams bounded batches, so its live heap is small,
 * and the serial collector keeps the heap (and so the process's memory) close to that live
 * set. G1, the default on a machine with two or more cores, lets the heap grow toward a
 * quarter of RAM while short young collections keep up, so a 4-million-row CSV run peaked
 * at 1–1.5 GB resident against about 370 MB with the serial collector, which was no slower.
 * The maximum heap is left to the JVM's own sizing (a quarter of RAM), so a large sort or
 * join has the same room as before.
 *
 * <p>The user's choice always wins: a collector named on the command line or in
 * {@code JAVA_TOOL_OPTIONS} / {@code JDK_JAVA_OPTIONS} (which the child inherits through
 * its environment) means no default collector is added; two collectors would stop the JVM.
 */
final class ChildJvmOptions {
    /** Variables the {@code java} launcher reads options from; the child inherits them. */
    static final List<String> OPTION_VARIABLES = List.of("JAVA_TOOL_OPTIONS", "JDK_JAVA_OPTIONS");
    private static final String DEFAULT_COLLECTOR = "-XX:+UseSerialGC";

    private ChildJvmOptions() {
    }

    /**
     * @param userOptions the parent's JVM options, forwarded to the child
     * @param environment the environment the child inherits
     * @return Conveyor's defaults that the user has not decided, to go before the user's options
     */
    static List<String> defaults(List<String> userOptions, Map<String, String> environment) {
        List<String> defaults = new ArrayList<>();
        if (!choosesCollector(userOptions) && !environmentChoosesCollector(environment)) {
            defaults.add(DEFAULT_COLLECTOR);
        }
        return defaults;
    }

    /**
     * @param userOptions the parent's JVM options
     * @param environment the environment the child inherits
     * @return the defaults followed by the user's options: the child's JVM options
     */
    static List<String> withDefaults(List<String> userOptions, Map<String, String> environment) {
        List<String> all = new ArrayList<>(defaults(userOptions, environment));
        all.addAll(userOptions);
        return all;
    }

    private static boolean environmentChoosesCollector(Map<String, String> environment) {
        for (String variable : OPTION_VARIABLES) {
            String value = environment.get(variable);
            if (value != null && choosesCollector(List.of(value.trim().split("\\s+")))) {
                return true;
            }
        }
        return false;
    }

    /** @return true if an option selects or deselects a garbage collector ({@code -XX:+UseG1GC}, {@code -XX:-UseSerialGC}) */
    private static boolean choosesCollector(List<String> options) {
        for (String o : options) {
            if ((o.startsWith("-XX:+Use") || o.startsWith("-XX:-Use")) && o.endsWith("GC")) {
                return true;
            }
        }
        return false;
    }
}
