package io.conveyor.engine.internal.config;

import io.conveyor.api.Problem;
import java.util.List;

/** STUB for parallel work: replaced by the real class at merge. */
public final class CompileException extends Exception {
    private static final long serialVersionUID = 1L;

    public List<Problem> problems() {
        throw new UnsupportedOperationException("CompileException is a stub");
    }

    public String pipelineName() {
        throw new UnsupportedOperationException("CompileException is a stub");
    }
}
