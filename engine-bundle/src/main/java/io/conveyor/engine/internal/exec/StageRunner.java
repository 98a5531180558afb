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
import java.util.concurrent.ThreadLocalRandom;

/**
 * Runs one stage on its own thread: waits until its inputs are ready, opens the stage,
 * pumps batches from its inputs to its output channels, and ends it the right way (commit
 * or abort, close), whatever the stage code throws. Every call into stage code is guarded,
 * so a plugin's {@code Error} fails the stage, never the executor.
 */
final class StageRunner implements Runnable {
    /** What the executor does with a stage failure; see {@link PipelineExecutor}. */
    interface FailureHandler {
        void stageFailed(StageRunner runner, String message);
    }

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
    private volatile boolean pluginFaultSeen;

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

    void addOutput(BatchChannel channel) {
        outputs.add(channel);
    }

    /** @return the strategy that applies to this stage's failures */
    ErrorHandling.Strategy strategy() {
        return stage.onError() != null ? stage.onError() : errorHandling.strategy();
    }

    @Override
    public void run() {
        StageStatus status = StageStatus.SUCCEEDED;
        String message = null;
        try {
            String failedUpstream = awaitInputs();
            if (failedUpstream != null) {
                status = StageStatus.SKIPPED;
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
            status = outcomeOf(t);
            message = status == StageStatus.FAILED ? describe(t) : status == StageStatus.SKIPPED
                    ? skipMessage(failedUpstream()) : null;
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
            failures.stageFailed(this, message);
        } else if (status == StageStatus.SKIPPED) {
            log.warn(stage.id(), "skipped: " + message);
        }
        if (status == StageStatus.FAILED || status == StageStatus.SKIPPED) {
            sendToOutputs(new BatchChannel.Item(null, stage.id()));
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

    private void runSource() throws Exception {
        SourceFactory factory = (SourceFactory) stage.factory();
        long delivered = 0;
        for (int attempt = 0; ; attempt++) {
            BatchStream stream = null;
            try {
                stream = factory.open(stage.config(), context);
                // A retried source starts again from the beginning; rows already sent downstream are skipped.
                long skip = delivered;
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
                    delivered += batch.rowCount();
                }
                close(stream);
                return;
            } catch (StageException e) {
                close(stream);
                if (!e.isTransient() || strategy() != ErrorHandling.Strategy.RETRY
                        || attempt >= errorHandling.maxRetries() || run.isStopping()) {
                    throw e;
                }
                long delayMillis = retryDelayMillis(attempt);
                context.log().warn("transient failure, retry " + (attempt + 1) + " of " + errorHandling.maxRetries()
                        + " in " + delayMillis + " ms: " + e.getMessage());
                pause(delayMillis);
            }
        }
    }

    /** Exponential backoff from {@code retry_delay_seconds}, plus up to 10% jitter so retries of several stages spread. */
    private long retryDelayMillis(int attempt) {
        double base = errorHandling.retryDelaySeconds() * 1000.0 * Math.pow(2, attempt);
        return (long) (base + ThreadLocalRandom.current().nextDouble() * base * 0.1);
    }

    private void pause(long millis) throws InterruptedException {
        permit.release();
        long end = System.currentTimeMillis() + millis;
        while (System.currentTimeMillis() < end) {
            if (run.isStopping()) {
                throw new RunStoppedException();
            }
            Thread.sleep(Math.min(50, Math.max(1, end - System.currentTimeMillis())));
        }
        permit.acquire();
    }

    private void runTransform() throws Exception {
        TransformFactory factory = (TransformFactory) stage.factory();
        BatchStream stream = null;
        try {
            stream = factory.open(stage.config(), List.copyOf(inputs), context);
            RecordBatch batch;
            while ((batch = next(stream)) != null) {
                emit(batch);
            }
        } finally {
            close(stream);
        }
    }

    private void runSink() throws Exception {
        SinkFactory factory = (SinkFactory) stage.factory();
        SinkWriter writer = null;
        boolean committed = false;
        try {
            writer = factory.open(stage.config(), context);
            for (ChannelInput in : inputs) {
                RecordBatch batch;
                while ((batch = in.next()) != null) {
                    writer.write(batch);
                }
            }
            if (run.isStopping()) {
                throw new RunStoppedException();
            }
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
    }

    private RecordBatch next(BatchStream stream) throws Exception {
        if (run.isStopping()) {
            throw new RunStoppedException();
        }
        return stream.next();
    }

    private void emit(RecordBatch batch) {
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
        try {
            c.close();
        } catch (Throwable t) {
            noteCleanupFailure("close", t);
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
