package io.conveyor.engine.internal.exec;

import io.conveyor.api.RunResult;
import io.conveyor.api.RunStatus;
import io.conveyor.api.StageResult;
import io.conveyor.api.StageStatus;
import io.conveyor.engine.internal.config.CompiledPipeline;
import io.conveyor.engine.internal.config.CompiledStage;
import io.conveyor.engine.internal.config.ErrorHandling;
import io.conveyor.engine.internal.log.Log;
import io.conveyor.engine.internal.plugins.PluginLoader;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Runs a compiled pipeline as a streaming graph: one thread per stage, one bounded queue of
 * batches per edge (a stage feeding several consumers gives each its own queue, so the
 * slowest applies backpressure), {@code max_parallel_tasks} permits held only while a stage
 * computes. A stage with several inputs reads them in {@code inputs} order; feeder threads
 * move each input into a spill buffer of its own, so two inputs that share an ancestor (a
 * diamond) cannot block each other. A spill buffer is bounded like an edge, and grows past
 * that only while the stage waits on another input that shares an upstream stage with it
 * ({@link SpillGate}): inputs from independent sources hold their producers back instead of
 * filling memory; a diamond holds in memory what ordered reading requires.
 *
 * <p>Failures follow the error strategy: {@code stop} cancels every other stage and sinks
 * abort; {@code continue} skips the failed stage's downstream and lets unrelated branches
 * finish; {@code retry} re-runs a stage whose failure is transient (see {@link StageRunner}).
 * A stage's own {@code timeout_seconds} fails just that stage, and its strategy applies. Thread-safe; one
 * executor may run several pipelines, each call on its own threads.
 */
public final class PipelineExecutor {
    /** Batches an edge holds before its producer waits. */
    static final int EDGE_CAPACITY = 4;
    /** How often a run reports progress to its listener. */
    public static final long PROGRESS_MILLIS = 500;
    /**
     * How long stopping stages get to end on their own before they are interrupted. Short:
     * a stage checks for the stop between batches, so only one blocked in I/O needs longer,
     * and a user who pressed Ctrl-C is waiting.
     */
    private static final long STOP_GRACE_MILLIS = 3_000;
    /** How often stage timeouts are checked when a stage has one. */
    private static final long TIMEOUT_CHECK_MILLIS = 50;
    private final PluginLoader plugins;
    private final Log log;

    /**
     * @param plugins told to stop a plugin whose stage threw something unexpected
     * @param log where failures and stage log lines go
     */
    public PipelineExecutor(PluginLoader plugins, Log log) {
        this.plugins = plugins;
        this.log = log;
    }

    /**
     * Runs the pipeline to its end, cancellation or timeout.
     *
     * @param pipeline the compiled pipeline
     * @param control cancellation and progress, shared with the caller
     * @return the outcome with per-stage counters in pipeline order; never throws
     */
    public RunResult run(CompiledPipeline pipeline, RunControl control) {
        long start = System.nanoTime();
        try {
            return new Run(pipeline, control).execute(start);
        } catch (Throwable t) {
            String message = "internal error while running the pipeline: " + t.getClass().getSimpleName()
                    + (t.getMessage() == null ? "" : ": " + t.getMessage());
            log.error(null, message);
            return new RunResult(pipeline == null ? null : pipeline.name(), RunStatus.FAILED, List.of(), List.of(),
                    message, (System.nanoTime() - start) / 1_000_000L);
        }
    }

    /** One execution: its threads, channels and outcome. */
    private final class Run implements StageRunner.FailureHandler {
        private final CompiledPipeline pipeline;
        private final RunControl control;
        private final RunState state = new RunState();
        private final Map<String, StageRunner> runners = new LinkedHashMap<>();
        private final List<String> failures = new ArrayList<>();
        private final DeadLetterQueue deadLetters;

        Run(CompiledPipeline pipeline, RunControl control) {
            this.pipeline = pipeline;
            this.control = control;
            ErrorHandling eh = pipeline.errorHandling();
            this.deadLetters = eh.deadLetterPath() == null ? null : new DeadLetterQueue(eh.deadLetterPath());
        }

