package io.conveyor.engine.internal.stages.transform;

import static io.conveyor.engine.internal.stages.Batches.row;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.conveyor.api.ConfigException;
import io.conveyor.api.RecordBatch;
import io.conveyor.api.StageException;
import io.conveyor.engine.internal.stages.Batches;
import io.conveyor.engine.internal.stages.StageHarness;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FilterFactoryTest {
    private final FilterFactory factory = new FilterFactory();
    private final List<RecordBatch> input = List.of(
            Batches.of(row("id", 1L, "amount", 10.5, "name", "alice", "vip", true),
                    row("id", 2L, "amount", null, "name", "bob", "vip", false),
                    row("id", 3L, "amount", 99.0, "name", null, "vip", null)),
            Batches.of(row("id", 4L, "amount", 50.0, "name", "alfred", "vip", true),
                    row("id", 5L, "amount", 10.5, "name", "carol", "vip", false)));

    private List<Object> ids(String column, String operator, Object value) throws Exception {
        Map<String, Object> config = new HashMap<>();
        config.put("column", column);
        config.put("operator", operator);
        if (value != null) {
            config.put("value", value);
        }
        List<RecordBatch> out = new StageHarness(Path.of(".")).unchecked().transform(factory, config, input);
        return StageHarness.rows(out).stream().map(r -> r.get("id")).toList();
    }

    @Test
    void comparesLongsAndDoublesKeepingOrder() throws Exception {
        assertEquals(List.of(2L), ids("id", "==", 2L));
        assertEquals(List.of(1L, 3L, 4L, 5L), ids("id", "!=", 2L));
        assertEquals(List.of(4L, 5L), ids("id", ">", 3L));
        assertEquals(List.of(3L, 4L, 5L), ids("id", ">=", 3L));
        assertEquals(List.of(1L), ids("id", "<", 2L));
        assertEquals(List.of(1L, 2L), ids("id", "<=", "2"));
        assertEquals(List.of(3L, 4L, 5L), ids("id", ">", 2.5));
        assertEquals(List.of(1L, 5L), ids("amount", "==", 10.5));
        assertEquals(List.of(3L, 4L), ids("amount", ">", 20L));
    }

    @Test
    void nullsNeverPassAComparisonAndAreTestedExplicitly() throws Exception {
        assertEquals(List.of(3L, 4L), ids("amount", "!=", 10.5));
        assertEquals(List.of(2L), ids("amount", "is_null", null));
        assertEquals(List.of(1L, 3L, 4L, 5L), ids("amount", "not_null", null));
        assertEquals(List.of(3L), ids("name", "is_null", null));
        assertEquals(List.of(1L, 2L, 4L, 5L), ids("name", "!=", "zed"));
        assertEquals(List.of(2L, 5L), ids("vip", "==", false));
        assertEquals(List.of(3L), ids("vip", "is_null", null));
    }

    @Test
    void stringOperatorsAndIn() throws Exception {
        assertEquals(List.of(1L, 4L), ids("name", "starts_with", "al"));
        assertEquals(List.of(1L, 4L, 5L), ids("name", "contains", "l"));
        assertEquals(List.of(2L), ids("name", "ends_with", "ob"));
        assertEquals(List.of(2L, 5L), ids("name", ">", "b"));
        assertEquals(List.of(1L, 5L), ids("name", "in", List.of("alice", "carol", "nobody")));
        assertEquals(List.of(2L, 4L), ids("id", "in", List.of(2L, 4L, 7.5)));
        assertEquals(List.of(1L, 3L, 5L), ids("amount", "in", List.of(99L, 10.5)));
    }

    @Test
    void timestampsCompareWithIsoText() throws Exception {
        List<RecordBatch> events = List.of(Batches.of(
                row("id", 1L, "at", Instant.parse("2024-01-01T00:00:00Z")),
                row("id", 2L, "at", Instant.parse("2024-06-01T00:00:00Z"))));
        List<RecordBatch> out = new StageHarness(Path.of(".")).transform(factory,
                Map.of("column", "at", "operator", ">=", "value", "2024-03-01T00:00:00Z"), events);
        assertEquals(List.of(2L), StageHarness.rows(out).stream().map(r -> r.get("id")).toList());
    }

    @Test
    void batchesWhereEveryRowPassesAreNotCopied() throws Exception {
        List<RecordBatch> out = new StageHarness(Path.of(".")).transform(factory,
                Map.of("column", "id", "operator", ">", "value", 0L), input);
        assertSame(input.get(0), out.get(0));
    }

    @Test
    void errorsNameTheColumnTheOperatorAndTheValue() {
        StageException missing = assertThrows(StageException.class, () -> ids("price", "==", 1L));
        assertEquals("column 'price' not found; available columns: id, amount, name, vip", missing.getMessage());
        StageException text = assertThrows(StageException.class, () -> ids("id", "contains", "1"));
        assertEquals("operator 'contains' needs a string column; column 'id' is long", text.getMessage());
        StageException value = assertThrows(StageException.class, () -> ids("id", ">", "ten"));
        assertEquals("option 'value' ten cannot be compared with column 'id' of type long: cannot convert string "
                + "'ten' to long", value.getMessage());
        ConfigException in = assertThrows(ConfigException.class, () -> ids("id", "in", 3L));
        assertEquals("test.toml:1:1: stage 'test', key 'value': operator 'in' needs an array, e.g. value = [\"a\", \"b\"]",
                in.getMessage());
        ConfigException noValue = assertThrows(ConfigException.class, () -> ids("id", ">", null));
        assertEquals("test.toml:1:1: stage 'test', key 'value': operator '>' needs a value to compare with",
                noValue.getMessage());
        ConfigException op = assertThrows(ConfigException.class, () -> ids("id", "=~", 1L));
        assertEquals("test.toml:1:1: stage 'test', key 'operator': unknown operator '=~'; use one of ==, !=, >, >=, <, "
                + "<=, contains, starts_with, ends_with, is_null, not_null, in", op.getMessage());
    }

    private List<Object> exprIds(String expr, List<RecordBatch> batches) throws Exception {
        List<RecordBatch> out = new StageHarness(Path.of(".")).transform(factory, Map.of("expr", expr), batches);
        return StageHarness.rows(out).stream().map(r -> r.get("id")).toList();
    }

    @Test
    void anExpressionKeepsTheRowsWhereItIsTrueInOrder() throws Exception {
        assertEquals(List.of(3L, 4L), exprIds("amount >= 20 and name is null or id = 4", input));
        assertEquals(List.of(1L, 4L), exprIds("vip and (name like 'al%' or amount > 1000)", input));
        assertEquals(List.of(2L, 5L), exprIds("not vip", input));
        assertEquals(List.of(1L, 2L, 4L, 5L), exprIds("coalesce(name, '') != ''", input));
        assertEquals(List.of(), exprIds("null", input));
    }

    @Test
    void aWidenedSchemaIsCheckedAgainAndStillFilters() throws Exception {
        List<RecordBatch> widening = List.of(Batches.of(row("id", 1L, "amount", 150L), row("id", 2L, "amount", 5L)),
                Batches.of(row("id", 3L, "amount", 100.5), row("id", 4L, "amount", 99.9)));
        assertEquals(List.of(1L, 3L), exprIds("amount >= 100", widening));
    }

    @Test
    void aSchemaTheExpressionDoesNotFitFailsTheStageWithTheCompilerMessage() {
        List<RecordBatch> widening = List.of(Batches.of(row("id", 1L, "amount", 150L)),
                Batches.of(row("id", 2L, "amount", "n/a")));
        StageException e = assertThrows(StageException.class, () -> exprIds("amount >= 100", widening));
        assertEquals("test.toml:1:1: stage 'test', key 'expr': '>=' cannot compare amount (string) with 100 (long); "
                + "convert one side, e.g. cast(amount as long), which gives null where a value does not convert "
                + "(a column of numbers read from CSV is string when some of its fields are empty; null_values = [\"\"] "
                + "on the source reads those as nulls) (at column 8 of the expression)\n"
                + "    amount >= 100\n           ^", e.getMessage());
        StageException missing = assertThrows(StageException.class, () -> exprIds("amout > 1", input));
        assertEquals("test.toml:1:1: stage 'test', key 'expr': unknown column 'amout'; columns are: id, amount, name, "
                + "vip (at column 1 of the expression)\n    amout > 1\n    ^ (did you mean 'amount'?)",
                missing.getMessage());
    }

    @Test
    void theDescriptionDocumentsTheLanguageAndItsFunctions() {
        String d = factory.descriptor().description();
        for (String part : List.of("/ always divides as double: 7 / 2 = 3.5", "SQL three-valued logic",
                "string: concat(a, b, ...), contains(s, text)", "math: abs(x), ceil(x)",
                "nulls: coalesce(a, b, ...), if(condition, a, b)", "dates: date_trunc(unit, d), day(d)",
                "casts (null when a value does not convert): date(x)")) {
            org.junit.jupiter.api.Assertions.assertTrue(d.contains(part), part);
        }
        org.junit.jupiter.api.Assertions.assertTrue(new MapFactory().descriptor().description()
                .contains("sees the input columns, not the results of the others"));
    }

    @Test
    void exprAndTheSimpleFormExcludeEachOther() throws Exception {
        StageHarness h = new StageHarness(Path.of("."));
        ConfigException both = assertThrows(ConfigException.class, () -> h.config(factory,
                Map.of("expr", "id > 1", "column", "id", "operator", ">", "value", 1L)));
        assertEquals("test.toml:1:1: stage 'test', key 'column': give either 'expr' or 'column'/'operator'/'value', "
                + "not both; write the whole condition in 'expr'", both.getMessage());
        ConfigException neither = assertThrows(ConfigException.class, () -> h.config(factory, Map.of()));
        assertEquals("test.toml:1:1: stage 'test': give the condition: expr = \"...\", or column, operator and value",
                neither.getMessage());
        ConfigException half = assertThrows(ConfigException.class, () -> h.config(factory, Map.of("column", "id")));
        assertEquals("test.toml:1:1: stage 'test', key 'operator': missing required key 'operator' (the simple form "
                + "needs column, operator and value; or write the condition as expr = \"...\")", half.getMessage());
        ConfigException syntax = assertThrows(ConfigException.class, () -> h.config(factory, Map.of("expr", "id >")));
        assertEquals("test.toml:1:1: stage 'test', key 'expr': the expression ends too early; a value or column is "
                + "missing (at column 5 of the expression)\n    id >\n        ^", syntax.getMessage());
    }

    @Test
    void theOutputSchemaIsTheInputsAndTheConditionIsCheckedAgainstIt() throws Exception {
        StageHarness h = new StageHarness(Path.of("."));
        io.conveyor.api.Schema in = input.get(0).schema();
        assertEquals(in, factory.outputSchema(h.config(factory, Map.of("expr", "id > 1")), List.of(in)));
        assertEquals(null, factory.outputSchema(h.config(factory, Map.of("expr", "nope > 1")),
                java.util.Arrays.asList((io.conveyor.api.Schema) null)));
        ConfigException notBool = assertThrows(ConfigException.class,
                () -> factory.outputSchema(h.config(factory, Map.of("expr", "id + 1")), List.of(in)));
        assertEquals("test.toml:1:1: stage 'test', key 'expr': the filter condition must be true or false, but this "
                + "expression gives a long; compare it, e.g. (...) > 0 (at column 1 of the expression)\n"
                + "    id + 1\n    ^", notBool.getMessage());
        ConfigException column = assertThrows(ConfigException.class, () -> factory.outputSchema(
                h.config(factory, Map.of("column", "nam", "operator", "==", "value", "x")), List.of(in)));
        assertEquals("test.toml:1:1: stage 'test', key 'column': unknown column 'nam'; columns are: id, amount, name, "
                + "vip (did you mean 'name'?)", column.getMessage());
        ConfigException value = assertThrows(ConfigException.class, () -> factory.outputSchema(
                h.config(factory, Map.of("column", "id", "operator", ">", "value", "ten")), List.of(in)));
        assertEquals("test.toml:1:1: stage 'test', key 'value': option 'value' ten cannot be compared with column 'id' "
                + "of type long: cannot convert string 'ten' to long", value.getMessage());
    }
}
