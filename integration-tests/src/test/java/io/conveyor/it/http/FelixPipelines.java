package io.conveyor.it.http;

import io.conveyor.api.RunResult;
import io.conveyor.engine.internal.config.CompiledPipeline;
import io.conveyor.engine.internal.config.PipelineCompiler;
import io.conveyor.engine.internal.exec.PipelineExecutor;
import io.conveyor.engine.internal.exec.RunControl;
import io.conveyor.engine.internal.stages.BuiltinStages;
import io.conveyor.it.support.CapturingLog;
import io.conveyor.it.support.ItPaths;
import io.conveyor.it.support.PluginTestBed;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Runs pipeline files in this JVM the way {@code conveyor run} does: the real compiler and
 * executor, on a real Felix whose plugin manager searches the product's plugin folders
 * ({@code target/bundles/plugins}), so {@code plugins = ["http"]} installs the real http
 * bundle, its slf4j libraries and SCR. One instance serves a whole test class: loading the
 * plugin once keeps the suite fast.
 *
 * <p>The http bundle imports {@code com.fasterxml.jackson.core}; as in the product, the
 * plugin manager installs it from the plugin's own folder (the engine keeps its Jackson private).
 */
final class FelixPipelines implements AutoCloseable {
    private final PluginTestBed bed;

    private FelixPipelines(PluginTestBed bed) {
        this.bed = bed;
    }

    /** @return a started framework whose plugin manager finds the real plugins */
    static FelixPipelines start() throws Exception {
        PluginTestBed bed = PluginTestBed.start();
        try {
            bed.manager().setPluginDirs(List.of(ItPaths.realPlugins()));
            return new FelixPipelines(bed);
        } catch (Exception e) {
            bed.close();
            throw e;
        }
    }

    /** @return every line the engine and the plugin logged so far, in every run */
    CapturingLog log() {
        return bed.log();
    }

    /**
     * Writes {@code pipeline.toml} into {@code dir} and compiles it.
     *
     * @param environment what {@code ${NAME}} reads from the environment
     */
    CompiledPipeline compile(Path dir, String toml, Map<String, String> environment) throws Exception {
        Path file = dir.resolve("pipeline.toml");
        Files.writeString(file, toml);
        return new PipelineCompiler(BuiltinStages.standard(), bed.manager(), environment).compile(file, Map.of());
    }

    /** Compiles (with an empty environment) and runs a pipeline written into {@code dir}. */
    RunResult run(Path dir, String toml) throws Exception {
        return run(dir, toml, Map.of());
    }

    /** Compiles and runs a pipeline written into {@code dir}. */
    RunResult run(Path dir, String toml, Map<String, String> environment) throws Exception {
        CompiledPipeline compiled = compile(dir, toml, environment);
        return new PipelineExecutor(bed.manager(), bed.log().log()).run(compiled, new RunControl());
    }

    @Override
    public void close() throws Exception {
        bed.close();
    }
}
