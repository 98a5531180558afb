package io.conveyor.engine.internal.stages.transform.join;

import static io.conveyor.engine.internal.stages.Batches.row;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.conveyor.api.BatchStream;
import io.conveyor.api.ConfigException;
import io.conveyor.api.DataType;
import io.conveyor.api.Field;
import io.conveyor.api.RecordBatch;
import io.conveyor.api.RunStatus;
import io.conveyor.api.Schema;
import io.conveyor.api.StageException;
import io.conveyor.engine.internal.stages.Batches;
import io.conveyor.engine.internal.stages.StageHarness;
import io.conveyor.engine.internal.stages.transform.CsvPipeline;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JoinFactoryTest {
    private final JoinFactory factory = new JoinFactory();
    @TempDir
    Path dir;

    private final List<RecordBatch> orders = List.of(
            Batches.of(row("id", 1L, "user_id", 10L, "amount", 5.0), row("id", 2L, "user_id", 20L, "amount", 6.0),
                    row("id", 3L, "user_id", 30L, "amount", 7.0)),
            Batches.of(row("id", 4L, "user_id", null, "amount", 8.0), row("id", 5L, "user_id", 10L, "amount", 9.0)));
    private final List<RecordBatch> users = List.of(
            Batches.of(row("user_id", 10L, "name", "ann", "id", 100L), row("user_id", 20L, "name", "bob", "id", 200L)),
            Batches.of(row("user_id", 10L, "name", "ann2", "id", 101L), row("user_id", 40L, "name", "dan", "id", 400L),
                    row("user_id", null, "name", "nul", "id", 500L)));

    private List<Map<String, Object>> join(Map<String, ?> config, List<RecordBatch> left, List<RecordBatch> right)
            throws Exception {
        StageHarness h = new StageHarness(dir);
        try (BatchStream s = factory.open(h.config(factory, config), List.of(StageHarness.of(left),
                StageHarness.of(right)), h.context)) {
            return StageHarness.rows(StageHarness.drain(s));
        }
    }

    private List<Map<String, Object>> join(String how) throws Exception {
        return join(Map.of("how", how, "on", "user_id"), orders, users);
    }

    private static Map<String, Object> out(Long id, Long user, Double amount, String name, Long idRight) {
        return row("id", id, "user_id", user, "amount", amount, "name", name, "id_right", idRight);
    }

    private final Map<String, Object> o1a = out(1L, 10L, 5.0, "ann", 100L);
    private final Map<String, Object> o1b = out(1L, 10L, 5.0, "ann2", 101L);
    private final Map<String, Object> o2 = out(2L, 20L, 6.0, "bob", 200L);
    private final Map<String, Object> o3 = out(3L, 30L, 7.0, null, null);
    private final Map<String, Object> o4 = out(4L, null, 8.0, null, null);
    private final Map<String, Object> o5a = out(5L, 10L, 9.0, "ann", 100L);
    private final Map<String, Object> o5b = out(5L, 10L, 9.0, "ann2", 101L);
    private final Map<String, Object> dan = out(null, 40L, null, "dan", 400L);
    private final Map<String, Object> nul = out(null, null, null, "nul", 500L);

    @Test
    void innerKeepsLeftOrderWithMatchesInRightOrderAndNullKeysNeverMatch() throws Exception {
        assertEquals(List.of(o1a, o1b, o2, o5a, o5b), join("inner"));
    }

    @Test
    void leftRightAndFullKeepUnmatchedRows() throws Exception {
        assertEquals(List.of(o1a, o1b, o2, o3, o4, o5a, o5b), join("left"));
        assertEquals(List.of(o1a, o1b, o2, o5a, o5b, dan, nul), join("right"));
        assertEquals(List.of(o1a, o1b, o2, o3, o4, o5a, o5b, dan, nul), join("full"));
    }

    @Test
    void semiAndAntiKeepLeftRowsOnceWithLeftColumnsOnly() throws Exception {
        assertEquals(List.of(orders.get(0).row(0), orders.get(0).row(1), orders.get(1).row(1)), join("semi"));
        assertEquals(List.of(orders.get(0).row(2), orders.get(1).row(0)), join("anti"));
    }

    @Test
    void leftOnAndRightOnKeepBothKeysAndTheSuffixIsConfigurable() throws Exception {
        List<RecordBatch> accounts = List.of(Batches.of(row("uid", 20L, "id", 7L), row("uid", 10L, "id", 8L)));
        assertEquals(List.of(row("id", 1L, "user_id", 10L, "amount", 5.0, "uid", 10L, "id_u", 8L),
                row("id", 2L, "user_id", 20L, "amount", 6.0, "uid", 20L, "id_u", 7L),
                row("id", 5L, "user_id", 10L, "amount", 9.0, "uid", 10L, "id_u", 8L)),
                join(Map.of("left_on", "user_id", "right_on", "uid", "suffix", "_u"), orders, accounts));
    }

    @Test
    void severalKeysAndKeysOfDifferentNumericTypesMatch() throws Exception {
        List<RecordBatch> left = List.of(Batches.of(row("a", "x", "b", 1L, "v", 1L), row("a", "x", "b", 2L, "v", 2L),
                row("a", "y", "b", 1L, "v", 3L)));
        List<RecordBatch> right = List.of(Batches.of(row("a", "y", "b", 1.0, "w", "first"),
                row("a", "x", "b", 2.0, "w", "second"), row("a", "x", "b", 2.5, "w", "none")));
        assertEquals(List.of(row("a", "x", "b", 2L, "v", 2L, "w", "second"), row("a", "y", "b", 1L, "v", 3L, "w", "first")),
                join(Map.of("on", List.of("a", "b")), left, right));
        List<Map<String, Object>> full = join(Map.of("on", List.of("a", "b"), "how", "full"), left, right);
        assertEquals(row("a", "x", "b", 2.5, "v", null, "w", "none"), full.get(full.size() - 1));
        assertEquals(row("a", "x", "b", 1.0, "v", 1L, "w", null), full.get(0));
    }

    @Test
    void emptyInputs() throws Exception {
        assertEquals(List.of(), join(Map.of("on", "user_id"), orders, List.of()));
        assertEquals(5, join(Map.of("on", "user_id", "how", "anti"), orders, List.of()).size());
        assertEquals(List.of(row("id", 3L, "user_id", 30L, "amount", 7.0)),
                join(Map.of("on", "user_id", "how", "left"), List.of(orders.get(0).slice(2, 3)), List.of()));
        assertEquals(List.of(row("user_id", 40L, "name", "dan", "id", 400L)),
                join(Map.of("on", "user_id", "how", "right"), List.of(), List.of(users.get(1).slice(1, 2))));
        assertEquals(List.of(), join(Map.of("on", "user_id", "how", "full"), List.of(), List.of()));
    }

    @Test
    void outputSchemaIsKnownAtCompileTime() throws Exception {
        StageHarness h = new StageHarness(dir);
        Schema left = Schema.of(new Field("id", DataType.LONG), new Field("k", DataType.LONG));
        Schema right = Schema.of(new Field("k", DataType.DOUBLE), new Field("id", DataType.STRING));
        assertEquals(Schema.of(new Field("id", DataType.LONG), new Field("k", DataType.LONG),
                new Field("id_right", DataType.STRING)),
                factory.outputSchema(h.config(factory, Map.of("on", "k")), List.of(left, right)));
        assertEquals(Schema.of(new Field("id", DataType.LONG), new Field("k", DataType.DOUBLE),
                new Field("id_right", DataType.STRING)),
                factory.outputSchema(h.config(factory, Map.of("on", "k", "how", "full")), List.of(left, right)));
        assertEquals(left, factory.outputSchema(h.config(factory, Map.of("on", "k", "how", "semi")),
                Arrays.asList(left, null)));
        assertNull(factory.outputSchema(h.config(factory, Map.of("on", "k")), Arrays.asList(left, null)));
    }

    @Test
    void errorsNameTheKeyAndTheInput() throws Exception {
        StageHarness h = new StageHarness(dir);
        Schema left = Schema.of(new Field("id", DataType.LONG), new Field("id_right", DataType.LONG),
                new Field("user_id", DataType.LONG));
        Schema right = Schema.of(new Field("user_id", DataType.LONG), new Field("id", DataType.LONG));
        ConfigException suffix = assertThrows(ConfigException.class, () -> factory.outputSchema(
                h.config(factory, Map.of("on", "user_id")), List.of(left, right)));
        assertEquals("test.toml:1:1: stage 'test', key 'suffix': column 'id' is in both inputs and 'id_right' is taken "
                + "too; choose another `suffix`", suffix.getMessage());
        ConfigException leftKey = assertThrows(ConfigException.class, () -> factory.outputSchema(
                h.config(factory, Map.of("left_on", "userid", "right_on", "user_id")), List.of(left, right)));
        assertEquals("test.toml:1:1: stage 'test', key 'left_on': column 'userid' not found in the left input; "
                + "available columns: id, id_right, user_id (did you mean 'user_id'?)", leftKey.getMessage());
        StageException rightKey = assertThrows(StageException.class, () -> join(
                Map.of("left_on", "user_id", "right_on", "user"), orders, users));
        assertEquals("column 'user' not found in the right input; available columns: user_id, name, id",
                rightKey.getMessage());
        ConfigException both = assertThrows(ConfigException.class, () -> h.config(factory,
                Map.of("on", "a", "left_on", "a", "right_on", "b")));
        assertEquals("test.toml:1:1: stage 'test', key 'on': give either `on` (the same column names on both sides) or "
                + "`left_on` and `right_on`, not both", both.getMessage());
        ConfigException none = assertThrows(ConfigException.class, () -> h.config(factory, Map.of("how", "left")));
        assertEquals("test.toml:1:1: stage 'test', key 'on': name the join keys with `on`, or with `left_on` and "
                + "`right_on`", none.getMessage());
        ConfigException half = assertThrows(ConfigException.class, () -> h.config(factory, Map.of("left_on", "a")));
        assertEquals("test.toml:1:1: stage 'test', key 'left_on': `left_on` and `right_on` go together; add "
                + "`right_on`", half.getMessage());
        ConfigException counts = assertThrows(ConfigException.class, () -> h.config(factory,
                Map.of("left_on", List.of("a", "b"), "right_on", "a")));
        assertEquals("test.toml:1:1: stage 'test', key 'right_on': has 1 columns for 2 in `left_on`; give one right "
                + "key per left key", counts.getMessage());
        Map<String, Object> badHow = new HashMap<>(Map.of("on", "a", "how", "outer"));
        Exception how = assertThrows(Exception.class, () -> h.config(factory, badHow));
        assertEquals("pipeline.toml: stage 'test_stage', key 'how': value 'outer' is not allowed; use one of: inner, "
                + "left, right, full, semi, anti", how.getMessage());
    }

    @Test
    void runsInAPipeline() throws Exception {
        CsvPipeline.Outcome o = new CsvPipeline(dir).batchSize(2).run(factory, Map.of("on", "user_id", "how", "left"),
                "id,user_id,amount\n1,10,5.5\n2,30,1.0\n3,20,2.0\n", "user_id,name\n20,bob\n10,ann\n");
        assertEquals(RunStatus.SUCCEEDED, o.result().status(), o.log());
        assertEquals("id,user_id,amount,name\n1,10,5.5,ann\n2,30,1.0,\n3,20,2.0,bob\n", o.output());
    }
}
