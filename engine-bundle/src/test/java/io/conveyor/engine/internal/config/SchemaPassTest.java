package io.conveyor.engine.internal.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.conveyor.api.Problem;
import io.conveyor.engine.internal.cli.ProblemReport;
import io.conveyor.engine.internal.stages.BuiltinStages;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The compile-time schema pass, through the real built-in stages, as {@code validate} runs it. */
class SchemaPassTest {
    @TempDir
    Path dir;

    private static final String SOURCE = """
            [pipeline]
            name = "sales"

            [[stages]]
            id = "orders"
            type = "source.csv"
            [stages.config]
            path = "orders.csv"
            """;

    private Path pipeline(String stages) throws Exception {
        Files.writeString(dir.resolve("orders.csv"), "id,amount,country\n1,150,US\n2,50,DE\n");
        Path file = dir.resolve("p.toml");
        Files.writeString(file, SOURCE + stages);
        return file;
    }

    private CompiledPipeline compile(Path file) throws CompileException {
        return new PipelineCompiler(BuiltinStages.standard(), new FakePluginLoader(), Map.of()).compile(file, Map.of());
    }

    private List<String> problems(Path file) {
        return assertThrows(CompileException.class, () -> compile(file)).problems().stream()
                .map(Problem::toString).toList();
    }

    @Test
    void validateReportsABadColumnInAnExpressionWithFileLineStageKeyAndPosition() throws Exception {
        Path file = pipeline("""

                [[stages]]
                id = "big"
                type = "transform.filter"
                inputs = ["orders"]
                [stages.config]
                expr = "amount >= 100 and contry in ('US', 'DE')"

                [[stages]]
                id = "out"
                type = "sink.stdout"
                inputs = ["big"]
                """);
        CompileException e = assertThrows(CompileException.class, () -> compile(file));
        assertEquals(file + ":15:1: stage 'big', key 'config.expr': unknown column 'contry'; columns are: id, amount, "
                + "country (at column 19 of the expression)\n"
                + "    amount >= 100 and contry in ('US', 'DE')\n"
                + "                      ^ (did you mean 'country'?)\n"
                + "1 problem found in p.toml\n", ProblemReport.format("p.toml", e.problems()));
    }

    @Test
    void schemasFlowThroughMapAndSelectAndEveryMistakeIsReported() throws Exception {
        Path file = pipeline("""

                [[stages]]
                id = "priced"
                type = "transform.map"
                inputs = ["orders"]
                [stages.config.columns]
                tax = "amount * 0.2"
                label = "country || '-' || id"

                [[stages]]
                id = "picked"
                type = "transform.select"
                inputs = ["priced"]
                [stages.config]
                columns = ["label", "taxx"]

                [[stages]]
                id = "typed"
                type = "transform.filter"
                inputs = ["priced"]
                [stages.config]
                expr = "tax > 'high'"

                [[stages]]
                id = "out"
                type = "sink.stdout"
                inputs = ["picked", "typed"]
                """);
        assertEquals(List.of(
                file + ":23:1: stage 'picked', key 'config.columns': unknown column 'taxx'; columns are: id, amount, "
                        + "country, tax, label (did you mean 'tax'?)",
                file + ":30:1: stage 'typed', key 'config.expr': '>' cannot compare tax (double) with 'high' (string); "
                        + "convert one side, e.g. cast('high' as double) (at column 5 of the expression)\n"
                        + "    tax > 'high'\n        ^"), problems(file));
    }

    @Test
    void aGoodChainCompilesAndAnUnreadableSourceLeavesTheSchemaToTheRun() throws Exception {
        compile(pipeline("""

                [[stages]]
                id = "priced"
                type = "transform.map"
                inputs = ["orders"]
                [stages.config]
                expression = "amount * 2"
                output_column = "double"

                [[stages]]
                id = "f"
                type = "transform.filter"
                inputs = ["priced"]
                [stages.config]
                expr = "double > 100 and country = 'US'"

                [[stages]]
                id = "out"
                type = "sink.stdout"
                inputs = ["f"]
                """));
        Files.delete(dir.resolve("orders.csv"));
        Path missing = dir.resolve("p.toml");
        Files.writeString(missing, SOURCE + """

                [[stages]]
                id = "f"
                type = "transform.filter"
                inputs = ["orders"]
                [stages.config]
                expr = "anything_at_all > 1"

                [[stages]]
                id = "out"
                type = "sink.stdout"
                inputs = ["f"]
                """);
        assertEquals(3, compile(missing).stages().size());
    }

    @Test
    void aJsonSourceSmallEnoughToReadWholeGivesItsColumns() throws Exception {
        Files.writeString(dir.resolve("in.jsonl"), "{\"id\": 1, \"tags\": [\"a\"]}\n{\"id\": 2, \"name\": \"x\"}\n");
        Path file = dir.resolve("j.toml");
        Files.writeString(file, """
                [pipeline]
                name = "j"

                [[stages]]
                id = "in"
                type = "source.json"
                [stages.config]
                path = "in.jsonl"

                [[stages]]
                id = "f"
                type = "transform.filter"
                inputs = ["in"]
                [stages.config]
                expr = "nam = 'x'"

                [[stages]]
                id = "out"
                type = "sink.stdout"
                inputs = ["f"]
                """);
        CompileException e = assertThrows(CompileException.class, () -> compile(file));
        assertEquals(1, e.problems().size());
        assertEquals("unknown column 'nam'; columns are: id, tags, name (at column 1 of the expression)\n"
                + "    nam = 'x'\n    ^", e.problems().get(0).message());
        assertEquals("did you mean 'name'?", e.problems().get(0).hint());
    }
}
