package io.conveyor.engine.internal.stages.transform.nested;

import static io.conveyor.engine.internal.stages.Batches.row;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
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
import io.conveyor.engine.internal.stages.Batches;
import io.conveyor.engine.internal.stages.PipelineFile;
import io.conveyor.engine.internal.stages.StageHarness;
import io.conveyor.testkit.TestStageConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FlattenFactoryTest {
    @TempDir
    Path dir;

    private final FlattenFactory factory = new FlattenFactory();

    private List<RecordBatch> flatten(Map<String, ?> config, RecordBatch... in) throws Exception {
        return new StageHarness(dir).transform(factory, config, List.of(in));
    }

    private static Map<String, Object> ordered(Object... kv) {
        return row(kv);
    }

    @Test
    void replacesTheColumnInPlaceByItsLeavesInOrderOfFirstAppearance() throws Exception {
        RecordBatch in = Batches.of(
                row("id", 1L, "p", ordered("a", 1L, "b", ordered("c", "x", "d", List.of(1L, 2L))), "tail", true),
                row("id", 2L, "p", ordered("e", 2.5, "b", ordered("c", "")), "tail", false),
                row("id", 3L, "p", null, "tail", null));
        RecordBatch b = flatten(Map.of(), in).get(0);
        assertEquals(List.of("id", "p_a", "p_b_c", "p_b_d", "p_e", "tail"), b.schema().names());
        assertEquals(DataType.LONG, b.column("p_a").type());
        assertEquals(DataType.JSON, b.column("p_b_d").type());
        assertEquals(List.of(1L, 2L), b.column("p_b_d").get(0));
        assertEquals("", b.column("p_b_c").get(1));
        assertNull(b.column("p_a").get(1));
        assertNull(b.column("p_e").get(2));
        assertEquals(false, b.column("tail").get(1));
    }

    @Test
    void depthSeparatorAndIndexedArrays() throws Exception {
        Map<String, Object> doc = ordered("a", Map.of("b", Map.of("c", 1L)), "list", List.of(Map.of("x", 1L), 2L));
        RecordBatch in = Batches.of(row("p", doc));
        RecordBatch one = flatten(Map.of("depth", 1L, "separator", "."), in).get(0);
        assertEquals(List.of("p.a", "p.list"), one.schema().names());
        assertEquals(Map.of("b", Map.of("c", 1L)), one.column("p.a").get(0));
        RecordBatch all = flatten(Map.of("arrays", "index"), in).get(0);
        assertEquals(List.of("p_a_b_c", "p_list_0_x", "p_list_1"), all.schema().names());
        assertEquals(2L, all.column("p_list_1").get(0));
    }

    @Test
    void aNullWhereOtherRowsHaveAnObjectIsNoColumnOfItsOwn() throws Exception {
        java.util.HashMap<String, Object> nullAddr = new java.util.HashMap<>();
        nullAddr.put("addr", null);
        nullAddr.put("note", null);
        RecordBatch in = Batches.of(row("p", ordered("addr", Map.of("city", "P"), "note", "n1")), row("p", nullAddr));
        RecordBatch b = flatten(Map.of(), in).get(0);
        // Not p_addr, all nulls, beside p_addr_city: the null row's p_addr_city is null.
        assertEquals(List.of("p_addr_city", "p_note"), b.schema().names());
        assertNull(b.column("p_addr_city").get(1));
        assertNull(b.column("p_note").get(1));
        // Null in every row: a leaf, null, so the column is not lost.
        java.util.HashMap<String, Object> onlyNull = new java.util.HashMap<>();
        onlyNull.put("gone", null);
        RecordBatch none = flatten(Map.of(), Batches.of(row("p", onlyNull))).get(0);
        assertEquals(List.of("p_gone"), none.schema().names());
        assertNull(none.column("p_gone").get(0));
    }

    @Test
    void leafColumnsStayAcrossBatchesAndWidenTheirType() throws Exception {
        List<RecordBatch> out = flatten(Map.of("column", "p"), Batches.of(row("p", Map.of("a", 1L))),
                Batches.of(row("p", Map.of("b", "x"))), Batches.of(row("p", Map.of("a", "y"))));
        assertEquals(List.of("p_a"), out.get(0).schema().names());
        assertEquals(List.of("p_a", "p_b"), out.get(1).schema().names());
        assertNull(out.get(1).column("p_a").get(0));
        assertEquals(DataType.STRING, out.get(2).column("p_a").type());
        assertEquals("y", out.get(2).column("p_a").get(0));
    }

    @Test
    void nameClashesNameBothSides() {
        Map<String, Object> doc = ordered("a_b", 1L, "a", Map.of("b", 2L));
        StageException inside = assertThrows(StageException.class, () -> flatten(Map.of(), Batches.of(row("p", doc))));
        assertEquals("flattening gives two columns named 'p_a_b': from path p.a_b and from path p.a.b; set another "
                + "separator or a smaller depth", inside.getMessage());
        StageException outside = assertThrows(StageException.class, () -> flatten(Map.of(),
                Batches.of(row("p", Map.of("x", 1L), "p_x", "taken"))));
        assertEquals("flattening gives two columns named 'p_x': from path p.x and from input column 'p_x'; set another "
                + "separator, a smaller depth, or rename the input column", outside.getMessage());
    }

    @Test
    void configAndColumnErrors() throws Exception {
        ConfigException depth = assertThrows(ConfigException.class, () -> new StageHarness(dir).config(factory,
                Map.of("depth", 0L)));
        assertEquals("test.toml:1:1: stage 'test', key 'depth': must be at least 1; leave it out to open every level",
                depth.getMessage());
        StageException type = assertThrows(StageException.class, () -> flatten(Map.of("column", "s"),
                Batches.of(row("s", "{}"))));
        assertEquals("column 's' is string; flatten opens json columns (for JSON text in a string column use "
                + "transform.json_extract)", type.getMessage());
        Schema plain = Schema.of(new Field("s", DataType.STRING));
        assertEquals(plain, factory.outputSchema(TestStageConfig.of(factory.descriptor(), Map.of()), List.of(plain)));
        assertNull(factory.outputSchema(TestStageConfig.of(factory.descriptor(), Map.of()),
                List.of(Schema.of(new Field("j", DataType.JSON)))));
        ConfigException missing = assertThrows(ConfigException.class, () -> factory.outputSchema(
                TestStageConfig.of(factory.descriptor(), Map.of("column", "j")), List.of(plain)));
        assertTrue(missing.getMessage().endsWith("key 'column': column 'j' is not in the input (columns: s)"));
    }

    @Test
    void pipelineFile() throws Exception {
        Files.writeString(dir.resolve("in.json"), "[{\"id\":1,\"geo\":{\"lat\":1.5,\"lon\":2}},"
                + "{\"id\":2,\"geo\":{\"lat\":-3,\"lon\":4.25}}]");
        RunResult r = new PipelineFile(dir).run(PipelineFile.header(false) + """
                [[stages]]
                id = "src"
                type = "source.json"
                [stages.config]
                path = "in.json"
                [[stages]]
                id = "flat"
                type = "transform.flatten"
                inputs = ["src"]
                [stages.config]
                separator = "."
                [[stages]]
                id = "out"
                type = "sink.csv"
                inputs = ["flat"]
                [stages.config]
                path = "out.csv"
                """);
        assertEquals(RunStatus.SUCCEEDED, r.status(), String.valueOf(r.error()));
        assertEquals("id,geo.lat,geo.lon\n1,1.5,2.0\n2,-3.0,4.25\n", Files.readString(dir.resolve("out.csv")));
    }
}
