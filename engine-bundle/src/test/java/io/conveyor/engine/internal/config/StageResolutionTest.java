package io.conveyor.engine.internal.config;

import static io.conveyor.engine.internal.config.FakePluginLoader.module;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.conveyor.api.OptionSpec;
import io.conveyor.api.StageDescriptor;
import io.conveyor.api.StageFactory;
import io.conveyor.api.StageKind;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StageResolutionTest {
    private static final StageFactory HTTP_SOURCE = FakeStages.of(StageDescriptor.builder(StageKind.SOURCE, "http")
            .option(OptionSpec.string("url").required()).build());
    private static final StageFactory HTTP_SINK = FakeStages.of(StageDescriptor.builder(StageKind.SINK, "http")
            .option(OptionSpec.string("url").required()).build());
    private static final StageFactory HTTP_FETCH = FakeStages.of(StageDescriptor.builder(StageKind.TRANSFORM, "fetch")
            .option(OptionSpec.string("url").required()).build());
    private static final StageFactory SINK_ONLY = FakeStages.of(StageDescriptor.builder(StageKind.SINK, "hook")
            .option(OptionSpec.string("url").required()).build());

    private final FakePluginLoader loader = new FakePluginLoader()
            .plugin("http", module("http", "http", HTTP_SOURCE), module("http", "http", HTTP_SINK),
                    module("http", "fetch", HTTP_FETCH))
            .plugin("webhook", module("webhook", "hook", SINK_ONLY))
            .plugin("unused", module("unused", "x", HTTP_SOURCE));
    private final CompilerFixture fx = new CompilerFixture(loader, Map.of());

    private static final String HEAD = """
            [pipeline]
            name = "plugins"
            [global]
            plugins = ["http", "webhook"]
            """;

    @Test
    void pluginNameIsTheSourceWithoutInputsAndTheSinkWithInputs() throws Exception {
        CompiledPipeline p = fx.compile(HEAD + """
                [[stages]]
                id = "read"
                type = "plugin.http"
                config = { url = "http://127.0.0.1:1/in" }
                [[stages]]
                id = "enrich"
                type = "plugin.http.fetch"
                inputs = ["read"]
                config = { url = "http://127.0.0.1:1/item" }
                [[stages]]
                id = "write"
                type = "plugin.http"
                inputs = ["enrich"]
                config = { url = "http://127.0.0.1:1/out" }
                [[stages]]
                id = "notify"
                type = "plugin.webhook"
                inputs = ["enrich"]
                config = { url = "http://127.0.0.1:1/hook" }
                """);
        assertSame(HTTP_SOURCE, p.stage("read").factory());
        assertSame(HTTP_FETCH, p.stage("enrich").factory());
        assertSame(HTTP_SINK, p.stage("write").factory());
        assertSame(SINK_ONLY, p.stage("notify").factory());
        assertEquals("http", p.stage("write").plugin());
        assertEquals(StageKind.SINK, p.stage("write").kind());
        assertEquals(List.of("http", "webhook"), p.global().plugins());
        // Each listed plugin is loaded once; plugins the file does not list are never loaded.
        assertEquals(List.of("http", "webhook"), loader.loads());
    }

    @Test
    void pluginStagesMustBeListedAndResolvable() {
        assertEquals(List.of(
                "p.toml:7:1: stage 'a', key 'type': plugin 'unused' is not listed in [global].plugins; "
                        + "add it: plugins = [\"unused\"]",
                // Not installed at all: listing it would not help; a near installed name would.
                "p.toml:10:1: stage 'b', key 'type': unknown plugin 'htp'; available plugins: http, webhook, unused "
                        + "(did you mean 'plugin.http'?)",
                "p.toml:13:1: stage 'c', key 'type': plugin 'webhook' has no source; its modules are: sink hook "
                        + "(a stage without inputs is a source)",
                "p.toml:16:1: stage 'd', key 'type': plugin 'http' has no module 'fetc'; its modules are: "
                        + "sink http, source http, transform fetch (did you mean 'plugin.http.fetch'?)",
                "p.toml:20:1: stage 'e', key 'type': unknown stage type 'plugin.http.fetch.x' (a type is source.NAME, "
                        + "transform.NAME, sink.NAME, plugin.NAME or plugin.NAME.MODULE; 'conveyor stages' lists them)",
                "p.toml:23:1: stage 'f', key 'type': unknown stage type 'http' (did you mean 'plugin.http'?)"),
                fx.problems(HEAD + """
                        [[stages]]
                        id = "a"
                        type = "plugin.unused"
                        [[stages]]
                        id = "b"
                        type = "plugin.htp"
                        [[stages]]
                        id = "c"
                        type = "plugin.webhook"
                        [[stages]]
                        id = "d"
                        type = "plugin.http.fetc"
                        inputs = ["a"]
                        [[stages]]
                        id = "e"
                        type = "plugin.http.fetch.x"
                        [[stages]]
                        id = "f"
                        type = "http"
                        """));
    }

    @Test
    void aLoaderFailureIsReportedVerbatimAtTheArrayElement() {
        loader.failing("mongodb", "Plugin API version mismatch: plugin=0.2.0, host=0.3.0");
        List<String> problems = fx.problems("""
                [pipeline]
                name = "broken_plugins"
                [global]
                plugins = ["http",
                  "mongodb", "htpp"]
                [[stages]]
                id = "read"
                type = "plugin.mongodb"
                """);
        assertEquals(List.of(
                "p.toml:5:3: key 'global.plugins': Plugin API version mismatch: plugin=0.2.0, host=0.3.0",
                "p.toml:5:14: key 'global.plugins': Plugin 'htpp' not found in plugins directory "
                        + "(searched: /opt/conveyor/plugins); available: http, webhook, unused (did you mean 'http'?)"),
                problems);
        assertEquals(List.of("http", "mongodb", "htpp"), loader.loads());
    }

    @Test
    void aPluginWithSeveralSourcesNeedsTheModuleNamed() {
        loader.plugin("multi", module("multi", "a", HTTP_SOURCE), module("multi", "b", HTTP_SOURCE));
        assertEquals(List.of("p.toml:7:1: stage 's', key 'type': plugin 'multi' has several sources (a, b); "
                        + "name one: type = \"plugin.multi.a\""),
                fx.problems("""
                        [pipeline]
                        name = "m"
                        [global]
                        plugins = ["multi"]
                        [[stages]]
                        id = "s"
                        type = "plugin.multi"
                        """));
    }

    @Test
    void inputCountsAreCheckedAgainstTheDescriptor() {
        assertEquals(List.of(
                "p.toml:10:1: stage 'b', key 'inputs': stage type 'source.json' (source) takes no inputs, found 1; "
                        + "remove inputs",
                "p.toml:15:1: stage 'd', key 'inputs': stage type 'transform.join' (transform) needs 2 inputs, "
                        + "found 1; list the ids of the upstream stages in inputs",
                "p.toml:17:1: stage 'e', key 'inputs': stage type 'sink.csv' (sink) needs at least 1 input, found 0; "
                        + "list the ids of the upstream stages in inputs",
                "p.toml:24:1: stage 'f', key 'inputs': stage type 'transform.filter' (transform) takes 1 input, "
                        + "found 2"),
                fx.problems("""
                        [pipeline]
                        name = "counts"
                        [[stages]]
                        id = "a"
                        type = "source.csv"
                        config = { path = "a.csv" }
                        [[stages]]
                        id = "b"
                        type = "source.json"
                        inputs = ["a"]
                        config = { path = "b.json" }
                        [[stages]]
                        id = "d"
                        type = "transform.join"
                        inputs = ["a"]
                        config = { on = "k" }
                        [[stages]]
                        id = "e"
                        type = "sink.csv"
                        config = { path = "out.csv" }
                        [[stages]]
                        id = "f"
                        type = "transform.filter"
                        inputs = ["a", "b"]
                        config = { expr = "x" }
                        """));
    }

    @Test
    void aPluginListedTwiceIsReportedAndLoadedOnce() {
        assertEquals(List.of("p.toml:4:20: key 'global.plugins': plugin 'http' is listed twice (remove one of them)"),
                fx.problems("""
                        [pipeline]
                        name = "twice"
                        [global]
                        plugins = ["http", "http"]
                        [[stages]]
                        id = "read"
                        type = "plugin.http"
                        config = { url = "http://127.0.0.1:1/" }
                        """));
        assertEquals(List.of("http"), loader.loads());
    }

    @Test
    void aLoaderThatThrowsIsAProblemNotACrash() {
        loader.throwing("webhook", new IllegalStateException("framework stopped"));
        assertEquals(List.of("p.toml:4:20: key 'global.plugins': Plugin 'webhook' failed to load: "
                        + "framework stopped"),
                fx.problems(HEAD + """
                        [[stages]]
                        id = "read"
                        type = "plugin.http"
                        config = { url = "http://127.0.0.1:1/" }
                        """));
    }
}
