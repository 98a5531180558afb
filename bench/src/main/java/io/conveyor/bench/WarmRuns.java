package io.conveyor.bench;

import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Runs one job several times over in one JVM and prints what each pass took: the cost of a
 * job once the JVM has started and compiled the code, beside the whole-process figure that
 * includes both. Not how a user runs a job (bench/run measures that); it shows how much of a
 * whole run is start-up and warm-up, and how the engines compare per row.
 *
 * <p>Conveyor is driven through its engine's own classes (the command line over the built-in
 * stages, no OSGi framework, no plugins), which must be on the class path (bench/driver.py
 * takes them from conveyor.jar); DuckDB runs the job's query on one in-memory connection.
 *
 * <p>Usage: {@code WarmRuns conveyor|duckdb JOB DATA_DIR OUT_CSV PASSES}; prints
 * {@code pass N WALL_MS CPU_MS} per pass, the CPU time being the whole process's.
 */
public final class WarmRuns {
    private WarmRuns() {
    }

    /**
     * @param args engine, job, data directory, output CSV file, passes
     * @throws Exception if a pass fails
     */
    public static void main(String[] args) throws Exception {
        if (args.length != 5 || !DuckJob.QUERIES.containsKey(args[1])) {
            System.err.println("usage: WarmRuns conveyor|duckdb j1|j2|j3|j4 DATA_DIR OUT_CSV PASSES");
            System.exit(2);
        }
        String job = args[1];
        Path data = Path.of(args[2]).toAbsolutePath();
        Path out = Path.of(args[3]).toAbsolutePath();
        int passes = Integer.parseInt(args[4]);
        Pass pass = args[0].equals("duckdb") ? duckdb(job, data, out) : conveyor(job, data, out);
        com.sun.management.OperatingSystemMXBean os =
                (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        for (int p = 1; p <= passes; p++) {
            long cpu = os.getProcessCpuTime();
            long wall = System.nanoTime();
            pass.run();
            System.out.printf("pass %d %.1f %.1f%n", p, (System.nanoTime() - wall) / 1e6,
                    (os.getProcessCpuTime() - cpu) / 1e6);
        }
    }

    /** One run of the job. */
    private interface Pass {
        void run() throws Exception;
    }

    private static Pass duckdb(String job, Path data, Path out) throws Exception {
        Connection c = DriverManager.getConnection("jdbc:duckdb:");
        String copy = DuckJob.copyStatement(job, data, out);
        return () -> {
            try (Statement s = c.createStatement()) {
                s.execute(copy);
            }
        };
    }

    @SuppressWarnings("unchecked")
    private static Pass conveyor(String job, Path data, Path out) throws Exception {
        ClassLoader loader = WarmRuns.class.getClassLoader();
        String engine = "io.conveyor.engine.internal.";
        Class<?> builtins = Class.forName(engine + "stages.BuiltinStages");
        Class<?> plugins = Class.forName(engine + "plugins.PluginLoader");
        Class<?> logClass = Class.forName(engine + "log.Log");
        Class<?> level = Class.forName(engine + "log.LogLevel");
        Class<?> engineClass = Class.forName(engine + "ConveyorEngine");
        Object noPlugins = Proxy.newProxyInstance(loader, new Class<?>[] {plugins}, (proxy, method, a) ->
                switch (method.getName()) {
                    case "load" -> "a warm run loads no plugins";
                    case "stages", "plugins" -> List.of();
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == a[0];
                    case "toString" -> "no plugins";
                    default -> null;
                });
        Object log = logClass.getConstructor(PrintStream.class, level)
                .newInstance(System.err, Enum.valueOf(level.asSubclass(Enum.class), "WARN"));
        Object conveyor = engineClass.getConstructor(builtins, plugins, logClass, Map.class)
                .newInstance(builtins.getMethod("standard").invoke(null), noPlugins, log, Map.of());
        Consumer<List<Path>> pluginDirs = dirs -> { };
        Function<String[], Integer> cli = (Function<String[], Integer>) Class.forName(engine + "cli.Cli")
                .getConstructor(engineClass, Consumer.class, logClass, String.class, PrintStream.class, PrintStream.class)
                .newInstance(conveyor, pluginDirs, log, "bench", System.out, System.err);
        String pipeline = Path.of(System.getProperty("bench.jobs", "bench/jobs"), job + ".toml").toString();
        String[] command = {"run", pipeline, "--quiet", "--var", "data=" + data, "--var", "out=" + out};
        return () -> {
            Integer status = cli.apply(command);
            if (status == null || status != 0) {
                throw new IllegalStateException("conveyor run " + pipeline + " exited with " + status);
            }
        };
    }
}
