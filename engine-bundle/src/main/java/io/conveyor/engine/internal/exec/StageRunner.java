package io.conveyor.engine.internal.exec;

import io.conveyor.api.BatchStream;
import io.conveyor.api.ConfigException;
import io.conveyor.api.RecordBatch;
import io.conveyor.api.SinkFactory;
import io.conveyor.api.SinkWriter;
import io.conveyor.api.SourceFactory;
import io.conveyor.api.StageException;
import io.conveyor.api.StageStatus;
import io.conveyor.api.TransformFactory;
import io.conveyor.engine.internal.config.CompiledStage;
import io.conveyor.engine.internal.config.ErrorHandling;
import io.conveyor.engine.internal.log.Log;
import io.conveyor.engine.internal.log.LogLevel;
import io.conveyor.engine.internal.plugins.PluginLoader;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs one stage on its own thread: waits until its inputs are ready, opens the stage,
 * pumps batches from its inputs to its output channels, and ends it the right way (commit
 * or abort, close), whatever the stage code throws. Every call into stage code is guarded,
 * so a plugin's {@code Error} fails the stage, never the executor.
 */
final class StageRunner implements Runnable {
    /** What the executor does with a stage failure; see {@link PipelineExecutor}. */
    interface FailureHandler {
        /**
         * @param runner the stage
         * @param message the stage's own error (shown against it in the summary)
         * @param runError the same failure as the run's error, naming the stage
         */
        void stageFailed(StageRunner runner, String message, String runError);
    }

    /** Batches per input kept so that a transform or sink can be re-run on the same data. */
    static final int REPLAY_BATCHES = 16;

    private final CompiledStage stage;
    private final StageCounters counters;
    private final RunStageContext context;
    private final Permit permit;
    private final RunState run;
    private final ErrorHandling errorHandling;
    private final PluginLoader plugins;
    private final Log log;
    private final RunListener listener;
    private final FailureHandler failures;
    private final List<BatchChannel> edgesIn = new ArrayList<>();
    private final List<BatchChannel> readFrom = new ArrayList<>();
    private final List<BatchChannel> outputs = new ArrayList<>();
    private final List<ChannelInput> inputs = new ArrayList<>();
    private final RetryPolicy retry;
    private volatile boolean pluginFaultSeen;
    private volatile Thread thread;
    private volatile boolean timedOut;
    private volatile long timedOutAt;

    StageRunner(CompiledStage stage, StageCounters counters, RunStageContext context, Permit permit, RunState run,
                ErrorHandling errorHandling, PluginLoader plugins, Log log, RunListener listener,
                FailureHandler failures) {
        this.stage = stage;
        this.counters = counters;
        this.context = context;
        this.permit = permit;
        this.run = run;
        this.errorHandling = errorHandling;
        this.plugins = plugins;
        this.log = log;
        this.listener = listener;
        this.failures = failures;
        this.retry = new RetryPolicy(strategy(), errorHandling.maxRetries(), errorHandling.retryDelaySeconds());
    }

    CompiledStage stage() {
        return stage;
    }

    StageCounters counters() {
        return counters;
    }

    /**
     * Connects one input slot.
     *
     * @param edge the bounded channel the upstream stage fills
     * @param reading where this stage reads it: the edge itself, or a spill buffer a feeder fills
     */
    void addInput(BatchChannel edge, BatchChannel reading) {
        edgesIn.add(edge);
        if (reading != edge) {
            edgesIn.add(reading);
        }
        readFrom.add(reading);
        inputs.add(new ChannelInput(reading, permit, counters));
    }

    /**
     * @param input which input, in {@code inputs} order
     * @param cutoff drops rows of that input, as the plan says ({@link CompiledStage#inputCutoffs})
     */
    void cutInput(int input, RowCutoff.At cutoff) {
        inputs.get(input).cutBy(cutoff);
    }

    void addOutput(BatchChannel channel) {
        outputs.add(channel);
    }

    /** @return the strategy that applies to this stage's failures */
    ErrorHandling.Strategy strategy() {
        return stage.onError() != null ? stage.onError() : errorHandling.strategy();
    }

    /**
     * Ends the stage because it ran longer than its {@code timeout_seconds}: its loops and
     * waits stop, and its thread is interrupted in case it is blocked in stage code. The stage
     * then fails and the error strategy applies. Called by the executor's monitor.
     */
    void timeOut() {
        if (timedOut) {
            return;
        }
        timedOutAt = System.nanoTime();
        timedOut = true;
        context.cancelStage();
        Thread t = thread;
        if (t != null) {
            t.interrupt();
        }
    }

