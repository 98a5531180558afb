package io.conveyor.engine.internal.stages.transform;

import static io.conveyor.engine.internal.stages.Batches.row;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.conveyor.api.BatchStream;
import io.conveyor.api.DataType;
import io.conveyor.api.Field;
import io.conveyor.api.RecordBatch;
import io.conveyor.api.RunStatus;
import io.conveyor.api.Schema;
import io.conveyor.engine.internal.stages.Batches;
import io.conveyor.engine.internal.stages.StageHarness;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UnionFactoryTest {
    private final UnionFactory factory = new UnionFactory();
    @TempDir
    Path dir;

    @SafeVarargs
    private List<RecordBatch> run(List<RecordBatch>... inputs) throws Exception {
        StageHarness h = new StageHarness(dir);
        List<BatchStream> streams = new ArrayList<>();
        for (List<RecordBatch> in : inputs) {
            streams.add(StageHarness.of(in));
        }
        try (BatchStream s = factory.open(h.config(factory, Map.of()), streams, h.context)) {
            return StageHarness.drain(s);
        }
    }

    @Test
    void appendsInputsInOrderMatchingColumnsByName() throws Exception {
        List<RecordBatch> out = run(
                List.of(Batches.of(row("id", 1L, "name", "a")), Batches.of(row("id", 2L, "name", "b"))),
                List.of(Batches.of(row("name", "c", "id", 3L, "extra", true))),
                List.of());
        assertEquals(List.of(row("id", 1L, "name", "a", "extra", null), row("id", 2L, "name", "b", "extra", null),
                row("id", 3L, "name", "c", "extra", true)), StageHarness.rows(out));
        for (RecordBatch b : out) {
            assertEquals(List.of("id", "name", "extra"), b.schema().names());
        }
    }

    @Test
    void typesWidenAsSourcesWiden() throws Exception {
        List<RecordBatch> out = run(
                List.of(Batches.of(row("n", 1L, "s", 1L, "j", "text"))),
                List.of(Batches.of(row("n", 2.5, "s", "two", "j", Map.of("k", 1L)))));
        assertEquals(Schema.of(new Field("n", DataType.DOUBLE), new Field("s", DataType.STRING),
                new Field("j", DataType.JSON)), out.get(0).schema());
        assertEquals(List.of(row("n", 1.0, "s", "1", "j", "text"), row("n", 2.5, "s", "two", "j", Map.of("k", 1L))),
                StageHarness.rows(out));
    }

    @Test
    void laterWideningInTheSameInputWidensFromThereOn() throws Exception {
        List<RecordBatch> out = run(
                List.of(Batches.of(row("n", 1L)), Batches.of(row("n", 1.5))),
                List.of(Batches.of(row("n", 3L))));
        assertEquals(List.of(DataType.LONG, DataType.DOUBLE, DataType.DOUBLE),
                out.stream().map(b -> b.schema().field(0).type()).toList());
        assertEquals(List.of(1L, 1.5, 3.0), StageHarness.rows(out).stream().map(r -> r.get("n")).toList());
    }

    @Test
    void emptyInputsGiveNothingAndTheSchemaIsKnownWhenEveryInputsIs() throws Exception {
        assertEquals(List.of(), run(List.of(), List.of()));
        Schema a = Schema.of(new Field("id", DataType.LONG));
        Schema b = Schema.of(new Field("id", DataType.DOUBLE), new Field("x", DataType.BOOL));
        assertEquals(Schema.of(new Field("id", DataType.DOUBLE), new Field("x", DataType.BOOL)),
                factory.outputSchema(null, List.of(a, b)));
        assertNull(factory.outputSchema(null, Arrays.asList(a, null)));
        assertEquals(2, factory.descriptor().minInputs());
    }

    @Test
    void runsInAPipeline() throws Exception {
        CsvPipeline.Outcome o = new CsvPipeline(dir).run(factory, Map.of(), "id,a\n1,x\n2,y\n", "b,id\ntrue,3\n");
        assertEquals(RunStatus.SUCCEEDED, o.result().status(), o.log());
        assertEquals("id,a,b\n1,x,\n2,y,\n3,,true\n", o.output());
    }
}
