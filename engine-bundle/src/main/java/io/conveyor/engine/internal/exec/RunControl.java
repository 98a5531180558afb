package io.conveyor.engine.internal.exec;

/** STUB for parallel work: replaced by the real class at merge. */
public final class RunControl {
    public RunControl() {
    }

    public void cancel() {
        throw new UnsupportedOperationException("RunControl is a stub");
    }

    public boolean isCancelled() {
        throw new UnsupportedOperationException("RunControl is a stub");
    }
}