    /** @return true once {@link #timeOut()} ended the stage */
    boolean timedOut() {
        return timedOut;
    }

    /** @return when the stage was timed out ({@link System#nanoTime()}), or 0 */
    long timedOutAt() {
        return timedOutAt;
    }

    /** @return the message of a stage that timed out */
    String timeoutMessage() {
        return "timed out after " + stage.timeoutSeconds() + " s";
    }

    /** @return true once this stage should stop: the run is stopping or the stage timed out */
    private boolean stopping() {
        return timedOut || run.isStopping();
    }

    @Override
    public void run() {
        thread = Thread.currentThread();
        StageStatus status = StageStatus.SUCCEEDED;
        String message = null;
        String skipCause = null;
        try {
            String failedUpstream = awaitInputs();
            if (failedUpstream != null) {
                status = StageStatus.SKIPPED;
                skipCause = failedUpstream;
                message = skipMessage(failedUpstream);
            } else {
                permit.acquire();
                counters.started();
                notifyStarted();
                switch (stage.kind()) {
                    case SOURCE: runSource(); break;
                    case TRANSFORM: runTransform(); break;
                    default: runSink();
                }
                sendToOutputs(BatchChannel.Item.END);
            }
        } catch (Throwable t) {
            if (timedOut) {
                // Whatever the interrupt made the stage code throw, the cause is the timeout.
                Thread.interrupted();
            }
            status = outcomeOf(t);
            skipCause = status == StageStatus.SKIPPED ? failedUpstream() : null;
            message = status == StageStatus.SKIPPED ? skipMessage(skipCause)
                    : status != StageStatus.FAILED ? null : timedOut ? timeoutMessage() : describe(t);
            if (status == StageStatus.FAILED) {
                log.error(stage.id(), message);
                if (log.isEnabled(LogLevel.DEBUG)) {
                    StringWriter trace = new StringWriter();
                    t.printStackTrace(new PrintWriter(trace));
                    log.debug(stage.id(), trace.toString());
                }
            }
        } finally {
            permit.release();
        }
        if (status == StageStatus.PENDING || (status == StageStatus.CANCELLED && counters.status() == StageStatus.PENDING)) {
            status = StageStatus.PENDING;
        }
        counters.ended(status, message);
        for (BatchChannel in : edgesIn) {
            in.consumerGone();
        }
        if (status == StageStatus.FAILED) {
            failures.stageFailed(this, message, message.startsWith("Plugin '") ? message
                    : "stage '" + stage.id() + "' " + (timedOut ? message : "failed: " + message));
        } else if (status == StageStatus.SKIPPED) {
            log.warn(stage.id(), "skipped: " + message);
        }
        if (status == StageStatus.FAILED || status == StageStatus.SKIPPED) {
            // Stages further down are skipped for the same cause: they name the stage that failed.
            sendToOutputs(new BatchChannel.Item(null, status == StageStatus.SKIPPED ? skipCause : stage.id()));
        }
        notifyFinished();
    }

    private String skipMessage(String upstream) {
        return "upstream stage '" + upstream + "' did not finish";
    }

    /** Waits, holding no permit, until every input has its first batch or its end; null, or the failed upstream. */
    private String awaitInputs() {
        for (BatchChannel c : readFrom) {
            BatchChannel.Item first = c.peek();
            if (first.failedUpstream() != null) {
                return first.failedUpstream();
            }
        }
        return null;
    }

    private String failedUpstream() {
        for (ChannelInput in : inputs) {
            if (in.failedUpstream() != null) {
                return in.failedUpstream();
            }
        }
        return "?";
    }

    /** One try at running the stage; {@link #withRetries} repeats it when the strategy allows. */
    private interface Attempt {
        void run() throws Exception;
    }

