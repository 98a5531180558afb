package io.conveyor.engine.internal.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.conveyor.api.Problem;
import io.conveyor.engine.internal.log.LogLevel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PipelineCompilerTest {
    private final CompilerFixture fx = new CompilerFixture();

    @Test
    void compilesAFullPipelineWithSettingsAndStagesInTopologicalOrder() throws Exception {
        CompiledPipeline p = fx.compile("""
                [pipeline]
                name = "sales_etl"
                description = "daily sales"

                [global]
                log_level = "debug"
                max_parallel_tasks = 2
                timeout_seconds = 300
                [global.variables]
                region = "eu"
                year = 2026

                [[stages]]
                id = "out"
                type = "sink.csv"
                inputs = ["big"]
                on_error = "continue"
                [stages.config]
                path = "out/${region}.csv"

                [[stages]]
                id = "orders"
                type = "source.csv"
                [stages.config]
                path = "data/orders.csv"

                [[stages]]
                id = "big"
                type = "transform.filter"
                inputs = ["orders"]
                [stages.config]
                expr = "amount > 100"

                [error_handling]
                strategy = "retry"
                max_retries = 5
                retry_delay_seconds = 0.5
                [error_handling.dead_letter_queue]
                enabled = true
                path = "errors/${region}.jsonl"
                """);
        assertEquals("sales_etl", p.name());
        assertEquals("daily sales", p.description());
        assertNull(p.file());
        assertEquals(List.of("orders", "big", "out"), p.stages().stream().map(CompiledStage::id).toList());
        assertEquals(LogLevel.DEBUG, p.global().logLevel());
        assertEquals(2, p.global().maxParallelTasks());
        assertEquals(300, p.global().timeoutSeconds());
        assertEquals(Map.of("region", "eu", "year", "2026"), p.global().variables());
        assertEquals(ErrorHandling.Strategy.RETRY, p.errorHandling().strategy());
        assertEquals(5, p.errorHandling().maxRetries());
        assertEquals(0.5, p.errorHandling().retryDelaySeconds());
        assertEquals(Path.of("/pipelines/errors/eu.jsonl"), p.errorHandling().deadLetterPath());
        CompiledStage out = p.stage("out");
        assertEquals(ErrorHandling.Strategy.CONTINUE, out.onError());
        assertEquals(List.of("big"), out.inputs());
        assertEquals("sink.csv", out.type());
        assertNull(out.plugin());
        assertEquals(Path.of("/pipelines/out/eu.csv"), out.config().getPath("path"));
        assertNull(p.stage("orders").onError());
        assertEquals(",", p.stage("orders").config().getString("delimiter"));
    }

    @Test
    void appliesDefaultsWhenGlobalAndErrorHandlingAreAbsent() throws Exception {
        CompiledPipeline p = fx.compile("""
                [pipeline]
                name = "tiny"
                [[stages]]
                id = "in"
                type = "source.csv"
                config = { path = "a.csv" }
                """);
        assertEquals(LogLevel.INFO, p.global().logLevel());
        assertEquals(4, p.global().maxParallelTasks());
        assertEquals(0, p.global().timeoutSeconds());
        assertEquals(List.of(), p.global().plugins());
        assertEquals(ErrorHandling.Strategy.STOP, p.errorHandling().strategy());
        assertEquals(3, p.errorHandling().maxRetries());
        assertEquals(5.0, p.errorHandling().retryDelaySeconds());
        assertNull(p.errorHandling().deadLetterPath());
    }

    @Test
    void reportsEveryMistakeOfABrokenFileAtOnceInFileOrder() {
        CompileException e = fx.failure("""
                [pipeline]
                nam = "broken"

                [global]
                max_parallel_tasks = "four"
                log_level = "verbos"

                [[stages]]
                id = "orders"
                type = "source.csv"
                [stages.config]
                path = "orders.csv"
                delimter = ";"

                [[stages]]
                id = "clean"
                type = "transform.filtr"
                inputs = ["ordrs"]

                [[stages]]
                id = "orders"
                type = "sink.stdout"
                inputs = ["clean"]
                [stages.config]
                format = "yaml"

                [error_handling]
                strategy = "ignore"
                """);
        assertEquals(List.of(
                "p.toml:1:1: key 'pipeline.name': missing required key 'name'",
                "p.toml:2:1: key 'pipeline.nam': unknown key 'nam' (did you mean 'name'?)",
                "p.toml:5:1: key 'global.max_parallel_tasks': expected an integer, found a string",
                "p.toml:6:1: key 'global.log_level': unknown value 'verbos'; use one of: trace, debug, info, warn, error",
                "p.toml:13:1: stage 'orders', key 'config.delimter': unknown key 'delimter' for stage type "
                        + "'source.csv' (did you mean 'delimiter'?)",
                "p.toml:17:1: stage 'clean', key 'type': unknown stage type 'transform.filtr' "
                        + "(did you mean 'transform.filter'?)",
                "p.toml:18:11: stage 'clean', key 'inputs': unknown input 'ordrs'; no stage has this id "
                        + "(did you mean 'orders'?)",
                "p.toml:21:1: stage 'orders', key 'id': duplicate stage id 'orders' (first defined at line 9) "
                        + "(give each stage its own id)",
                "p.toml:25:1: stage 'orders', key 'config.format': value 'yaml' is not allowed; "
                        + "use one of: table, json, jsonl, csv",
                "p.toml:28:1: key 'error_handling.strategy': unknown value 'ignore'; use one of: stop, continue, retry"),
                e.problems().stream().map(Problem::toString).toList());
        assertNull(e.pipelineName());
        assertEquals(e.problems(), e.toValidationResult().problems());
        assertEquals(String.join("\n", e.problems().stream().map(Problem::toString).toList()), e.getMessage());
        Problem first = e.problems().get(6);
        assertEquals("p.toml", first.file());
        assertEquals(18, first.line());
        assertEquals(11, first.column());
        assertEquals("clean", first.stageId());
        assertEquals("inputs", first.key());
        assertEquals("did you mean 'orders'?", first.hint());
    }

    @Test
    void syntaxErrorsStopCompilationWithTheirPositionsInFileOrder() {
        assertEquals(List.of(
                "p.toml:3:1: syntax error: name previously defined at line 2, column 1",
                "p.toml:6:1: syntax error: Unexpected end of input, expected ] or a value; "
                        + "the array opened at line 5, column 11 is unclosed"),
                fx.problems("""
                        [pipeline]
                        name = "a"
                        name = "b"
                        [global]
                        plugins = [
                        """));
    }

    @Test
    void unknownKeysAndWrongTypesAreReportedEverywhere() {
        assertEquals(List.of(
                "p.toml:1:1: key 'pipline': unknown key 'pipline' (did you mean 'pipeline'?)",
                "p.toml:3:1: key 'global.plugin': unknown key 'plugin' (did you mean 'plugins'?)",
                "p.toml:4:1: key 'global.timeout_seconds': must be at least 0, found -1",
                "p.toml:5:1: key 'global.max_parallel_tasks': must be at least 1, found 0",
                "p.toml:7:1: key 'global.variables.list': expected a string, number or boolean, found an array",
                "p.toml:9:1: stage 'a', key 'input': unknown key 'input' (did you mean 'inputs'?)",
                "p.toml:10:1: stage 'a', key 'type': expected a string, found an integer",
                "p.toml:11:1: stage 'a', key 'on_error': unknown value 'retyr'; use one of: stop, continue, retry "
                        + "(did you mean 'retry'?)",
                "p.toml:13:1: stage 'Bad Id', key 'type': missing required key 'type'",
                "p.toml:14:1: stage 'Bad Id', key 'id': invalid stage id 'Bad Id'; use lower-case letters, digits, "
                        + "'_' and '-' (for example 'bad_id')",
                "p.toml:15:16: stage 'Bad Id', key 'inputs': expected a string, found an integer",
                "p.toml:17:1: key 'error_handling.retry_delay_seconds': expected a number, found a boolean",
                "p.toml:18:1: key 'error_handling.dead_letter_queue': expected a table, found a string",
                "p.toml:19:1: key 'error_handling.extra': unknown key 'extra' "
                        + "(known keys: strategy, max_retries, retry_delay_seconds, dead_letter_queue)"),
                fx.problems("""
                        [pipline]
                        [global]
                        plugin = ["http"]
                        timeout_seconds = -1
                        max_parallel_tasks = 0
                        [global.variables]
                        list = [1]
                        [[stages]]
                        input = []
                        type = 1
                        on_error = "retyr"
                        id = "a"
                        [[stages]]
                        id = "Bad Id"
                        inputs = ["a", 2]
                        [error_handling]
                        retry_delay_seconds = true
                        dead_letter_queue = "x"
                        extra = 1
                        """));
    }

    @Test
    void missingPipelineAndStagesAreReported() {
        assertEquals(List.of(
                "p.toml: key 'pipeline': missing [pipeline] table; add one with a name: [pipeline] name = \"my_pipeline\"",
                "p.toml: key 'stages': the pipeline has no stages; add a [[stages]] table with an id and a type"),
                fx.problems("[global]\nlog_level = \"info\"\n"));
    }

    @Test
    void deadLetterQueueEnabledWithoutPathIsAnError() {
        assertEquals(List.of("p.toml:8:1: key 'error_handling.dead_letter_queue.enabled': the dead-letter queue is "
                        + "enabled but has no path; add path = \"errors/failed_records.jsonl\""),
                fx.problems("""
                        [pipeline]
                        name = "x"
                        [[stages]]
                        id = "in"
                        type = "source.csv"
                        config = { path = "a.csv" }
                        [error_handling.dead_letter_queue]
                        enabled = true
                        """));
    }

    @Test
    void compilesAFileResolvingPathsAgainstItsDirectory(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("jobs").resolve("etl.toml");
        Files.createDirectories(file.getParent());
        Files.writeString(file, """
                [pipeline]
                name = "from_file"
                [[stages]]
                id = "in"
                type = "source.csv"
                [stages.config]
                path = "../data/in.csv"
                [error_handling.dead_letter_queue]
                path = "dlq.jsonl"
                """);
        CompiledPipeline p = new PipelineCompiler(fx.builtins, fx.loader, Map.of()).compile(file, Map.of());
        assertEquals(file, p.file());
        assertEquals(dir.resolve("data/in.csv").toAbsolutePath(), p.stage("in").config().getPath("path"));
        assertEquals(dir.resolve("jobs/dlq.jsonl").toAbsolutePath(), p.errorHandling().deadLetterPath());
    }

    @Test
    void aMissingFileOrADirectoryIsAProblemNamingThePathAsGiven(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("nope.toml");
        CompileException e = org.junit.jupiter.api.Assertions.assertThrows(CompileException.class,
                () -> new PipelineCompiler(fx.builtins, fx.loader, Map.of()).compile(file, Map.of()));
        assertEquals(file + ": pipeline file not found; check the path", e.getMessage());
        CompileException dirProblem = org.junit.jupiter.api.Assertions.assertThrows(CompileException.class,
                () -> new PipelineCompiler(fx.builtins, fx.loader, Map.of()).compile(dir, Map.of()));
        assertEquals(dir + ": is a directory, not a pipeline file; name the .toml file", dirProblem.getMessage());
    }

    @Test
    void graphMistakesAreReportedWithTheCycleAsAChain() {
        assertEquals(List.of(
                "p.toml:9:1: stage 'a', key 'inputs': cycle: a -> b -> c -> a "
                        + "(a pipeline must be acyclic; remove one of these inputs)",
                "p.toml:22:11: stage 'self', key 'inputs': a stage cannot read its own output; "
                        + "remove 'self' from inputs",
                "p.toml:22:19: stage 'self', key 'inputs': unknown input 'nowhere'; no stage has this id "
                        + "(stage ids are: src, a, b, c, self)"),
                fx.problems("""
                        [pipeline]
                        name = "loops"
                        [[stages]]
                        id = "src"
                        type = "source.csv"
                        config = { path = "in.csv" }
                        [[stages]]
                        id = "a"
                        inputs = ["src", "c"]
                        type = "transform.union"
                        [[stages]]
                        id = "b"
                        type = "transform.union"
                        inputs = ["a"]
                        [[stages]]
                        id = "c"
                        type = "transform.union"
                        inputs = ["b"]
                        [[stages]]
                        id = "self"
                        type = "transform.union"
                        inputs = ["self", "nowhere"]
                        """));
    }
}
