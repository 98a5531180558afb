package io.conveyor.engine.internal.config;

import static io.conveyor.engine.internal.config.FakePluginLoader.module;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.conveyor.api.ConfigException;
import io.conveyor.api.OptionSpec;
import io.conveyor.api.OptionType;
import io.conveyor.api.Problem;
import io.conveyor.api.StageConfig;
import io.conveyor.api.StageDescriptor;
import io.conveyor.api.StageFactory;
import io.conveyor.api.StageKind;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConfigBindingTest {
    private static final StageDescriptor HTTP = StageDescriptor.builder(StageKind.SOURCE, "http")
            .option(OptionSpec.string("url").required().describe("the URL to read"),
                    OptionSpec.string("method").allowed("GET", "POST", "PUT").defaultValue("GET"),
                    OptionSpec.number("timeout").defaultValue(30L),
                    OptionSpec.table("headers"),
                    OptionSpec.of("query", OptionType.STRING_OR_TABLE),
                    OptionSpec.of("fields", OptionType.STRING_OR_ARRAY).allowed("id", "name", "email"),
                    OptionSpec.integer("batch_size").defaultValue(100),
                    OptionSpec.bool("follow"),
                    OptionSpec.string("output"))
            .build();

    private final FakePluginLoader loader = new FakePluginLoader();
    private final CompilerFixture fx = new CompilerFixture(loader, Map.of("TOKEN", "hunter2-secret"));

    private void plugin(StageFactory factory) {
        loader.plugin("http", module("http", "http", factory));
    }

    private static String pipeline(String config) {
        return """
                [pipeline]
                name = "bind"
                [global]
                plugins = ["http"]
                [[stages]]
                id = "api"
                type = "plugin.http"
                [stages.config]
                """ + config;
    }

    @Test
    void checksKeysTypesAllowedValuesAndRequiredKeys() {
        plugin(FakeStages.of(HTTP));
        assertEquals(List.of(
                "p.toml:8:1: stage 'api', key 'config.url': missing required key 'url' (url: the URL to read)",
                "p.toml:9:1: stage 'api', key 'config.methd': unknown key 'methd' for stage type 'plugin.http' "
                        + "(did you mean 'method'?)",
                "p.toml:10:1: stage 'api', key 'config.timeout': expected a number, found a string",
                "p.toml:11:1: stage 'api', key 'config.query': expected a string or a table, found an integer",
                "p.toml:12:17: stage 'api', key 'config.fields[1]': expected a string, found an integer",
                "p.toml:12:20: stage 'api', key 'config.fields[2]': value 'nme' is not allowed; "
                        + "use one of: id, name, email (did you mean 'name'?)",
                "p.toml:13:1: stage 'api', key 'config.follow': expected a boolean, found a date",
                "p.toml:14:1: stage 'api', key 'config.database': unknown key 'database' for stage type "
                        + "'plugin.http' (its options are: url, method, timeout, headers, query, fields, batch_size, "
                        + "follow, output)",
                "p.toml:15:1: stage 'api', key 'config.batch_size': expected an integer, found a number",
                "p.toml:16:1: stage 'api', key 'config.method': value 'get' is not allowed; "
                        + "use one of: GET, POST, PUT (did you mean 'GET'?)"),
                fx.problems(pipeline("""
                        methd = "GET"
                        timeout = "30"
                        query = 5
                        fields = ["id", 2, "nme"]
                        follow = 2026-01-01
                        database = "x"
                        batch_size = 1.5
                        method = "get"
                        """)));
    }

    @Test
    void acceptsEveryShapeTheOptionTypesAllowAndAppliesDefaults() throws Exception {
        plugin(FakeStages.of(HTTP));
        StageConfig c = fx.compile(pipeline("""
                url = "http://127.0.0.1:8080/x"
                timeout = 5
                query = { status = "open", tags = ["a", "b"] }
                fields = "email"
                output = "out/data.json"
                [stages.config.headers]
                Accept = "application/json"
                """)).stage("api").config();
        assertEquals("api", c.stageId());
        assertEquals("plugin.http", c.stageType());
        assertEquals(List.of("url", "timeout", "query", "fields", "output", "headers"), List.copyOf(c.keys()));
        assertEquals("GET", c.getString("method"));
        assertEquals("GET", c.get("method"));
        assertFalse(c.has("method"));
        assertEquals(5.0, c.getDouble("timeout", 1));
        // Values have the Java type of their option: integers written for a number option are doubles,
        // an Integer default of an integer option is a Long.
        assertEquals(5.0, c.get("timeout"));
        assertEquals(100L, c.get("batch_size"));
        assertEquals(100, c.getLong("batch_size"));
        assertEquals(7, c.getLong("missing_and_undeclared", 7));
        assertFalse(c.getBool("follow", false));
        assertEquals(Map.of("status", "open", "tags", List.of("a", "b")), c.get("query"));
        assertEquals(List.of("email"), c.getStringList("fields"));
        assertEquals(Map.of("Accept", "application/json"), c.getTable("headers"));
        assertEquals(Path.of("/pipelines/out/data.json"), c.getPath("output"));
        assertEquals(List.of(), c.getList("nothing"));
        assertThrows(UnsupportedOperationException.class, () -> c.asMap().put("x", 1));
        assertThrows(UnsupportedOperationException.class, () -> c.getTable("headers").put("x", 1));
    }

    @Test
    void getterMismatchesAndErrorsArePositionedAtTheKey() throws Exception {
        plugin(FakeStages.of(HTTP));
        StageConfig c = fx.compile(pipeline("""
                url = "http://127.0.0.1/"
                timeout = 2.5
                [stages.config.headers]
                Accept = "text/csv"
                """)).stage("api").config();
        ConfigException e = assertThrows(ConfigException.class, () -> c.getLong("timeout"));
        assertEquals("p.toml:10:1: stage 'api', key 'config.timeout': expected an integer, found a number",
                e.getMessage());
        assertEquals(new Problem("p.toml", 10, 1, "api", "config.timeout", "expected an integer, found a number",
                null), e.problem());
        assertEquals("p.toml:12:1: stage 'api', key 'config.headers.Accept': only application/json is supported",
                c.error("headers.Accept", "only application/json is supported").getMessage());
        assertEquals("p.toml:8:1: stage 'api', key 'config.output': missing required key 'output'",
                assertThrows(ConfigException.class, () -> c.getPath("output")).getMessage());
        assertEquals("p.toml:9:1: stage 'api', key 'config.url': expected a table, found a string",
                assertThrows(ConfigException.class, () -> c.getTable("url")).getMessage());
        // An absent nested key is placed at the nearest enclosing table in the file.
        assertEquals("p.toml:11:1: stage 'api', key 'config.headers.Accept-Encoding': set it",
                c.error("headers.Accept-Encoding", "set it").getMessage());
    }

    @Test
    void aFactoryValidationErrorIsPositionedAtItsKeyOrTheConfigTable() {
        plugin(FakeStages.of(HTTP, c -> {
            if (c.getString("url").startsWith("ftp:")) {
                throw new ConfigException("url", "only http and https URLs are supported");
            }
            if (!c.has("output")) {
                throw c.error("output", "set output when reading " + c.getString("url"));
            }
        }));
        assertEquals(List.of("p.toml:9:1: stage 'api', key 'config.url': only http and https URLs are supported"),
                fx.problems(pipeline("url = \"ftp://127.0.0.1/x\"\n")));
        // The key is absent: the problem goes to [stages.config]; the URL's secret is masked.
        assertEquals(List.of("p.toml:8:1: stage 'api', key 'config.output': set output when reading "
                        + "http://127.0.0.1/?token=***"),
                fx.problems(pipeline("url = \"http://127.0.0.1/?token=${TOKEN}\"\n")));
    }

    @Test
    void aFactoryThatThrowsIsAProblemNotACrash() {
        plugin(FakeStages.of(HTTP, c -> {
            throw new IllegalStateException("boom");
        }));
        assertEquals(List.of("p.toml:8:1: stage 'api': stage type 'plugin.http' failed to validate its config: "
                        + "boom"),
                fx.problems(pipeline("url = \"http://127.0.0.1/\"\n")));
    }

    @Test
    void aFactoryThrowingWithoutAMessageIsNamedByItsClass() {
        plugin(FakeStages.of(HTTP, c -> {
            throw new NullPointerException();
        }));
        assertEquals(List.of("p.toml:8:1: stage 'api': stage type 'plugin.http' failed to validate its config: "
                        + "java.lang.NullPointerException"),
                fx.problems(pipeline("url = \"http://127.0.0.1/\"\n")));
    }

    @Test
    void aDescriptorThatThrowsIsAProblemNotACrash() {
        StageFactory broken = new StageFactory() {
            @Override
            public StageDescriptor descriptor() {
                throw new NoClassDefFoundError("org/missing/Dependency");
            }
        };
        loader.plugin("http", new io.conveyor.engine.internal.plugins.PluginStage("http", StageKind.SOURCE, "http",
                broken));
        assertEquals(List.of("p.toml:7:1: stage 'api', key 'type': stage type 'plugin.http' failed to describe its "
                        + "options: org/missing/Dependency"),
                fx.problems(pipeline("url = \"http://127.0.0.1/\"\n")));
    }

    @Test
    void aStageTypeWithoutOptionsSaysSo() {
        assertEquals(List.of("p.toml:12:1: stage 'all', key 'config.by': unknown key 'by' for stage type "
                        + "'transform.union' (stage type 'transform.union' takes no options)"),
                fx.problems("""
                        [pipeline]
                        name = "u"
                        [[stages]]
                        id = "a"
                        type = "source.csv"
                        config = { path = "a.csv" }
                        [[stages]]
                        id = "all"
                        type = "transform.union"
                        inputs = ["a"]
                        [stages.config]
                        by = "x"
                        """));
    }

    @Test
    void validationIsNotCalledWhenTheDeclaredOptionsAlreadyFail() {
        boolean[] called = new boolean[1];
        plugin(FakeStages.of(HTTP, c -> called[0] = true));
        fx.problems(pipeline("timeout = true\n"));
        assertFalse(called[0]);
        assertTrue(fx.problems(pipeline("url = 1\n")).get(0).endsWith("expected a string, found an integer"));
    }
}