    /**
     * Runs the attempt, and again after a transient failure while the retry strategy allows
     * and {@code obstacle} (why this stage cannot be re-run now, or null) does not forbid it.
     * Says in the log why a failure was not retried.
     */
    private void withRetries(Attempt attempt, java.util.function.Supplier<String> obstacle, Runnable rewind)
            throws Exception {
        for (int retries = 0; ; retries++) {
            try {
                attempt.run();
                return;
            } catch (RunStoppedException | UpstreamFailedException e) {
                throw e;
            } catch (Exception e) {
                if (timedOut && strategy() == ErrorHandling.Strategy.RETRY) {
                    log.warn(stage.id(), "not retried: the stage ran past its timeout_seconds, which covers "
                            + "all its attempts");
                }
                if (strategy() != ErrorHandling.Strategy.RETRY || stopping()) {
                    throw e;
                }
                String refusal = retry.refusal(e, retries);
                if (refusal == null) {
                    refusal = obstacle.get();
                }
                if (refusal != null) {
                    log.warn(stage.id(), "not retried: " + refusal);
                    throw e;
                }
                long delayMillis = retry.delayMillis(retries);
                context.log().warn("transient failure, retry " + (retries + 1) + " of " + retry.maxRetries()
                        + " in " + delayMillis + " ms: " + e.getMessage());
                rewind.run();
                pause(delayMillis);
            }
        }
    }

    private void runSource() throws Exception {
        SourceFactory factory = (SourceFactory) stage.factory();
        long[] delivered = {0};
        // A retried source starts again from the beginning; rows already sent downstream are skipped.
        withRetries(() -> {
            BatchStream stream = null;
            try {
                stream = factory.open(stage.config(), context);
                pump(stream, delivered);
            } finally {
                close(stream);
            }
        }, () -> null, () -> { });
    }

    /** Emits every batch of the stream, skipping the first {@code delivered[0]} rows (sent by an earlier attempt). */
    private void pump(BatchStream stream, long[] delivered) throws Exception {
        long skip = delivered[0];
        RecordBatch batch;
        while ((batch = next(stream)) != null) {
            if (skip > 0) {
                if (batch.rowCount() <= skip) {
                    skip -= batch.rowCount();
                    continue;
                }
                batch = batch.slice((int) skip, batch.rowCount());
                skip = 0;
            }
            emit(batch);
            delivered[0] += batch.rowCount();
        }
        context.throwIfRejectFailed();
    }

    /** Waits out a retry delay holding no permit; ends early (cancelled) when the stage or the run stops. */
    private void pause(long millis) throws InterruptedException {
        permit.release();
        long end = System.currentTimeMillis() + millis;
        while (System.currentTimeMillis() < end) {
            if (stopping()) {
                throw new RunStoppedException();
            }
            Thread.sleep(Math.min(50, Math.max(1, end - System.currentTimeMillis())));
        }
        permit.acquire();
    }

    /**
     * A transform is re-run on the same inputs: what it read is replayed from a bounded
     * buffer, and the rows it already emitted are skipped. Once it has read more than the
     * buffer keeps, it is not retried.
     */
    private void runTransform() throws Exception {
        TransformFactory factory = (TransformFactory) stage.factory();
        List<ReplayInput> replay = replayInputs();
        long[] delivered = {0};
        withRetries(() -> {
            BatchStream stream = null;
            try {
                stream = factory.open(stage.config(), List.copyOf(replay), context);
                pump(stream, delivered);
            } finally {
                close(stream);
            }
        }, () -> replayObstacle(replay), () -> replay.forEach(ReplayInput::rewind));
    }

    /**
     * A sink is re-run only while nothing it accepted has been written: a failure in
     * {@code open}, or in the write of its first batch. Its partial output is aborted first.
     * Once a write has gone through, a retry would write those records twice, so it is refused.
     */
    private void runSink() throws Exception {
        SinkFactory factory = (SinkFactory) stage.factory();
        List<ReplayInput> replay = replayInputs();
        int[] written = {0};
        withRetries(() -> {
            written[0] = 0;
            SinkWriter writer = null;
            boolean committed = false;
            try {
                writer = factory.open(stage.config(), context);
                for (ReplayInput in : replay) {
                    RecordBatch batch;
                    while ((batch = in.next()) != null) {
                        if (stopping()) {
                            throw new RunStoppedException();
                        }
                        writer.write(batch);
                        if (written[0]++ == 0) {
                            replay.forEach(ReplayInput::forget);
                        }
                    }
                }
                if (stopping()) {
                    throw new RunStoppedException();
                }
                context.throwIfRejectFailed();
                writer.commit();
                committed = true;
                // A sink's "out" is what it wrote: only known once committed, since a buffering
                // sink may reject records (to the dead-letter queue) when it flushes.
                counters.recordsOut.set(counters.recordsIn.get() - counters.deadLettered.get());
            } finally {
                if (writer != null && !committed) {
                    abort(writer);
                }
                close(writer);
            }
        }, () -> written[0] > 0 ? "the sink had already written " + written[0]
                + (written[0] == 1 ? " batch" : " batches") + ", which a retry would write again"
                : replayObstacle(replay),
                () -> replay.forEach(ReplayInput::rewind));
    }

