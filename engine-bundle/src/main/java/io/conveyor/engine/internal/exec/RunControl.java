package io.conveyor.engine.internal.exec;

import io.conveyor.api.StageResult;
import java.util.List;
import java.util.function.Supplier;

/**
 * The caller's handle on a run: cancel it, follow its progress. Created by the caller before
 * {@link PipelineExecutor#run} and shared with the run; thread-safe.
 */
public final class RunControl {
    private static final String DEFAULT_REASON = "pipeline cancelled";
    private volatile boolean cancelled;
    private volatile String reason = DEFAULT_REASON;
    private volatile RunListener listener = new RunListener() { };
    private volatile java.util.function.Consumer<String> onCancel = reason -> { };
    private volatile Supplier<List<StageResult>> snapshot = List::of;

    public RunControl() {
    }

    /** Asks the run to stop: sources stop, sinks abort; the run ends CANCELLED ("pipeline cancelled"). */
    public void cancel() {
        cancel(DEFAULT_REASON);
    }

    /**
     * Asks the run to stop for a reason, which becomes the run's error.
     *
     * @param reason e.g. {@code interrupted (SIGINT)}
     */
    public void cancel(String reason) {
        this.reason = reason;
        cancelled = true;
        onCancel.accept(reason);
    }

    /** @return true once {@link #cancel()} was called */
    public boolean isCancelled() {
        return cancelled;
    }

    /** @param l receives progress callbacks; null for none */
    public void setListener(RunListener l) {
        this.listener = l == null ? new RunListener() { } : l;
    }

    /** @return the current counters of every stage, in pipeline order (empty before the run starts) */
    public List<StageResult> snapshot() {
        return snapshot.get();
    }

    RunListener listener() {
        return listener;
    }

    /** Connects the control to a starting run; a cancel that came earlier takes effect at once. */
    void attach(java.util.function.Consumer<String> cancelHook, Supplier<List<StageResult>> snapshotSupplier) {
        this.snapshot = snapshotSupplier;
        this.onCancel = cancelHook;
        if (cancelled) {
            cancelHook.accept(reason);
        }
    }
}
