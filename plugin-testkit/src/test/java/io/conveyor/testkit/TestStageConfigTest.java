package io.conveyor.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.conveyor.api.ConfigException;
import io.conveyor.api.OptionSpec;
import io.conveyor.api.OptionType;
import io.conveyor.api.StageDescriptor;
import io.conveyor.api.StageKind;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TestStageConfigTest {
    private final StageDescriptor d = StageDescriptor.builder(StageKind.SINK, "demo")
            .option(OptionSpec.string("url").required().describe("Target URL"),
                    OptionSpec.string("method").defaultValue("POST").allowed("POST", "PUT"),
                    OptionSpec.integer("batch_size").defaultValue(100L),
                    OptionSpec.number("ratio").defaultValue(1),
                    OptionSpec.of("fields", OptionType.STRING_OR_ARRAY),
                    OptionSpec.string("file"))
            .build();

    @Test
    void appliesDefaultsAndTypesValuesAsTheEngineDoes() throws ConfigException {
        TestStageConfig c = TestStageConfig.of(d, "url", "http://127.0.0.1/x", "batch_size", 5);
        assertEquals("POST", c.getString("method"));
        assertEquals(5L, c.get("batch_size"));
        assertEquals(1.0, c.get("ratio"));
        assertEquals(Map.of("url", "http://127.0.0.1/x", "batch_size", 5L), c.asMap());
        assertFalse(c.has("method"));
        assertEquals("plugin.demo", c.stageType());
        assertEquals(List.of("a"), TestStageConfig.of(d, "url", "u", "fields", "a").getStringList("fields"));
    }

    @Test
    void refusesWhatTheEngineWouldNotCompile() {
        InvalidStageConfigException e = assertThrows(InvalidStageConfigException.class,
                () -> TestStageConfig.of(d, "urll", "x", "method", "GET", "batch_size", "ten", "fields", List.of("a", 2L)));
        assertEquals(List.of(
                "pipeline.toml: stage 'test_stage', key 'urll': unknown key 'urll' for stage type 'plugin.demo'"
                        + " (its options are: url, method, batch_size, ratio, fields, file)",
                "pipeline.toml: stage 'test_stage', key 'method': value 'GET' is not allowed; use one of: POST, PUT",
                "pipeline.toml: stage 'test_stage', key 'batch_size': expected an integer, found a string",
                "pipeline.toml: stage 'test_stage', key 'fields[1]': expected a string, found an integer",
                "pipeline.toml: stage 'test_stage', key 'url': missing required key 'url' (url: Target URL)"),
                e.problems().stream().map(Object::toString).toList());
    }

    @Test
    void errorsNameTheStageAndKeyAndMaskSecrets() throws ConfigException {
        TestStageConfig c = TestStageConfig.of(d, "url", "https://bob:pw123@127.0.0.1/?k=s3cr3t", "file", "out.csv")
                .withStage("out", "plugin.demo").withSecrets("s3cr3t", null, "ab");
        assertEquals("https://bob:***@127.0.0.1/?k=***", c.mask(c.getString("url")));
        ConfigException e = c.error("url", "token s3cr3t refused");
        assertEquals("out", e.problem().stageId());
        assertEquals("url", e.problem().key());
        assertEquals("token *** refused", e.problem().message());
        ConfigException wrongType = assertThrows(ConfigException.class, () -> c.getLong("url"));
        assertEquals("expected an integer, found a string", wrongType.problem().message());
        assertEquals(Path.of("/data/out.csv"), c.withBaseDir(Path.of("/data")).getPath("file"));
        assertTrue(c.toString().contains("k=***"));
    }

    @Test
    void uncheckedReachesTheFactorysOwnValidationAndSourcePlacesProblems() {
        TestStageConfig c = TestStageConfig.unchecked(d, Map.of("method", "GET")).withSource("p.toml", 3, 7);
        assertEquals("GET", c.get("method"));
        assertEquals("p.toml:3:7: stage 'test_stage', key 'url': missing required key 'url'",
                assertThrows(ConfigException.class, () -> c.getString("url")).getMessage());
    }
}