    private List<ReplayInput> replayInputs() {
        int keep = strategy() == ErrorHandling.Strategy.RETRY && retry.retries() ? REPLAY_BATCHES : 0;
        List<ReplayInput> replay = new ArrayList<>();
        for (ChannelInput in : inputs) {
            replay.add(new ReplayInput(in, keep));
        }
        return replay;
    }

    private static String replayObstacle(List<ReplayInput> replay) {
        for (ReplayInput in : replay) {
            if (!in.canRewind()) {
                return "the stage had read more than the " + REPLAY_BATCHES
                        + " batches per input the engine keeps to replay to a retried stage";
            }
        }
        return null;
    }

    private RecordBatch next(BatchStream stream) throws Exception {
        if (stopping()) {
            throw new RunStoppedException();
        }
        return stream.next();
    }

    private void emit(RecordBatch batch) throws StageException {
        context.throwIfRejectFailed();
        counters.recordsOut.addAndGet(batch.rowCount());
        sendToOutputs(new BatchChannel.Item(batch, null));
    }

    private void sendToOutputs(BatchChannel.Item item) {
        try {
            for (BatchChannel out : outputs) {
                out.put(item, permit);
            }
        } catch (RunStoppedException e) {
            if (item.batch() != null) {
                throw e;
            }
            // The run is stopping: nobody needs the end mark any more.
        }
    }

    private void abort(SinkWriter writer) {
        clearTimeoutInterrupt();
        try {
            writer.abort();
        } catch (Throwable t) {
            noteCleanupFailure("abort", t);
        }
    }

    private void close(AutoCloseable c) {
        if (c == null) {
            return;
        }
        clearTimeoutInterrupt();
        try {
            c.close();
        } catch (Throwable t) {
            noteCleanupFailure("close", t);
        }
    }

    /** A timed-out stage still cleans up (deletes its temporary file, ...): the interrupt must not break that. */
    private void clearTimeoutInterrupt() {
        if (timedOut) {
            Thread.interrupted();
        }
    }

    private void noteCleanupFailure(String what, Throwable t) {
        if (isPluginFault(t)) {
            stopPlugin(t);
        }
        log.warn(stage.id(), context.mask(what + " failed: " + describePlain(t)));
    }

    private StageStatus outcomeOf(Throwable t) {
        if (t instanceof UpstreamFailedException || failedUpstreamSeen()) {
            return StageStatus.SKIPPED;
        }
        if (timedOut) {
            return StageStatus.FAILED;
        }
        if (t instanceof RunStoppedException || run.isStopping()) {
            return StageStatus.CANCELLED;
        }
        return StageStatus.FAILED;
    }

    private boolean failedUpstreamSeen() {
        for (ChannelInput in : inputs) {
            if (in.failedUpstream() != null) {
                return true;
            }
        }
        return false;
    }

    private boolean isPluginFault(Throwable t) {
        return stage.plugin() != null && (t instanceof RuntimeException || t instanceof Error)
                && !(t instanceof RunStoppedException) && !(t instanceof UpstreamFailedException);
    }

    private void stopPlugin(Throwable t) {
        if (pluginFaultSeen) {
            return;
        }
        pluginFaultSeen = true;
        try {
            plugins.stopOnError(stage.plugin(), t);
        } catch (Throwable stopFailure) {
            log.warn(stage.id(), "stopping plugin '" + stage.plugin() + "' failed: " + describePlain(stopFailure));
        }
    }

    /** @return the stage's failure message, masked */
    private String describe(Throwable t) {
        String text;
        if (isPluginFault(t)) {
            stopPlugin(t);
            text = "Plugin '" + stage.plugin() + "' failed in stage '" + stage.id() + "': " + classAndMessage(t);
        } else {
            text = describePlain(t);
        }
        return context.mask(text);
    }

    private static String describePlain(Throwable t) {
        if ((t instanceof StageException || t instanceof ConfigException) && t.getMessage() != null) {
            return t.getMessage();
        }
        return classAndMessage(t);
    }

    private static String classAndMessage(Throwable t) {
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getClass().getSimpleName() + ": " + t.getMessage();
    }

    private void notifyStarted() {
        try {
            listener.stageStarted(stage.id());
        } catch (Throwable ignored) {
            // A display must not break a run.
        }
    }

    private void notifyFinished() {
        try {
            listener.stageFinished(counters.toResult());
        } catch (Throwable ignored) {
            // A display must not break a run.
        }
    }
}
