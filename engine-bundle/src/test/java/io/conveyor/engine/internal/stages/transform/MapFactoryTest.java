package io.conveyor.engine.internal.stages.transform;

import static io.conveyor.engine.internal.stages.Batches.row;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.conveyor.api.ConfigException;
import io.conveyor.api.DataType;
import io.conveyor.api.Field;
import io.conveyor.api.RecordBatch;
import io.conveyor.api.Schema;
import io.conveyor.api.StageException;
import io.conveyor.engine.internal.stages.Batches;
import io.conveyor.engine.internal.stages.StageHarness;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MapFactoryTest {
    private final MapFactory factory = new MapFactory();
    private final StageHarness harness = new StageHarness(Path.of("."));
    private final List<RecordBatch> input = List.of(
            Batches.of(row("id", 1L, "price", 2.5, "qty", 4L, "name", " ann "),
                    row("id", 2L, "price", null, "qty", 1L, "name", "bob")),
            Batches.of(row("id", 3L, "price", 10.0, "qty", 0L, "name", null)));

    private static Map<String, Object> columns(String... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put(kv[i], kv[i + 1]);
        }
        return Map.of("columns", m);
    }

    @Test
    void newColumnsAppendInOrderAndReplacedOnesKeepTheirPlace() throws Exception {
        List<RecordBatch> out = harness.transform(factory,
                columns("total", "price * qty", "name", "upper(trim(name))", "big", "price * qty > 5"), input);
        assertEquals(List.of("id", "price", "qty", "name", "total", "big"), out.get(0).schema().names());
        assertEquals(DataType.DOUBLE, out.get(0).schema().field(4).type());
        assertEquals(Arrays.asList(10.0, null, 0.0), StageHarness.rows(out).stream().map(r -> r.get("total")).toList());
        assertEquals(Arrays.asList("ANN", "BOB", null),
                StageHarness.rows(out).stream().map(r -> r.get("name")).toList());
        assertEquals(Arrays.asList(true, null, false), StageHarness.rows(out).stream().map(r -> r.get("big")).toList());
    }

    @Test
    void everyExpressionSeesTheInputColumnsNotTheOthersResults() throws Exception {
        List<RecordBatch> out = harness.transform(factory, columns("qty", "qty + 100", "double_qty", "qty * 2"), input);
        assertEquals(List.of(104L, 101L, 100L), StageHarness.rows(out).stream().map(r -> r.get("qty")).toList());
        assertEquals(List.of(8L, 2L, 0L), StageHarness.rows(out).stream().map(r -> r.get("double_qty")).toList());
    }

    @Test
    void theSimpleFormComputesOneColumn() throws Exception {
        List<RecordBatch> out = harness.transform(factory,
                Map.of("expression", "case when qty = 0 then 'none' else 'some' end", "output_column", "stock"), input);
        assertEquals(List.of("some", "some", "none"), StageHarness.rows(out).stream().map(r -> r.get("stock")).toList());
    }

    @Test
    void theOutputSchemaIsKnownAtCompileTime() throws Exception {
        Schema in = input.get(0).schema();
        Schema out = factory.outputSchema(harness.config(factory, columns("id", "to_string(id)", "n", "length(name)")),
                List.of(in));
        assertEquals(Schema.of(new Field("id", DataType.STRING), new Field("price", DataType.DOUBLE),
                new Field("qty", DataType.LONG), new Field("name", DataType.STRING), new Field("n", DataType.LONG)), out);
        ConfigException e = assertThrows(ConfigException.class, () -> factory.outputSchema(
                harness.config(factory, columns("ok", "id", "bad", "name * 2")), List.of(in)));
        assertEquals("test.toml:1:1: stage 'test', key 'columns.bad': '*' needs numbers, but name (string) is not "
                + "one; convert it with to_long(...) or to_double(...) (at column 6 of the expression)\n"
                + "    name * 2\n         ^", e.getMessage());
    }

    @Test
    void configMistakesAreNamed() {
        ConfigException both = assertThrows(ConfigException.class, () -> harness.config(factory,
                Map.of("expression", "1", "output_column", "x", "columns", Map.of("y", "2"))));
        assertEquals("test.toml:1:1: stage 'test', key 'expression': give either 'columns' or "
                + "'expression'/'output_column', not both; add this one to 'columns'", both.getMessage());
        ConfigException neither = assertThrows(ConfigException.class, () -> harness.config(factory, Map.of()));
        assertEquals("test.toml:1:1: stage 'test': give what to compute: expression = \"...\" with output_column = "
                + "\"name\", or a table [stages.config.columns] of name = \"expression\"", neither.getMessage());
        ConfigException half = assertThrows(ConfigException.class,
                () -> harness.config(factory, Map.of("expression", "1")));
        assertEquals("test.toml:1:1: stage 'test', key 'output_column': missing required key 'output_column': "
                + "'expression' and 'output_column' go together", half.getMessage());
        ConfigException notText = assertThrows(ConfigException.class,
                () -> harness.config(factory, Map.of("columns", Map.of("y", 2L))));
        assertEquals("test.toml:1:1: stage 'test', key 'columns.y': must be an expression in a string, e.g. "
                + "y = \"price * qty\"", notText.getMessage());
        ConfigException syntax = assertThrows(ConfigException.class,
                () -> harness.config(factory, columns("y", "price *")));
        assertEquals("test.toml:1:1: stage 'test', key 'columns.y': the expression ends too early; a value or column "
                + "is missing (at column 8 of the expression)\n    price *\n           ^", syntax.getMessage());
    }

    @Test
    void aSchemaTheExpressionsDoNotFitFailsTheStage() {
        StageException e = assertThrows(StageException.class,
                () -> harness.transform(factory, columns("y", "nme || 'x'"), input));
        assertEquals("test.toml:1:1: stage 'test', key 'columns.y': unknown column 'nme'; columns are: id, price, "
                + "qty, name (at column 1 of the expression)\n    nme || 'x'\n    ^ (did you mean 'name'?)",
                e.getMessage());
    }
}
