package io.conveyor.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class ColumnTest {

    @Test
    void builderGrowsAndKeepsNulls() {
        ColumnBuilder b = new ColumnBuilder(DataType.LONG, 1);
        for (int i = 0; i < 100; i++) {
            if (i % 10 == 0) {
                b.appendNull();
            } else {
                b.appendLong(i);
            }
        }
        Column c = b.build();
        assertEquals(100, c.size());
        assertTrue(c.isNull(50));
        assertFalse(c.isNull(51));
        assertEquals(51L, c.get(51));
        Column taken = c.take(new int[] {50, 51, 0}, 3);
        assertEquals(java.util.Arrays.asList(null, 51L, null), List.of(0, 1, 2).stream().map(taken::get).toList());
        Column slice = c.slice(9, 12);
        assertEquals(java.util.Arrays.asList(9L, null, 11L), List.of(0, 1, 2).stream().map(slice::get).toList());
    }

    @Test
    void batchRejectsColumnsThatDoNotMatchItsSchema() {
        Column c = Column.ofDoubles(new double[] {1, 2}, null, 2);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new RecordBatch(Schema.of(new Field("x", DataType.LONG)), List.of(c), 2));
        assertEquals("column 'x' is double with 2 rows; expected long with 2", e.getMessage());
    }

    @Test
    void selectNamesTheMissingColumn() {
        RecordBatch b = RowBatcher.toBatch(List.of(java.util.Map.of("a", 1L)));
        assertEquals("no column 'z'; columns are [a]",
                assertThrows(IllegalArgumentException.class, () -> b.select(List.of("z"))).getMessage());
    }
}
