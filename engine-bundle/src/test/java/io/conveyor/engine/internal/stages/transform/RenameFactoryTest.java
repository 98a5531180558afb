package io.conveyor.engine.internal.stages.transform;

import static io.conveyor.engine.internal.stages.Batches.row;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.conveyor.api.ConfigException;
import io.conveyor.api.DataType;
import io.conveyor.api.Field;
import io.conveyor.api.RecordBatch;
import io.conveyor.api.RunStatus;
import io.conveyor.api.Schema;
import io.conveyor.api.StageException;
import io.conveyor.engine.internal.stages.Batches;
import io.conveyor.engine.internal.stages.StageHarness;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RenameFactoryTest {
    private final RenameFactory factory = new RenameFactory();
    private final Schema schema = Schema.of(new Field("id", DataType.LONG), new Field("amount", DataType.DOUBLE),
            new Field("name", DataType.STRING));
    @TempDir
    Path dir;

    private List<RecordBatch> run(Map<String, ?> config, List<RecordBatch> input) throws Exception {
        return new StageHarness(dir).transform(factory, Map.of("columns", config), input);
    }

    @Test
    void renamesKeepingPositionTypeAndValues() throws Exception {
        List<RecordBatch> out = run(Map.of("amount", "total", "id", "order_id"), List.of(
                Batches.of(row("id", 1L, "amount", 2.5, "name", null)),
                Batches.of(row("id", 2L, "amount", null, "name", "bo"))));
        assertEquals(Schema.of(new Field("order_id", DataType.LONG), new Field("total", DataType.DOUBLE),
                new Field("name", DataType.STRING)), out.get(0).schema());
        assertEquals(List.of(row("order_id", 1L, "total", 2.5, "name", null),
                row("order_id", 2L, "total", null, "name", "bo")), StageHarness.rows(out));
    }

    @Test
    void swapsTwoNames() throws Exception {
        List<RecordBatch> out = run(Map.of("id", "name", "name", "id"),
                List.of(Batches.of(row("id", 1L, "amount", 2.5, "name", "al"))));
        assertEquals(List.of(row("name", 1L, "amount", 2.5, "id", "al")), StageHarness.rows(out));
    }

    @Test
    void outputSchemaIsKnownAtCompileTime() throws Exception {
        StageHarness h = new StageHarness(dir);
        assertEquals(List.of("id", "total", "name"), factory.outputSchema(
                h.config(factory, Map.of("columns", Map.of("amount", "total"))), List.of(schema)).names());
        assertNull(factory.outputSchema(h.config(factory, Map.of("columns", Map.of("amount", "total"))),
                Arrays.asList((Schema) null)));
    }

    @Test
    void unknownColumnIsAConfigErrorAtCompileTimeAndTheSameStageErrorAtRunTime() throws Exception {
        StageHarness h = new StageHarness(dir);
        ConfigException e = assertThrows(ConfigException.class, () -> factory.outputSchema(
                h.config(factory, Map.of("columns", Map.of("amout", "total"))), List.of(schema)));
        assertEquals("test.toml:1:1: stage 'test', key 'columns': column 'amout' not found; available columns: id, "
                + "amount, name (did you mean 'amount'?)", e.getMessage());
        StageException s = assertThrows(StageException.class, () -> run(Map.of("amout", "total"),
                List.of(Batches.of(row("id", 1L, "amount", 2.5, "name", "al")))));
        assertEquals("column 'amout' not found; available columns: id, amount, name (did you mean 'amount'?)",
                s.getMessage());
    }

    @Test
    void clashesAreErrors() throws Exception {
        StageHarness h = new StageHarness(dir);
        ConfigException clash = assertThrows(ConfigException.class, () -> factory.outputSchema(
                h.config(factory, Map.of("columns", Map.of("amount", "name"))), List.of(schema)));
        assertEquals("test.toml:1:1: stage 'test', key 'columns': cannot rename 'amount' to 'name': column 'name' "
                + "already exists; rename or drop it as well", clash.getMessage());
        ConfigException twice = assertThrows(ConfigException.class, () -> h.config(factory,
                Map.of("columns", new java.util.LinkedHashMap<>(Map.of("id", "x")) {{ put("amount", "x"); }})));
        assertEquals("test.toml:1:1: stage 'test', key 'columns': columns 'id' and 'amount' are both renamed to 'x'; "
                + "give each a different name", twice.getMessage());
        ConfigException empty = assertThrows(ConfigException.class, () -> h.config(factory, Map.of("columns", Map.of())));
        assertEquals("test.toml:1:1: stage 'test', key 'columns': name at least one column to rename, e.g. columns = "
                + "{ old = \"new\" }", empty.getMessage());
    }

    @Test
    void runsInAPipeline() throws Exception {
        CsvPipeline.Outcome o = new CsvPipeline(dir).run(factory, Map.of("columns", Map.of("b", "beta")),
                "a,b\n1,x\n2,y\n");
        assertEquals(RunStatus.SUCCEEDED, o.result().status(), o.log());
        assertEquals("a,beta\n1,x\n2,y\n", o.output());
    }
}
