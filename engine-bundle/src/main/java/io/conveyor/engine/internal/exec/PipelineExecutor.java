package io.conveyor.engine.internal.exec;

import io.conveyor.api.RunResult;
import io.conveyor.engine.internal.config.CompiledPipeline;
import io.conveyor.engine.internal.log.Log;
import io.conveyor.engine.internal.plugins.PluginLoader;

/** STUB for parallel work: replaced by the real executor at merge. */
public final class PipelineExecutor {
    public PipelineExecutor(PluginLoader plugins, Log log) {
    }

    public RunResult run(CompiledPipeline pipeline, RunControl control) {
        throw new UnsupportedOperationException("PipelineExecutor is a stub");
    }
}
