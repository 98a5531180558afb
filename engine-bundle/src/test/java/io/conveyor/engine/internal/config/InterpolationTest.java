package io.conveyor.engine.internal.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.conveyor.api.OptionSpec;
import io.conveyor.api.OptionType;
import io.conveyor.api.Problem;
import io.conveyor.api.StageConfig;
import io.conveyor.api.StageDescriptor;
import io.conveyor.api.StageKind;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class InterpolationTest {
    private static final String SECRET = "s3cr3t-token-value";
    private final CompilerFixture fx = new CompilerFixture(new FakePluginLoader(),
            Map.of("API_TOKEN", SECRET, "HOST", "example.org", "BATCH", "250"));

    InterpolationTest() {
        fx.builtins.add(FakeStages.of(StageDescriptor.builder(StageKind.SOURCE, "api")
                .option(OptionSpec.string("url"), OptionSpec.table("headers"), OptionSpec.array("params"),
                        OptionSpec.integer("batch_size"), OptionSpec.bool("verbose"), OptionSpec.number("ratio"),
                        OptionSpec.string("note"), OptionSpec.of("descending", OptionType.BOOLEAN_OR_ARRAY))
                .build()));
    }

    private static String pipeline(String config) {
        return """
                [pipeline]
                name = "vars"
                [global.variables]
                region = "eu"
                base = "https://${HOST}/${region}"
                [[stages]]
                id = "api"
                type = "source.api"
                [stages.config]
                """ + config;
    }

    private StageConfig config(String config) throws CompileException {
        return fx.compile(pipeline(config)).stage("api").config();
    }

    @Test
    void expandsVariablesInNestedTablesAndArrays() throws Exception {
        StageConfig c = config("""
                url = "${base}/orders"
                params = ["${region}", ["x-${region}", { deep = "${HOST}" }], 7]
                [stages.config.headers]
                Authorization = "Bearer ${API_TOKEN}"
                Accept = "application/json"
                [stages.config.headers.nested]
                value = "${region}${region}"
                """);
        assertEquals("https://example.org/eu/orders", c.getString("url"));
        assertEquals(List.of("eu", List.of("x-eu", Map.of("deep", "example.org")), 7L), c.getList("params"));
        Map<String, Object> headers = c.getTable("headers");
        assertEquals("Bearer " + SECRET, headers.get("Authorization"));
        assertEquals("application/json", headers.get("Accept"));
        assertEquals(Map.of("value", "eueu"), headers.get("nested"));
    }

    @Test
    void appliesDefaultsOnlyWhenTheVariableIsUnset() throws Exception {
        StageConfig c = config("""
                url = "${MISSING:-http://localhost:8080}/${HOST:-ignored}"
                note = "[${EMPTY_DEFAULT:-}]"
                """);
        assertEquals("http://localhost:8080/example.org", c.getString("url"));
        assertEquals("[]", c.getString("note"));
    }

    @Test
    void doubleDollarIsALiteral() throws Exception {
        assertEquals("${region} costs $5, eu", config("note = \"$${region} costs $5, ${region}\"").getString("note"));
    }

    @Test
    void overridesWinOverVariablesWhichWinOverTheEnvironment() throws Exception {
        fx.overrides = Map.of("region", "us");
        CompiledPipeline p = fx.compile(pipeline("""
                url = "${base}"
                note = "${HOST}"
                """).replace("[global.variables]\n", "[global.variables]\nHOST = \"from-file\"\n"));
        assertEquals("https://from-file/us", p.stage("api").config().getString("url"));
        assertEquals("from-file", p.stage("api").config().getString("note"));
        assertEquals(Map.of("HOST", "from-file", "region", "us", "base", "https://from-file/us"),
                p.global().variables());
        assertEquals(List.of(), p.masker().secrets());
    }

    @Test
    void anInterpolatedStringStandsForANumberOrBooleanOption() throws Exception {
        StageConfig c = config("""
                batch_size = "${BATCH}"
                verbose = "${VERBOSE:-true}"
                ratio = "${RATIO:-0.25}"
                """);
        assertEquals(250, c.getLong("batch_size"));
        assertEquals(true, c.getBool("verbose", false));
        assertEquals(0.25, c.getDouble("ratio", 0));
        // A boolean-or-array option (sort's descending) takes one too.
        StageConfig d = config("descending = \"${DESC:-TRUE}\"\n");
        assertEquals(Boolean.TRUE, d.get("descending"));
    }

    @Test
    void aVariableOutsideAStringIsASyntaxErrorThatSaysWhereItGoes() {
        assertEquals(List.of("p.toml:10:14: syntax error: Unexpected '$', expected a value; a ${NAME} variable goes "
                + "inside a quoted string, e.g. count = \"${n}\" (an option that takes a number or true/false "
                + "converts it)"), fx.problems(pipeline("batch_size = ${BATCH}\n")));
    }

    @Test
    void aLiteralStringIsNotTakenForANumber() {
        assertEquals(List.of("p.toml:10:1: stage 'api', key 'config.batch_size': expected an integer, found a string"),
                fx.problems(pipeline("batch_size = \"250\"\n")));
    }

    @Test
    void anUnsetVariableIsReportedAtItsKeyWithTheStage() {
        assertEquals(List.of(
                "p.toml:10:1: stage 'api', key 'config.url': variable 'API_KEY' is not set; set it in the environment "
                        + "or in [global.variables], or write ${API_KEY:-default}",
                "p.toml:11:13: stage 'api', key 'config.headers.Accept': variable 'ACCEPT' is not set; set it in the "
                        + "environment or in [global.variables], or write ${ACCEPT:-default}",
                "p.toml:13:3: stage 'api', key 'config.params[1]': unclosed '${' in 'b${x'; close it with '}', "
                        + "or write $${ for a literal '${'",
                "p.toml:14:1: stage 'api', key 'config.note': invalid variable reference '${a b}'; a name is letters, "
                        + "digits and '_', as in ${NAME} or ${NAME:-default}"),
                fx.problems(pipeline("""
                        url = "${API_KEY}"
                        headers = { Accept = "${ACCEPT}" }
                        params = ["a",
                          "b${x"]
                        note = "${a b}"
                        """)));
    }

    @Test
    void variablesThatReferToThemselvesAreReportedOnce() {
        assertEquals(List.of(
                "p.toml:4:1: key 'global.variables.a': variable 'a' refers to itself: a -> b -> a",
                "p.toml:6:1: key 'global.variables.c': variable 'NOPE' is not set; set it in the environment or in "
                        + "[global.variables], or write ${NOPE:-default}"),
                fx.problems("""
                        [pipeline]
                        name = "v"
                        [global.variables]
                        a = "${b}"
                        b = "x${a}"
                        c = "${NOPE}"
                        [[stages]]
                        id = "api"
                        type = "source.api"
                        config = { url = "${a}", note = "${c}" }
                        """));
    }

    @Test
    void secretsFromTheEnvironmentNeverAppearInProblems() {
        CompileException e = fx.failure("""
                [pipeline]
                name = "leaky"
                [global.variables]
                token = "${API_TOKEN}"
                [[stages]]
                id = "api"
                type = "source.api"
                [stages.config]
                url = "https://user:${API_TOKEN}@${HOST}/x"
                batch_size = "${API_TOKEN}"
                [[stages]]
                id = "out"
                type = "sink.stdout"
                inputs = ["api"]
                [stages.config]
                format = "${token}"
                """);
        List<String> texts = e.problems().stream().map(Problem::toString).toList();
        assertEquals(List.of(
                "p.toml:10:1: stage 'api', key 'config.batch_size': expected an integer, found a string",
                "p.toml:16:1: stage 'out', key 'config.format': value '***' is not allowed; "
                        + "use one of: table, json, jsonl, csv"), texts);
        assertFalse(e.getMessage().contains(SECRET));
    }

    @Test
    void theMaskerHidesEveryEnvironmentValueTheConfigUses() throws Exception {
        CompiledPipeline p = fx.compile(pipeline("url = \"https://${HOST}/?key=${API_TOKEN}\"\n"));
        StageConfig c = p.stage("api").config();
        assertEquals("https://***/?key=***", c.mask(c.getString("url")));
        assertEquals(List.of(SECRET, "example.org"), p.masker().secrets());
        assertEquals("error calling https://***/?key=***", p.masker().mask("error calling " + c.getString("url")));
    }
}