        RunResult execute(long start) throws InterruptedException {
            Semaphore permits = new Semaphore(Math.max(1, pipeline.global().maxParallelTasks()));
            // Cut-offs the plan passes upstream: one per publishing stage, shared with the inputs it cuts.
            Map<String, RowCutoff> cutoffs = new HashMap<>();
            // ... and the sources that apply one to their own output, as they build batches.
            Map<String, RowCutoff.At> sourceCutoffs = new HashMap<>();
            for (CompiledStage s : pipeline.stages()) {
                for (CompiledStage.InputCutoff cut : s.inputCutoffs()) {
                    RowCutoff c = cutoffs.computeIfAbsent(cut.from(), id -> new RowCutoff());
                    if (cut.atSource()) {
                        sourceCutoffs.put(s.inputs().get(cut.input()), new RowCutoff.At(c, cut.key()));
                    }
                }
            }
            for (CompiledStage s : pipeline.stages()) {
                StageCounters counters = new StageCounters(s.id(), s.type());
                Permit permit = new Permit(permits, state);
                RunStageContext context = new RunStageContext(s.id(), new StageLog(log, s.id(), pipeline.masker()),
                        counters, deadLetters, pipeline.masker(), state, cutoffs.get(s.id()),
                        sourceCutoffs.get(s.id()));
                runners.put(s.id(), new StageRunner(s, counters, context, permit, state, pipeline.errorHandling(),
                        plugins, log, control.listener(), this));
            }
            List<Thread> feeders = connect();
            for (StageRunner r : runners.values()) {
                for (CompiledStage.InputCutoff cut : r.stage().inputCutoffs()) {
                    // A sort noted for its source's sake already applies its own cut-off to its input.
                    if (!cut.from().equals(r.stage().id())) {
                        r.cutInput(cut.input(), new RowCutoff.At(cutoffs.get(cut.from()), cut.key()));
                    }
                }
            }
            control.attach(reason -> state.stop(RunStatus.CANCELLED, reason), this::snapshot);

            CountDownLatch done = new CountDownLatch(runners.size());
            List<Thread> threads = new ArrayList<>();
            for (StageRunner r : runners.values()) {
                Thread t = new Thread(() -> {
                    try {
                        r.run();
                    } finally {
                        done.countDown();
                    }
                }, "conveyor-stage-" + r.stage().id());
                t.setDaemon(true);
                threads.add(t);
            }
            feeders.forEach(Thread::start);
            threads.forEach(Thread::start);

            awaitEnd(done);
            if (!done.await(STOP_GRACE_MILLIS, TimeUnit.MILLISECONDS)) {
                threads.forEach(Thread::interrupt);
                feeders.forEach(Thread::interrupt);
                done.await(1, TimeUnit.SECONDS);
            }
            closeDeadLetters();
            return result(start);
        }

        /**
         * Waits for every stage, or the timeout, reporting progress meanwhile; a cancel through
         * the control stops the stages, which then end.
         */
        private void awaitEnd(CountDownLatch done) throws InterruptedException {
            long timeout = pipeline.global().timeoutSeconds();
            long start = System.nanoTime();
            long limit = timeout > 0 ? TimeUnit.SECONDS.toNanos(timeout) : Long.MAX_VALUE;
            boolean stageTimeouts = runners.values().stream().anyMatch(r -> r.stage().timeoutSeconds() > 0);
            long step = TimeUnit.MILLISECONDS.toNanos(stageTimeouts ? TIMEOUT_CHECK_MILLIS : PROGRESS_MILLIS);
            long nextProgress = start + TimeUnit.MILLISECONDS.toNanos(PROGRESS_MILLIS);
            while (!done.await(Math.max(1, Math.min(step, limit - (System.nanoTime() - start))), TimeUnit.NANOSECONDS)) {
                if (stageTimeouts) {
                    checkStageTimeouts();
                }
                if (state.isStopping()) {
                    // Cancelled or failed: the stages are told; a stage blocked in I/O gets the
                    // grace period and then an interrupt instead of holding the run open.
                    return;
                }
                if (System.nanoTime() - start >= limit) {
                    state.stop(RunStatus.CANCELLED, "pipeline timed out after " + timeout + " s");
                    return;
                }
                if (System.nanoTime() - nextProgress >= 0) {
                    nextProgress += TimeUnit.MILLISECONDS.toNanos(PROGRESS_MILLIS);
                    try {
                        control.listener().progress(snapshot());
                    } catch (Throwable ignored) {
                        // A display must not break a run.
                    }
                }
            }
        }

        /**
         * Times out each running stage past its own {@code timeout_seconds}. A timed-out stage
         * that still has not ended after the grace period (stage code that ignores interrupts)
         * stops the whole run, so that no strategy can leave the run waiting for it for ever.
         */
        private void checkStageTimeouts() {
            long now = System.nanoTime();
            for (StageRunner r : runners.values()) {
                long limitSeconds = r.stage().timeoutSeconds();
                long started = r.counters().startNanos();
                if (limitSeconds <= 0 || started == 0 || r.counters().status() != StageStatus.RUNNING) {
                    continue;
                }
                if (!r.timedOut() && now - started >= TimeUnit.SECONDS.toNanos(limitSeconds)) {
                    r.timeOut();
                } else if (r.timedOut() && now - r.timedOutAt() >= TimeUnit.MILLISECONDS.toNanos(STOP_GRACE_MILLIS)) {
                    state.stop(RunStatus.FAILED, "stage '" + r.stage().id() + "' " + r.timeoutMessage()
                            + " and did not stop");
                }
            }
        }

