package io.conveyor.engine.internal.config;

import io.conveyor.engine.internal.plugins.PluginLoader;
import io.conveyor.engine.internal.stages.BuiltinStages;
import java.nio.file.Path;
import java.util.Map;

/** STUB for parallel work: replaced by the real compiler at merge. */
public final class PipelineCompiler {
    public PipelineCompiler(BuiltinStages builtins, PluginLoader plugins, Map<String, String> environment) {
    }

    public CompiledPipeline compile(Path file, Map<String, String> overrides) throws CompileException {
        throw new UnsupportedOperationException("PipelineCompiler is a stub");
    }

    public CompiledPipeline compile(String toml, String sourceName, Path baseDir, Map<String, String> overrides)
            throws CompileException {
        throw new UnsupportedOperationException("PipelineCompiler is a stub");
    }
}
