package io.conveyor.engine.internal.config;

import static io.conveyor.engine.internal.config.FakePluginLoader.module;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.conveyor.api.ConfigException;
import io.conveyor.api.OptionSpec;
import io.conveyor.api.OptionType;
import io.conveyor.api.Problem;
import io.conveyor.api.StageConfig;
import io.conveyor.api.StageDescriptor;
import io.conveyor.api.StageKind;
import io.conveyor.testkit.InvalidStageConfigException;
import io.conveyor.testkit.TestStageConfig;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The plugin test kit copies the compiler's option checks and the bound config's getters (it
 * cannot depend on the engine: the engine's own tests use it). This test holds the copy to the
 * original: the same options give the same problems (key and message; the kit has no source
 * positions and no "did you mean" hints) and the same values.
 */
class TestKitConformanceTest {
    private static final StageDescriptor D = StageDescriptor.builder(StageKind.SOURCE, "http")
            .option(OptionSpec.string("url").required().describe("the URL to read"),
                    OptionSpec.string("method").allowed("GET", "POST", "PUT").defaultValue("GET"),
                    OptionSpec.number("timeout").defaultValue(30L),
                    OptionSpec.table("headers"),
                    OptionSpec.of("query", OptionType.STRING_OR_TABLE),
                    OptionSpec.of("fields", OptionType.STRING_OR_ARRAY).allowed("id", "name", "email"),
                    OptionSpec.integer("batch_size").defaultValue(100),
                    OptionSpec.bool("follow"))
            .build();

    private final FakePluginLoader loader = new FakePluginLoader();
    private final CompilerFixture fx = new CompilerFixture(loader, Map.of());

    /** @return a pipeline whose stage {@code api} of type {@code plugin.http} has this config */
    private static String pipeline(String config) {
        return """
                [pipeline]
                name = "conform"
                [global]
                plugins = ["http"]
                [[stages]]
                id = "api"
                type = "plugin.http"
                [stages.config]
                """ + config;
    }

    private List<String> engineProblems(String config) {
        loader.plugin("http", module("http", "http", FakeStages.of(D)));
        List<String> out = new ArrayList<>();
        for (Problem p : fx.failure(pipeline(config)).problems()) {
            out.add(p.key().substring("config.".length()) + ": " + p.message());
        }
        return out;
    }

    private static List<String> kitProblems(Map<String, Object> options) {
        try {
            TestStageConfig.of(D, options);
            return List.of();
        } catch (InvalidStageConfigException e) {
            return e.problems().stream().map(p -> p.key() + ": " + p.message()).toList();
        }
    }

    @Test
    void refusesTheSameOptionsWithTheSameMessages() {
        Map<String, Object> options = new LinkedHashMap<>();
        options.put("methd", "GET");
        options.put("timeout", "30");
        options.put("query", 5L);
        options.put("fields", List.of("id", 2L, "nme"));
        options.put("follow", java.time.LocalDate.of(2026, 1, 1));
        options.put("database", "x");
        options.put("batch_size", 1.5);
        options.put("method", "get");
        List<String> engine = engineProblems("""
                methd = "GET"
                timeout = "30"
                query = 5
                fields = ["id", 2, "nme"]
                follow = 2026-01-01
                database = "x"
                batch_size = 1.5
                method = "get"
                """);
        assertEquals(10, engine.size(), String.join("\n", engine));
        assertEquals(sorted(engine), sorted(kitProblems(options)));
    }

    @Test
    void bindsTheSameValuesAndRaisesTheSameGetterErrors() throws Exception {
        loader.plugin("http", module("http", "http", FakeStages.of(D)));
        StageConfig engine = fx.compile(pipeline("""
                url = "http://127.0.0.1/x"
                timeout = 5
                fields = "id"
                [[stages]]
                id = "out"
                type = "sink.stdout"
                inputs = ["api"]
                """)).stages().get(0).config();
        StageConfig kit = TestStageConfig.of(D, "url", "http://127.0.0.1/x", "timeout", 5L, "fields", "id");
        for (String key : List.of("url", "method", "timeout", "fields", "batch_size", "headers", "follow")) {
            assertEquals(engine.get(key), kit.get(key), key);
        }
        assertEquals(engine.getStringList("fields"), kit.getStringList("fields"));
        assertEquals(engine.getTable("headers"), kit.getTable("headers"));
        assertEquals(engine.asMap(), kit.asMap());
        assertEquals(message(() -> engine.getLong("url")), message(() -> kit.getLong("url")));
        assertEquals(message(() -> engine.getString("timeout")), message(() -> kit.getString("timeout")));
        assertEquals(message(() -> engine.getTable("url")), message(() -> kit.getTable("url")));
        assertEquals(message(() -> engine.getString("follow")), message(() -> kit.getString("follow")));
    }

    private interface Getter {
        Object get() throws ConfigException;
    }

    private static String message(Getter g) {
        try {
            return "no error: " + g.get();
        } catch (ConfigException e) {
            return e.problem().message();
        }
    }

    private static List<String> sorted(List<String> l) {
        return l.stream().sorted().toList();
    }
}
