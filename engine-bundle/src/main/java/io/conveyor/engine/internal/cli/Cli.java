package io.conveyor.engine.internal.cli;

import io.conveyor.api.ConveyorApi;
import io.conveyor.api.RunResult;
import io.conveyor.api.RunStatus;
import io.conveyor.engine.internal.ConveyorEngine;
import io.conveyor.engine.internal.config.CompileException;
import io.conveyor.engine.internal.config.CompiledPipeline;
import io.conveyor.engine.internal.config.CompiledStage;
import io.conveyor.engine.internal.config.GlobalSettings;
import io.conveyor.engine.internal.exec.RunControl;
import io.conveyor.engine.internal.log.Log;
import io.conveyor.engine.internal.log.LogLevel;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The {@code conveyor} command line: parses the arguments, runs the command and returns the
 * exit status (0 success, 1 the pipeline failed, 2 usage error or invalid pipeline file, 130
 * interrupted by a signal the launcher reported through {@link #accept(String)}).
 * Registered by the engine as a {@code Function<String[], Integer>} so the launcher can call
 * it with {@code java.*} types only. Never lets a stack trace reach the user unless
 * {@code --log-level debug} asks for it.
 */
public final class Cli implements Function<String[], Integer>, Consumer<String> {
    /** Exit status: success. */
    public static final int OK = 0;
    /** Exit status: the pipeline failed (or an internal error). */
    public static final int FAILED = 1;
    /** Exit status: the command line or the pipeline file is invalid. */
    public static final int USAGE = 2;
    /** Exit status: the run was interrupted by a signal (Ctrl-C), as shells report 128 + SIGINT. */
    public static final int INTERRUPTED = 130;

    private final ConveyorEngine engine;
    private final Consumer<List<Path>> pluginDirs;
    private final Log log;
    private final String version;
    private final PrintStream out;
    private final PrintStream err;
    private final Object inFlightLock = new Object();
    private int inFlight;
    private final Set<RunControl> runs = ConcurrentHashMap.newKeySet();
    private volatile String interruptedBy;
    private volatile BooleanSupplier terminal = () -> System.console() != null;

    /**
     * @param engine compiles and runs pipelines
     * @param pluginDirs sets the {@code --plugin-dir} directories on the plugin manager
     * @param log the engine's log, whose level {@code --log-level} and {@code --quiet} set
     * @param version the engine version shown by {@code --version}
     * @param out standard output (only {@code sink.stdout} and listings write there)
     * @param err standard error (logs, problems, the summary)
     */
    public Cli(ConveyorEngine engine, Consumer<List<Path>> pluginDirs, Log log, String version,
               PrintStream out, PrintStream err) {
        this.engine = engine;
        this.pluginDirs = pluginDirs;
        this.log = log;
        this.version = version;
        this.out = out;
        this.err = err;
    }

    @Override
    public Integer apply(String[] args) {
        // The caller is the launcher's thread: its context class loader sees the launcher's
        // class path, not this bundle's. Libraries that look classes up through it must see ours.
        Thread thread = Thread.currentThread();
        ClassLoader callers = thread.getContextClassLoader();
        thread.setContextClassLoader(Cli.class.getClassLoader());
        synchronized (inFlightLock) {
            inFlight++;
        }
        try {
            return execute(args);
        } finally {
            thread.setContextClassLoader(callers);
            synchronized (inFlightLock) {
                inFlight--;
                inFlightLock.notifyAll();
            }
        }
    }

    /**
     * The launcher reports a signal (Ctrl-C's SIGINT, or SIGTERM): runs in progress are
     * cancelled (sources stop, sinks abort), each prints its summary, and the command returns
     * {@link #INTERRUPTED}. Takes a {@code java.*} type only, as the launcher calls it across
     * the framework boundary.
     *
     * @param signal the signal's name, e.g. {@code SIGINT}
     */
    @Override
    public void accept(String signal) {
        interruptedBy = signal == null ? "a signal" : signal;
        for (RunControl c : runs) {
            c.cancel("interrupted (" + interruptedBy + ")");
        }
    }

    /** @param isTerminal tells whether stderr is a terminal (tests replace {@code System.console() != null}) */
    void setTerminal(BooleanSupplier isTerminal) {
        this.terminal = isTerminal;
    }

    /**
     * Waits for commands in progress to finish, so that a run cancelled by Ctrl-C can still
     * print its summary before the engine bundle (and its class loader) goes away.
     *
     * @param millis the longest wait
     * @return true if no command is running any more
     */
    public boolean awaitIdle(long millis) {
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.MILLISECONDS.toNanos(millis);
        synchronized (inFlightLock) {
            while (inFlight > 0) {
                long left = java.util.concurrent.TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                if (left <= 0) {
                    return false;
                }
                try {
                    inFlightLock.wait(left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            }
            return true;
        }
    }

    private int execute(String[] args) {
        CommandLine cmd = null;
        try {
            cmd = ArgumentParser.parse(args == null ? new String[0] : args);
            return execute(cmd);
        } catch (UsageException e) {
            err.println("conveyor: " + e.getMessage());
            if (e.showUsage()) {
                err.println(HelpText.USAGE);
            }
            return USAGE;
        } catch (Throwable t) {
            if (engine.isClosed()) {
                // Ctrl-C or a framework shutdown stopped the engine under this command; what
                // failed afterwards (a class loader already closed, ...) is a consequence.
                err.println("conveyor: interrupted: the engine was stopped while '" + commandName(cmd) + "' ran");
                return FAILED;
            }
            err.println("conveyor: internal error: " + describe(t));
            if (cmd != null && cmd.showsTraces()) {
                t.printStackTrace(err);
            }
            err.flush();
            return FAILED;
        } finally {
            out.flush();
            err.flush();
        }
    }

    private int execute(CommandLine cmd) throws UsageException {
        switch (cmd.command()) {
            case HELP:
                out.print(HelpText.help());
                return OK;
            case VERSION:
                out.println(HelpText.version(version, ConveyorApi.PLUGIN_API_VERSION));
                return OK;
            default:
                break;
        }
        for (Path dir : cmd.pluginDirs()) {
            if (!Files.isDirectory(dir)) {
                throw new UsageException("plugin directory '" + dir + "' not found", false);
            }
        }
        if (cmd.command().takesFile()) {
            requireFile(cmd.file());
        }
        log.setLevel(cmd.logLevel() != null ? cmd.logLevel() : cmd.quiet() ? LogLevel.WARN : LogLevel.INFO);
        pluginDirs.accept(cmd.pluginDirs());
        return switch (cmd.command()) {
            case PLUGINS -> listPlugins();
            case STAGES -> listStages();
            case VALIDATE -> validate(cmd);
            default -> run(cmd);
        };
    }

    private int listPlugins() {
        out.print(PluginListing.format(engine.plugins().plugins()));
        return OK;
    }

    private int listStages() {
        out.print(StageListing.of(engine.builtins(), engine.plugins()));
        return OK;
    }

    private int validate(CommandLine cmd) {
        try {
            CompiledPipeline p = engine.compile(cmd.file(), cmd.variables());
            out.println(cmd.file() + " is valid: pipeline '" + p.name() + "', " + count(p.stages().size(), "stage"));
            return OK;
        } catch (CompileException e) {
            err.print(ProblemReport.format(cmd.file().toString(), e.problems()));
            return USAGE;
        }
    }

    private int run(CommandLine cmd) {
        CompiledPipeline pipeline;
        try {
            pipeline = engine.compile(cmd.file(), cmd.variables());
        } catch (CompileException e) {
            err.print(ProblemReport.format(cmd.file().toString(), e.problems()));
            return USAGE;
        }
        if (cmd.dryRun()) {
            err.print(dryRunPlan(pipeline));
            return OK;
        }
        LogLevel level = cmd.logLevel() != null ? cmd.logLevel()
                : cmd.quiet() ? LogLevel.WARN : null;
        RunControl control = new RunControl();
        ProgressDisplay progress = cmd.quiet() ? null
                : cmd.progress() || terminal.getAsBoolean() ? ProgressDisplay.terminal(err, log)
                : ProgressDisplay.plain(log, System::nanoTime);
        control.setListener(progress);
        runs.add(control);
        RunResult result;
        try {
            if (interruptedBy != null) {
                // The signal came while the pipeline compiled: the run ends at once, cancelled.
                control.cancel("interrupted (" + interruptedBy + ")");
            }
            result = engine.execute(level == null ? pipeline : withLogLevel(pipeline, level), control);
        } finally {
            runs.remove(control);
            if (progress != null) {
                progress.close();
            }
        }
        int status = result.exitCode();
        if (interruptedBy != null && result.status() == RunStatus.CANCELLED) {
            status = INTERRUPTED;
        }
        if (!cmd.quiet()) {
            err.print(RunSummary.format(result));
        } else if (status != OK) {
            err.println(RunSummary.statusLine(result));
        }
        if (cmd.metricsJson() != null) {
            try {
                MetricsJson.write(result, status, cmd.metricsJson());
            } catch (IOException e) {
                err.println("conveyor: cannot write metrics to '" + cmd.metricsJson() + "': " + describe(e));
                status = Math.max(status, FAILED);
            }
        }
        return status;
    }

    private static String dryRunPlan(CompiledPipeline p) {
        StringBuilder sb = new StringBuilder("Pipeline '").append(p.name()).append("' is valid; dry run, nothing was run.\n");
        sb.append("Plan (").append(count(p.stages().size(), "stage")).append(", in start order):\n");
        TextTable plan = new TextTable("stage", "type", "inputs");
        for (CompiledStage s : p.stages()) {
            plan.row(s.id(), s.type(), s.inputs().isEmpty() ? null : String.join(", ", s.inputs()));
        }
        sb.append(plan.render("  "));
        if (!p.rewrites().isEmpty()) {
            sb.append("Plan rewrites (the results are the same, the work less):\n");
            for (String r : p.rewrites()) {
                sb.append("  - ").append(r).append('\n');
            }
        }
        if (!p.global().plugins().isEmpty()) {
            sb.append("Plugins resolved: ").append(String.join(", ", p.global().plugins())).append('\n');
        }
        return sb.toString();
    }

    /** The log level from the command line wins over {@code [global].log_level}. */
    private static CompiledPipeline withLogLevel(CompiledPipeline p, LogLevel level) {
        GlobalSettings g = p.global();
        GlobalSettings overridden = new GlobalSettings(level, g.plugins(), g.maxParallelTasks(), g.timeoutSeconds(),
                g.variables());
        return new CompiledPipeline(p.name(), p.description(), p.file(), overridden, p.errorHandling(), p.stages(),
                p.masker(), p.rewrites());
    }

    private static void requireFile(Path file) throws UsageException {
        if (!Files.exists(file)) {
            throw new UsageException("pipeline file '" + file + "' not found", false);
        }
        if (!Files.isRegularFile(file)) {
            throw new UsageException("pipeline file '" + file + "' is not a file", false);
        }
    }

    private static String commandName(CommandLine cmd) {
        return cmd == null ? "conveyor" : cmd.command().id();
    }

    private static String count(int n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }

    private static String describe(Throwable t) {
        String m = t.getMessage();
        return m == null || m.isBlank() ? t.getClass().getSimpleName() : m;
    }
}
