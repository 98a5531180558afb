package io.conveyor.it.plugins;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.conveyor.api.RunResult;
import io.conveyor.api.RunStatus;
import io.conveyor.api.StageStatus;
import io.conveyor.engine.internal.config.CompiledPipeline;
import io.conveyor.engine.internal.config.PipelineCompiler;
import io.conveyor.engine.internal.exec.PipelineExecutor;
import io.conveyor.engine.internal.exec.RunControl;
import io.conveyor.engine.internal.stages.BuiltinStages;
import io.conveyor.it.fixtures.Fixtures;
import io.conveyor.it.support.ItPaths;
import io.conveyor.it.support.PluginTestBed;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.osgi.framework.Bundle;

/**
 * A plugin whose stage throws an {@code Error} while a pipeline runs: the stage fails,
 * the plugin's bundle is stopped so nothing calls into it again, an independent branch of
 * the same pipeline completes, and the host runs the next pipeline as if nothing happened.
 */
class RuntimeFaultIsolationTest {

    @Test
    void aCrashingPluginStageIsStoppedWhileTheRestOfTheHostGoesOn() throws Exception {
        try (PluginTestBed bed = PluginTestBed.start()) {
            Fixtures.crashy(bed.pluginDir());
            Path work = ItPaths.newWorkDir("isolation");
            Files.writeString(work.resolve("in.csv"), "id,name\n1,a\n2,b\n3,c\n");
            Path pipeline = work.resolve("pipeline.toml");
            Files.writeString(pipeline, """
                    [pipeline]
                    name = "isolation"

                    [global]
                    plugins = ["crashy"]

                    [error_handling]
                    strategy = "continue"

                    [[stages]]
                    id = "boom"
                    type = "plugin.crashy.boom"

                    [[stages]]
                    id = "boom_out"
                    type = "sink.json"
                    inputs = ["boom"]
                    [stages.config]
                    path = "boom.json"

                    [[stages]]
                    id = "rows"
                    type = "source.csv"
                    [stages.config]
                    path = "in.csv"

                    [[stages]]
                    id = "rows_out"
                    type = "sink.csv"
                    inputs = ["rows"]
                    [stages.config]
                    path = "out.csv"
                    """);

            PipelineCompiler compiler = new PipelineCompiler(BuiltinStages.standard(), bed.manager(), Map.of());
            PipelineExecutor executor = new PipelineExecutor(bed.manager(), bed.log().log());
            CompiledPipeline compiled = compiler.compile(pipeline, Map.of());
            RunResult result = executor.run(compiled, new RunControl());

            assertEquals(RunStatus.FAILED, result.status());
            assertEquals(StageStatus.FAILED, result.stage("boom").status());
            assertEquals("Plugin 'crashy' failed in stage 'boom': AssertionError: stream corrupted",
                    result.stage("boom").error());
            assertEquals(StageStatus.SKIPPED, result.stage("boom_out").status());
            assertEquals(StageStatus.SUCCEEDED, result.stage("rows_out").status());
            assertEquals("id,name\n1,a\n2,b\n3,c\n", Files.readString(work.resolve("out.csv")));
            assertTrue(Files.notExists(work.resolve("boom.json")), "a skipped sink writes nothing");

            Bundle crashy = bed.felix().bundle("fixture.crashy");
            assertEquals(Bundle.RESOLVED, crashy.getState(), "the crashing plugin's bundle is stopped");
            assertTrue(bed.felix().running());

            assertEquals("Plugin 'crashy' was stopped after a failure: AssertionError: stream corrupted; "
                    + "restart Conveyor to load it again", bed.manager().load("crashy"));

            Path next = work.resolve("next.toml");
            Files.writeString(next, """
                    [pipeline]
                    name = "next"

                    [[stages]]
                    id = "rows"
                    type = "source.csv"
                    [stages.config]
                    path = "in.csv"

                    [[stages]]
                    id = "copy"
                    type = "sink.csv"
                    inputs = ["rows"]
                    [stages.config]
                    path = "copy.csv"
                    """);
            RunResult second = executor.run(compiler.compile(next, Map.of()), new RunControl());
            assertEquals(RunStatus.SUCCEEDED, second.status());
            assertEquals("id,name\n1,a\n2,b\n3,c\n", Files.readString(work.resolve("copy.csv")));
        }
    }
}
