package io.conveyor.engine.internal.stages.transform.columns;

import static io.conveyor.engine.internal.stages.Batches.row;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.conveyor.api.DataType;
import io.conveyor.api.Field;
import io.conveyor.api.RecordBatch;
import io.conveyor.api.Schema;
import io.conveyor.engine.internal.stages.Batches;
import java.util.List;
import org.junit.jupiter.api.Test;

class SchemaMergerTest {
    @Test
    void mergesByNameInFirstSeenOrderWideningLikeRowBatcher() {
        Schema a = Schema.of(new Field("id", DataType.LONG), new Field("s", DataType.BOOL), new Field("j", DataType.LONG));
        Schema b = Schema.of(new Field("x", DataType.DATE), new Field("id", DataType.DOUBLE),
                new Field("s", DataType.LONG), new Field("j", DataType.JSON));
        assertEquals(Schema.of(new Field("id", DataType.DOUBLE), new Field("s", DataType.STRING),
                new Field("j", DataType.JSON), new Field("x", DataType.DATE)), SchemaMerger.merge(List.of(a, b)));
        assertSame(a, SchemaMerger.merge(a, Schema.of(new Field("id", DataType.LONG))));
    }

    @Test
    void concatConformsEveryBatchAndKeepsNulls() {
        RecordBatch one = Batches.of(row("id", 1L, "t", true), row("id", null, "t", false));
        RecordBatch two = Batches.of(row("id", 2.5, "name", "x"));
        RecordBatch all = SchemaMerger.concat(List.of(one, two));
        assertEquals(List.of(row("id", 1.0, "t", true, "name", null), row("id", null, "t", false, "name", null),
                row("id", 2.5, "t", null, "name", "x")), all.rows());
        assertSame(one, SchemaMerger.conform(one, one.schema()));
    }

    @Test
    void gatherGivesNullsForNegativeRows() {
        RecordBatch b = Batches.of(row("n", 1L, "s", "a"), row("n", null, "s", null), row("n", 3L, "s", "c"));
        int[] rows = {2, -1, 0, 1};
        io.conveyor.api.Column n = ColumnGather.take(b.column(0), rows, 4);
        assertEquals(java.util.Arrays.asList(3L, null, 1L, null), java.util.Arrays.asList(n.get(0), n.get(1), n.get(2),
                n.get(3)));
        assertEquals(java.util.Arrays.asList("c", null, "a", null),
                java.util.Arrays.asList(ColumnGather.take(b.column(1), rows, 4).objectData()));
    }
}
