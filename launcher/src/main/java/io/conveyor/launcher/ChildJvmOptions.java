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
 * Heap free ratios of 10–30 % (instead of 40–70 %) grow the heap in smaller steps where a
 * stage does hold data (a sort: 500–690 MB down to 460–480 MB at 4 million rows). The
 * maximum heap is left to the JVM's own sizing (a quarter of RAM), so a large sort or join
 * has the same room as before.
 *
 * <p>A fixed young generation of {@value #YOUNG_MB} MB with large survivor spaces (a quarter
 * of it each): a streaming run has ten megabytes or more in flight at any moment (CSV pieces
 * being parsed, batches on the edges: 14 MB in the benchmark's CSV jobs, 45 MB when the pieces
 * were 1 MiB). With the serial collector's default sizing the survivor spaces are a tenth of
 * the young generation, so every young collection promoted the overflow into
 * the old generation, which filled with dead batches until a full collection: J4 at 4 million
 * rows peaked at 450–466 MB resident, J1 at 320–330 MB. With room for what is in flight,
 * young collections find the batches dead and the old generation holds only what stages keep:
 * 300–317 MB and 214–222 MB, with no full collection, and no more total pause time. It is
 * only added when the maximum heap is at least four times as large, so a small heap (a
 * container, a user's {@code -Xmx}) keeps the JVM's own sizing.
 *
 * <p>Loops unrolled to a body of at most {@value #UNROLL_LIMIT} nodes ({@code -XX:LoopUnrollLimit},
 * 60 by default) on a JVM with the C2 compiler: a run lasts seconds, and while it starts both
 * cores are busy with the pipeline and with C2, which spent a second or more of CPU time on a
 * million-row job, much of it unrolling and vectorising loops that gain little from it (they
 * branch on every byte). Side by side at a million rows, the four benchmark jobs took 2-11 %
 * less CPU time and 0-9 % less wall time with the lower limit, and the same at four million.
 *
 * <p>On Java 24 and later, {@code --sun-misc-unsafe-memory-access=allow}: Felix reads a static
 * field through {@code sun.misc.Unsafe} as it starts, and from Java 24 the JVM prints a
 * four-line warning on standard error for that at every run unless told the use is allowed.
 *
 * <p>The user's choice always wins: a collector, a heap free ratio or an unroll limit named on the command
 * line or in {@code JAVA_TOOL_OPTIONS} / {@code JDK_JAVA_OPTIONS} (which the child inherits
 * through its environment) means none of ours is added for it; two collectors, or a user's
 * maximum ratio below our minimum, would stop the JVM.
 */
final class ChildJvmOptions {
    /** Variables the {@code java} launcher reads options from; the child inherits them. */
    static final List<String> OPTION_VARIABLES = List.of("JAVA_TOOL_OPTIONS", "JDK_JAVA_OPTIONS");
    private static final List<String> COLLECTOR = List.of("-XX:+UseSerialGC");
    /** Added together or not at all: a user's maximum below our minimum would stop the JVM. */
    private static final List<String> HEAP_FREE_RATIOS = List.of("-XX:MinHeapFreeRatio=10", "-XX:MaxHeapFreeRatio=30");

    /** Size of the young generation we choose, in MB. */
    static final int YOUNG_MB = 160;
    private static final List<String> YOUNG_GENERATION = List.of("-Xmn" + YOUNG_MB + "m", "-XX:SurvivorRatio=2");
    /** Options that size the young generation or its parts: a user who sets one decides it all. */
    private static final List<String> YOUNG_SIZING = List.of("-Xmn", "-XX:NewSize=", "-XX:MaxNewSize=", "-XX:NewRatio=",
            "-XX:SurvivorRatio=", "-XX:InitialSurvivorRatio=", "-XX:TargetSurvivorRatio=");

    /** Largest loop body C2 unrolls, in nodes, that we choose. */
    static final int UNROLL_LIMIT = 16;
    private static final String UNROLL = "-XX:LoopUnrollLimit=";

    /** Java 24 warns about {@code sun.misc.Unsafe} memory access by default (JEP 498). */
    static final int UNSAFE_WARNS_FROM = 24;
    private static final String UNSAFE_ACCESS = "--sun-misc-unsafe-memory-access=";

    private ChildJvmOptions() {
    }

    /**
     * @param userOptions the parent's JVM options, forwarded to the child
     * @param environment the environment the child inherits
     * @return Conveyor's defaults that the user has not decided, to go before the user's options
     */
    static List<String> defaults(List<String> userOptions, Map<String, String> environment) {
        // This JVM was started with the user's options, so its maximum heap is the child's too;
        // and the child runs this JVM's java.
        return defaults(userOptions, environment, Runtime.getRuntime().maxMemory(), Runtime.version().feature(),
                hasServerCompiler());
    }

    /** @return true if this JVM, whose java the child runs, is HotSpot's server VM ({@link #hasServerCompiler(String)}) */
    static boolean hasServerCompiler() {
        return hasServerCompiler(System.getProperty("java.vm.name", ""));
    }

    /**
     * @param vmName the JVM's name ({@code java.vm.name})
     * @return true for HotSpot's server VM, which has the C2 compiler and its options (a client,
     *         minimal or Zero VM, or another JVM, may not know them and would not start)
     */
    static boolean hasServerCompiler(String vmName) {
        return vmName.contains("Server VM");
    }

    /**
     * @param userOptions the parent's JVM options, forwarded to the child
     * @param environment the environment the child inherits
     * @param maxHeapBytes the maximum heap the child will have
     * @param javaFeature the child's Java version (17, 21, 25, ...)
     * @param serverCompiler whether the child has the C2 compiler ({@link #hasServerCompiler})
     * @return Conveyor's defaults that the user has not decided, to go before the user's options
     */
    static List<String> defaults(List<String> userOptions, Map<String, String> environment, long maxHeapBytes,
                                 int javaFeature, boolean serverCompiler) {
        List<String> user = userOptions(userOptions, environment);
        List<String> defaults = new ArrayList<>();
        if (!choosesCollector(user)) {
            defaults.addAll(COLLECTOR);
            if (maxHeapBytes >= 4L * YOUNG_MB * 1024 * 1024 && !startsAny(user, YOUNG_SIZING)) {
                defaults.addAll(YOUNG_GENERATION);
            }
        }
        if (!setsAny(user, HEAP_FREE_RATIOS)) {
            defaults.addAll(HEAP_FREE_RATIOS);
        }
        if (serverCompiler && !startsAny(user, List.of(UNROLL))) {
            defaults.add(UNROLL + UNROLL_LIMIT);
        }
        if (javaFeature >= UNSAFE_WARNS_FROM && !startsAny(user, List.of(UNSAFE_ACCESS))) {
            defaults.add(UNSAFE_ACCESS + "allow");
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

    /** @return true if the user sets any of the {@code -XX:Name=value} options in {@code ours} */
    private static boolean setsAny(List<String> user, List<String> ours) {
        // A loop, not a stream: this runs in the relaunching parent JVM, before the child starts.
        List<String> prefixes = new ArrayList<>(ours.size());
        for (String o : ours) {
            prefixes.add(o.substring(0, o.indexOf('=') + 1));
        }
        return startsAny(user, prefixes);
    }

    /**
     * @param commandLine the JVM options on the command line
     * @param environment the environment the child inherits
     * @return every option the user gives the child: the command line's, then those of {@link #OPTION_VARIABLES}
     */
    static List<String> userOptions(List<String> commandLine, Map<String, String> environment) {
        List<String> user = new ArrayList<>(commandLine);
        for (String variable : OPTION_VARIABLES) {
            String value = environment.get(variable);
            if (value != null && !value.isBlank()) {
                user.addAll(List.of(value.trim().split("\\s+")));
            }
        }
        return user;
    }

    /** @return true if any user option starts with one of {@code prefixes} */
    static boolean startsAny(List<String> user, List<String> prefixes) {
        for (String u : user) {
            for (String p : prefixes) {
                if (u.startsWith(p)) {
                    return true;
                }
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