        /** Creates a bounded channel per edge, and for multi-input stages a spill buffer with its feeder. */
        private List<Thread> connect() {
            List<Thread> feeders = new ArrayList<>();
            Map<String, Set<String>> upstream = new HashMap<>();
            for (StageRunner consumer : runners.values()) {
                List<String> inputs = consumer.stage().inputs();
                SpillGate gate = inputs.size() > 1 ? new SpillGate(sharedAncestry(inputs, upstream)) : null;
                for (int i = 0; i < inputs.size(); i++) {
                    StageRunner producer = runners.get(inputs.get(i));
                    if (producer == null) {
                        throw new IllegalStateException("stage '" + consumer.stage().id() + "' reads unknown stage '"
                                + inputs.get(i) + "'");
                    }
                    BatchChannel edge = new BatchChannel(EDGE_CAPACITY, state);
                    producer.addOutput(edge);
                    if (inputs.size() == 1) {
                        consumer.addInput(edge, edge);
                    } else {
                        BatchChannel spill = gate.newSpill(i, state);
                        consumer.addInput(edge, spill);
                        feeders.add(feeder(edge, spill, consumer.stage().id() + "-" + i));
                    }
                }
            }
            return feeders;
        }

        /** @return for each pair of input slots, whether the stages they read have an upstream stage in common */
        private boolean[][] sharedAncestry(List<String> inputs, Map<String, Set<String>> upstream) {
            boolean[][] shared = new boolean[inputs.size()][inputs.size()];
            for (int i = 0; i < inputs.size(); i++) {
                for (int j = 0; j < inputs.size(); j++) {
                    Set<String> a = upstreamOf(inputs.get(i), upstream);
                    shared[i][j] = i != j && upstreamOf(inputs.get(j), upstream).stream().anyMatch(a::contains);
                }
            }
            return shared;
        }

        /** @return the stage {@code id} and every stage upstream of it */
        private Set<String> upstreamOf(String id, Map<String, Set<String>> memo) {
            Set<String> known = memo.get(id);
            if (known != null) {
                return known;
            }
            Set<String> all = new HashSet<>();
            all.add(id);
            StageRunner r = runners.get(id);
            if (r != null) {
                for (String in : r.stage().inputs()) {
                    all.addAll(upstreamOf(in, memo));
                }
            }
            memo.put(id, all);
            return all;
        }

        private Thread feeder(BatchChannel edge, BatchChannel spill, String name) {
            Thread t = new Thread(() -> {
                try {
                    BatchChannel.Item item;
                    do {
                        item = edge.take(null);
                        spill.put(item, null);
                    } while (item.batch() != null);
                } catch (RunStoppedException e) {
                    // The run is stopping; the stage reading the spill ends too.
                }
            }, "conveyor-feed-" + name);
            t.setDaemon(true);
            return t;
        }

        @Override
        public void stageFailed(StageRunner runner, String message, String runError) {
            synchronized (failures) {
                failures.add(runError);
            }
            if (runner.strategy() != ErrorHandling.Strategy.CONTINUE) {
                state.stop(RunStatus.FAILED, runError);
            }
        }

        private void closeDeadLetters() {
            if (deadLetters == null) {
                return;
            }
            try {
                deadLetters.close();
            } catch (IOException e) {
                log.warn(null, "closing the dead-letter queue " + deadLetters.path() + " failed: " + e.getMessage());
            }
        }

        private List<StageResult> snapshot() {
            List<StageResult> out = new ArrayList<>();
            for (StageRunner r : runners.values()) {
                out.add(r.counters().toResult());
            }
            return out;
        }

        private RunResult result(long start) {
            List<StageResult> stages = new ArrayList<>();
            for (StageRunner r : runners.values()) {
                StageCounters c = r.counters();
                if (c.status() == StageStatus.RUNNING) {
                    // A stage that ignored the stop and the interrupt: the run ends without it.
                    c.ended(StageStatus.CANCELLED, "did not stop within " + STOP_GRACE_MILLIS / 1000 + " s");
                }
                stages.add(c.toResult());
            }
            RunStatus status;
            String error;
            if (state.endStatus() != null) {
                status = state.endStatus();
                error = state.endReason();
            } else {
                synchronized (failures) {
                    status = failures.isEmpty() ? RunStatus.SUCCEEDED : RunStatus.FAILED;
                    error = failures.isEmpty() ? null : String.join("; ", failures);
                }
            }
            return new RunResult(pipeline.name(), status, stages, List.of(), error,
                    (System.nanoTime() - start) / 1_000_000L);
        }
    }
}
