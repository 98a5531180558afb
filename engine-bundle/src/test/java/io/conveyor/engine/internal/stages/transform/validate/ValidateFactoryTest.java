package io.conveyor.engine.internal.stages.transform.validate;

import static io.conveyor.engine.internal.stages.Batches.row;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.conveyor.api.ConfigException;
import io.conveyor.api.DataType;
import io.conveyor.api.Field;
import io.conveyor.api.RecordBatch;
import io.conveyor.api.RunResult;
import io.conveyor.api.RunStatus;
import io.conveyor.api.Schema;
import io.conveyor.api.StageException;
import io.conveyor.engine.internal.config.CompileException;
import io.conveyor.engine.internal.stages.Batches;
import io.conveyor.engine.internal.stages.PipelineFile;
import io.conveyor.engine.internal.stages.StageHarness;
import io.conveyor.testkit.RecordingStageContext.Rejected;
import io.conveyor.testkit.TestStageConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ValidateFactoryTest {
    @TempDir
    Path dir;

    private final ValidateFactory factory = new ValidateFactory();
    private final List<RecordBatch> input = List.of(
            Batches.of(row("id", 1L, "tier", "gold", "email", "a@x.org", "age", 30L),
                    row("id", 2L, "tier", "bronze", "email", "b@x.org", "age", 41L),
                    row("id", null, "tier", "silver", "email", "c@x.org", "age", 200L)),
            Batches.of(row("id", 4L, "tier", "silver", "email", "not-an-email", "age", null),
                    row("id", 1L, "tier", null, "email", "e@x.org", "age", -1L),
                    row("id", 6L, "tier", "gold", "email", null, "age", 7L)));

    private List<Object> ids(StageHarness h, Object... rules) throws Exception {
        return StageHarness.rows(h.transform(factory, Map.of("rules", List.of(rules)), input)).stream()
                .map(r -> r.get("id")).toList();
    }

    @Test
    void keepsValidRowsInOrderAndDeadLettersTheOthersWithColumnRuleAndValue() throws Exception {
        StageHarness h = new StageHarness(dir);
        List<Object> kept = ids(h,
                Map.of("column", "id", "not_null", true, "unique", true),
                Map.of("column", "tier", "allowed", List.of("gold", "silver")),
                Map.of("column", "email", "pattern", "[^@]+@[^@]+"),
                Map.of("column", "age", "min", 0L, "max", 150L));
        assertEquals(List.of(1L, 6L), kept);
        List<String> errors = h.context.rejected().stream().map(Rejected::error).toList();
        assertEquals(List.of(
                "row 2: column 'tier' fails rule 'allowed': 'bronze' is not one of gold, silver",
                "row 3: column 'id' fails rule 'not_null': the value is null; "
                        + "column 'age' fails rule 'max': '200' is greater than 150",
                "row 4: column 'email' fails rule 'pattern': 'not-an-email' does not match [^@]+@[^@]+",
                // Row 5 repeats row 1's id too: its record names both rules.
                "row 5: column 'age' fails rule 'min': '-1' is less than 0; "
                        + "column 'id' fails rule 'unique': '1' was seen in an earlier row"), errors);
        assertEquals(Map.of("id", 2L, "tier", "bronze", "email", "b@x.org", "age", 41L),
                h.context.rejected().get(0).record());
    }

    @Test
    void nullsPassEveryRuleButNotNullAndRequired() throws Exception {
        StageHarness h = new StageHarness(dir);
        assertEquals(List.of(1L, 2L, 4L, 1L, 6L), ids(h,
                Map.of("column", "id", "type", "long"),
                Map.of("column", "tier", "allowed", List.of("gold", "silver", "bronze")),
                Map.of("column", "email", "pattern", ".+@.+|not-an-email"),
                Map.of("column", "age", "min", -5L, "max", 100L)));
        assertEquals(List.of("row 3: column 'age' fails rule 'max': '200' is greater than 100"),
                h.context.rejected().stream().map(Rejected::error).toList());
    }

    @Test
    void aRejectedRowDoesNotClaimItsKeyAndUniqueSpansBatches() throws Exception {
        StageHarness h = new StageHarness(dir);
        List<RecordBatch> in = List.of(
                Batches.of(row("k", "a", "ok", false), row("k", "b", "ok", true)),
                Batches.of(row("k", "a", "ok", true), row("k", "b", "ok", true), row("k", "b", "ok", true)));
        List<RecordBatch> out = h.transform(factory, Map.of("rules", List.of(
                Map.of("column", "k", "unique", true), Map.of("column", "ok", "allowed", List.of(true)))), in);
        assertEquals(List.of(Map.of("k", "b", "ok", true), Map.of("k", "a", "ok", true)), StageHarness.rows(out));
        assertEquals(List.of("row 1: column 'ok' fails rule 'allowed': 'false' is not one of true",
                        "row 4: column 'k' fails rule 'unique': 'b' was seen in an earlier row",
                        "row 5: column 'k' fails rule 'unique': 'b' was seen in an earlier row"),
                h.context.rejected().stream().map(Rejected::error).toList());
    }

    @Test
    void aRowRejectedByAnotherRuleIsStillToldItIsADuplicate() throws Exception {
        StageHarness h = new StageHarness(dir);
        List<RecordBatch> in = List.of(Batches.of(row("k", "a", "ok", true), row("k", "a", "ok", false),
                row("k", "c", "ok", false), row("k", "c", "ok", true)));
        List<RecordBatch> out = h.transform(factory, Map.of("rules", List.of(
                Map.of("column", "k", "unique", true), Map.of("column", "ok", "allowed", List.of(true)))), in);
        assertEquals(List.of(Map.of("k", "a", "ok", true), Map.of("k", "c", "ok", true)), StageHarness.rows(out));
        // Row 2 fails both rules and its record says so; row 3, rejected, does not claim 'c' for row 4.
        assertEquals(List.of("row 2: column 'ok' fails rule 'allowed': 'false' is not one of true; column 'k' fails "
                        + "rule 'unique': 'a' was seen in an earlier row",
                        "row 3: column 'ok' fails rule 'allowed': 'false' is not one of true"),
                h.context.rejected().stream().map(Rejected::error).toList());
    }

    @Test
    void typeRuleChecksThatValuesConvertWithoutLoss() throws Exception {
        StageHarness h = new StageHarness(dir);
        List<RecordBatch> in = List.of(Batches.of(row("v", "12", "d", "2024-02-29"), row("v", "1.5", "d", "2024-02-30"),
                row("v", "x", "d", null)));
        List<RecordBatch> out = h.transform(factory, Map.of("rules", List.of(Map.of("column", "v", "type", "long"),
                Map.of("column", "d", "type", "date"))), in);
        assertEquals(1, StageHarness.rows(out).size());
        assertEquals(List.of("row 2: column 'v' fails rule 'type': '1.5' is not a long; "
                        + "column 'd' fails rule 'type': '2024-02-30' is not a date",
                        "row 3: column 'v' fails rule 'type': 'x' is not a long"),
                h.context.rejected().stream().map(Rejected::error).toList());
    }

    @Test
    void aMissingColumnFailsRequiredUnlessTheRuleSaysItMayBeAbsent() throws Exception {
        StageHarness h = new StageHarness(dir);
        List<RecordBatch> in = List.of(Batches.of(row("a", 1L)), Batches.of(row("a", 2L, "b", "x")));
        List<RecordBatch> out = h.transform(factory, Map.of("rules", List.of(Map.of("column", "b"))), in);
        assertEquals(List.of(2L), StageHarness.rows(out).stream().map(r -> r.get("a")).toList());
        assertEquals("row 1: column 'b' fails rule 'required': the column is missing",
                h.context.rejected().get(0).error());
        StageHarness lenient = new StageHarness(dir);
        assertEquals(2, StageHarness.rows(lenient.transform(factory, Map.of("rules",
                List.of(Map.of("column", "b", "required", false, "allowed", List.of("x")))), in)).size());
    }

    @Test
    void onInvalidFailStopsAtTheFirstBadRowNamingColumnRuleAndValue() {
        StageException e = assertThrows(StageException.class, () -> new StageHarness(dir).transform(factory,
                Map.of("on_invalid", "fail", "rules", List.of(Map.of("column", "age", "max", 100L),
                        Map.of("column", "tier", "allowed", List.of("gold", "silver")))), input));
        assertEquals("row 2: column 'tier' fails rule 'allowed': 'bronze' is not one of gold, silver "
                + "(on_invalid = \"fail\" stops at the first invalid row; \"dead_letter\" sets such rows aside)",
                e.getMessage());
    }

    @Test
    void configErrorsNameTheRuleKey() {
        assertEquals("test.toml:1:1: stage 'test', key 'rules[1].pattern': invalid regular expression '[a-': "
                        + "Illegal character range at index 3 (0-based, within the pattern)",
                configError(Map.of("column", "a"), Map.of("column", "b", "pattern", "[a-")));
        assertEquals("test.toml:1:1: stage 'test', key 'rules[0].nul': unknown rule key 'nul'; a rule takes column, "
                        + "required, not_null, unique, type, allowed, pattern, min, max",
                configError(Map.of("column", "a", "nul", true)));
        assertEquals("test.toml:1:1: stage 'test', key 'rules[0]': a rule needs column = \"NAME\", the column it "
                + "checks", configError(Map.of("not_null", true)));
        assertEquals("test.toml:1:1: stage 'test', key 'rules[0].type': unknown type 'number'; use one of bool, "
                + "long, double, string, timestamp, date, json", configError(Map.of("column", "a", "type", "number")));
        assertEquals("test.toml:1:1: stage 'test', key 'rules[0].min': min 5 is greater than max 1",
                configError(Map.of("column", "a", "min", 5L, "max", 1L)));
        assertEquals("test.toml:1:1: stage 'test', key 'rules': name at least one rule, e.g. rules = [{ column = "
                + "\"id\", not_null = true }]", configError());
    }

    private String configError(Object... rules) {
        return assertThrows(ConfigException.class, () -> new StageHarness(dir).config(factory,
                Map.of("rules", List.of(rules)))).getMessage();
    }

    @Test
    void outputSchemaIsTheInputAndAKnownMissingColumnIsACompileError() throws Exception {
        Schema in = Schema.of(new Field("id", DataType.LONG), new Field("tier", DataType.STRING));
        TestStageConfig ok = TestStageConfig.of(factory.descriptor(), Map.of("rules", List.of(Map.of("column", "id"))));
        assertEquals(in, factory.outputSchema(ok, List.of(in)));
        TestStageConfig bad = TestStageConfig.of(factory.descriptor(),
                Map.of("rules", List.of(Map.of("column", "id"), Map.of("column", "tierr"))));
        ConfigException e = assertThrows(ConfigException.class, () -> factory.outputSchema(bad, List.of(in)));
        assertTrue(e.getMessage().endsWith("key 'rules[1].column': column 'tierr' is not in the input (columns: id, "
                + "tier); every row would fail; fix the name, or set required = false if the column may be absent"),
                e.getMessage());
    }

    @Test
    void pipelineFileWithDeadLetterQueue() throws Exception {
        Files.writeString(dir.resolve("in.csv"), "id,email\n1,a@x.org\n2,broken\n3,c@x.org\n");
        String toml = PipelineFile.header(true) + """
                [[stages]]
                id = "src"
                type = "source.csv"
                [stages.config]
                path = "in.csv"
                [[stages]]
                id = "check"
                type = "transform.validate"
                inputs = ["src"]
                [stages.config]
                rules = [{ column = "id", not_null = true, unique = true },
                         { column = "email", pattern = "[^@]+@[^@]+" }]
                [[stages]]
                id = "out"
                type = "sink.json"
                inputs = ["check"]
                [stages.config]
                path = "out.jsonl"
                format = "jsonl"
                """;
        RunResult r = new PipelineFile(dir).run(toml);
        assertEquals(RunStatus.SUCCEEDED, r.status(), String.valueOf(r.error()));
        assertEquals("{\"id\":1,\"email\":\"a@x.org\"}\n{\"id\":3,\"email\":\"c@x.org\"}\n",
                Files.readString(dir.resolve("out.jsonl")));
        assertEquals(1, r.stage("check").deadLettered());
        String dlq = Files.readString(dir.resolve("errors/dlq.jsonl"));
        assertTrue(dlq.contains("\"error\":\"row 2: column 'email' fails rule 'pattern': 'broken' does not match "
                + "[^@]+@[^@]+\""), dlq);
    }

    @Test
    void pipelineFileWithoutDeadLetterQueueFailsAtTheBadRowAndAnInvalidPatternIsPositioned() throws Exception {
        Files.writeString(dir.resolve("in.csv"), "id,email\n1,a@x.org\n2,broken\n");
        String stages = """
                [[stages]]
                id = "src"
                type = "source.csv"
                [stages.config]
                path = "in.csv"
                [[stages]]
                id = "check"
                type = "transform.validate"
                inputs = ["src"]
                [stages.config]
                rules = [{ column = "email", pattern = "PATTERN" }]
                [[stages]]
                id = "out"
                type = "sink.stdout"
                inputs = ["check"]
                """;
        RunResult r = new PipelineFile(dir).run(PipelineFile.header(false) + stages.replace("PATTERN", "[^@]+@[^@]+"));
        assertEquals(RunStatus.FAILED, r.status());
        assertTrue(r.stage("check").error().startsWith("row 2: column 'email' fails rule 'pattern': 'broken' does not "
                + "match [^@]+@[^@]+ (record: {\"id\":2,\"email\":\"broken\"}); enable"), r.stage("check").error());
        CompileException e = assertThrows(CompileException.class,
                () -> new PipelineFile(dir).compile(PipelineFile.header(false) + stages.replace("PATTERN", "(a")));
        assertEquals("p.toml:13:30: stage 'check', key 'config.rules[0].pattern': invalid regular expression '(a': "
                + "Unclosed group at index 2 (0-based, within the pattern)", e.problems().get(0).toString());
    }
}
