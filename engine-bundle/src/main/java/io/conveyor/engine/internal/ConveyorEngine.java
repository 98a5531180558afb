package io.conveyor.engine.internal;

import io.conveyor.api.PipelineEngine;
import io.conveyor.api.PipelineRun;
import io.conveyor.api.Problem;
import io.conveyor.api.RunResult;
import io.conveyor.api.RunStatus;
import io.conveyor.api.ValidationResult;
import io.conveyor.engine.internal.config.CompileException;
import io.conveyor.engine.internal.config.CompiledPipeline;
import io.conveyor.engine.internal.config.PipelineCompiler;
import io.conveyor.engine.internal.exec.PipelineExecutor;
import io.conveyor.engine.internal.exec.RunControl;
import io.conveyor.engine.internal.log.Log;
import io.conveyor.engine.internal.plugins.PluginLoader;
import io.conveyor.engine.internal.stages.BuiltinStages;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The engine behind the {@link PipelineEngine} service and the command line: compiles
 * pipeline files with {@link PipelineCompiler} and runs them with {@link PipelineExecutor}.
 * Runs in progress are tracked so that stopping the engine bundle (or Ctrl-C in the
 * launcher) cancels them instead of leaving them running in a stopped framework.
 */
public final class ConveyorEngine implements PipelineEngine {
    private final BuiltinStages builtins;
    private final PluginLoader plugins;
    private final Log log;
    private final Map<String, String> environment;
    private final Set<RunControl> active = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    /**
     * @param builtins the built-in stages
     * @param plugins loads the plugins a pipeline names
     * @param log the engine's log
     * @param environment what {@code ${NAME}} reads when no variable is set (the process environment)
     */
    public ConveyorEngine(BuiltinStages builtins, PluginLoader plugins, Log log, Map<String, String> environment) {
        this.builtins = builtins;
        this.plugins = plugins;
        this.log = log;
        this.environment = Map.copyOf(environment);
    }

    /** @return the built-in stages */
    public BuiltinStages builtins() {
        return builtins;
    }

    /** @return the plugin loader runs use */
    public PluginLoader plugins() {
        return plugins;
    }

    /**
     * Compiles a pipeline file: every pass, plugins resolved, stage configs validated.
     *
     * @param file the pipeline file
     * @param variables overrides of {@code [global.variables]}
     * @return the compiled pipeline
     * @throws CompileException with every problem found
     */
    public CompiledPipeline compile(Path file, Map<String, String> variables) throws CompileException {
        return compiler().compile(file, variables);
    }

    /**
     * Runs a compiled pipeline to completion, applying its log level and secret masking to
     * the engine's log.
     *
     * @param pipeline what to run
     * @param control lets the caller (or {@link #close()}) cancel the run
     * @return the outcome
     */
    public RunResult execute(CompiledPipeline pipeline, RunControl control) {
        if (closed) {
            return new RunResult(pipeline.name(), RunStatus.CANCELLED, List.of(), List.of(),
                    "the engine is stopping", 0);
        }
        active.add(control);
        try {
            log.setLevel(pipeline.global().logLevel());
            log.setMasker(pipeline.masker());
            return new PipelineExecutor(plugins, log).run(pipeline, control);
        } finally {
            active.remove(control);
        }
    }

    @Override
    public ValidationResult validate(Path file) {
        try {
            CompiledPipeline p = compile(file, Map.of());
            return new ValidationResult(p.name(), List.of());
        } catch (CompileException e) {
            return new ValidationResult(e.pipelineName(), e.problems());
        }
    }

    @Override
    public ValidationResult validate(String toml, String sourceName) {
        try {
            CompiledPipeline p = compiler().compile(toml, sourceName, Path.of("").toAbsolutePath(), Map.of());
            return new ValidationResult(p.name(), List.of());
        } catch (CompileException e) {
            return new ValidationResult(e.pipelineName(), e.problems());
        }
    }

    @Override
    public RunResult run(Path file, Map<String, String> variables) {
        long started = System.nanoTime();
        try {
            return execute(compile(file, variables), new RunControl());
        } catch (CompileException e) {
            return invalid(file, e, started);
        }
    }

    @Override
    public PipelineRun start(Path file, Map<String, String> variables) {
        long started = System.nanoTime();
        CompiledPipeline pipeline;
        try {
            pipeline = compile(file, variables);
        } catch (CompileException e) {
            return new BackgroundRun(e.pipelineName(), new RunControl(),
                    CompletableFuture.completedFuture(invalid(file, e, started)));
        }
        RunControl control = new RunControl();
        CompletableFuture<RunResult> future = new CompletableFuture<>();
        Thread worker = new Thread(() -> {
            try {
                future.complete(execute(pipeline, control));
            } catch (Throwable t) {
                future.completeExceptionally(t);
            }
        }, "conveyor-run-" + pipeline.name());
        worker.setDaemon(true);
        worker.start();
        return new BackgroundRun(pipeline.name(), control, future);
    }

    /** Cancels every run in progress; later runs end at once as cancelled. */
    public void close() {
        closed = true;
        for (RunControl c : active) {
            c.cancel();
        }
    }

    /** @return true once {@link #close()} was called: the engine bundle is stopping */
    public boolean isClosed() {
        return closed;
    }

    private PipelineCompiler compiler() {
        return new PipelineCompiler(builtins, plugins, environment);
    }

    private static RunResult invalid(Path file, CompileException e, long startedNanos) {
        List<Problem> problems = e.problems();
        String error = problems.size() + (problems.size() == 1 ? " problem" : " problems") + " found in " + file;
        return new RunResult(e.pipelineName(), RunStatus.INVALID, List.of(), problems, error,
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startedNanos));
    }

    /** A run started by {@link #start}: a future of its result and its cancellation handle. */
    private static final class BackgroundRun implements PipelineRun {
        private final String name;
        private final RunControl control;
        private final CompletableFuture<RunResult> result;

        BackgroundRun(String name, RunControl control, CompletableFuture<RunResult> result) {
            this.name = name;
            this.control = control;
            this.result = result;
        }

        @Override
        public String pipelineName() {
            return name;
        }

        @Override
        public void cancel() {
            control.cancel();
        }

        @Override
        public RunResult await() throws InterruptedException {
            try {
                return result.get();
            } catch (ExecutionException e) {
                return failed(e.getCause());
            }
        }

        @Override
        public RunResult await(long timeout, TimeUnit unit) throws InterruptedException {
            try {
                return result.get(timeout, unit);
            } catch (TimeoutException e) {
                return null;
            } catch (ExecutionException e) {
                return failed(e.getCause());
            }
        }

        private RunResult failed(Throwable cause) {
            return new RunResult(name, RunStatus.FAILED, List.of(), List.of(),
                    "internal error: " + cause, 0);
        }
    }
}
