package io.conveyor.api.output;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.conveyor.api.Column;
import io.conveyor.api.DataType;
import io.conveyor.api.Field;
import io.conveyor.api.RecordBatch;
import io.conveyor.api.Schema;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WholeNumbersTest {
    @Test
    void onlyDoublesALongHoldsExactlyAreWhole() {
        for (double d : new double[] {0.0, 5.0, -3.0, 1e15, 0x1p53 + 2, -0x1p63, 0x1p62}) {
            assertTrue(WholeNumbers.isWhole(d), Double.toString(d));
        }
        for (double d : new double[] {-0.0, 7.5, 1e-300, Double.NaN, Double.POSITIVE_INFINITY,
            Double.NEGATIVE_INFINITY, 0x1p63, 1e21, -0x1p64, Double.MAX_VALUE, Math.nextUp(0.0)}) {
            assertFalse(WholeNumbers.isWhole(d), Double.toString(d));
        }
    }

    private static RecordBatch batch(Column... columns) {
        String[] names = {"a", "b", "c"};
        List<Field> fields = new java.util.ArrayList<>();
        for (int c = 0; c < columns.length; c++) {
            fields.add(new Field(names[c], columns[c].type()));
        }
        return new RecordBatch(new Schema(fields), List.of(columns), columns[0].size());
    }

    private static Column longs(long... v) {
        return Column.ofLongs(DataType.LONG, v, null, v.length);
    }

    private static Column doubles(double... v) {
        return Column.ofDoubles(v, null, v.length);
    }

    @Test
    void aColumnIsMarkedWhenItWasLongsFirstAndIsDoublesNow() {
        WholeNumbers columns = new WholeNumbers();
        // a: longs, then doubles; b: doubles throughout; c: text, then doubles.
        assertNull(columns.wholeDoubles(batch(longs(1), doubles(1.5), Column.ofObjects(DataType.STRING,
                new Object[] {"x"}, 1))));
        assertNull(columns.wholeDoubles(batch(longs(2), doubles(2.0), Column.ofObjects(DataType.STRING,
                new Object[] {"y"}, 1))), "nothing widened yet");
        assertArrayEquals(new boolean[] {true, false, false},
                columns.wholeDoubles(batch(doubles(3.0), doubles(3.0), doubles(3.0))));
    }

    @Test
    void aColumnIsJudgedByItsFirstValuesNotByABatchOfNullsOrNoRows() {
        WholeNumbers columns = new WholeNumbers();
        assertNull(columns.wholeDoubles(batch(Column.ofLongs(DataType.LONG, new long[0], null, 0))));
        assertNull(columns.wholeDoubles(batch(Column.nulls(DataType.LONG, 3))));
        // The first values are doubles: the column was never written as longs.
        assertNull(columns.wholeDoubles(batch(doubles(4.0))));
        assertNull(columns.wholeDoubles(batch(doubles(5.0))));

        WholeNumbers other = new WholeNumbers();
        assertNull(other.wholeDoubles(batch(Column.ofLongs(DataType.LONG, new long[] {0, 6}, new boolean[] {true, false}, 2))));
        assertArrayEquals(new boolean[] {true}, other.wholeDoubles(batch(doubles(6.0))));
    }

    @Test
    void rowsGiveAMarkedColumnsWholeDoublesAsLongs() {
        RecordBatch widened = batch(doubles(6.0, 7.5, -0.0, 1e20), doubles(8.0, 8.5, 9.0, 1.0));
        boolean[] whole = {true, false};
        assertEquals(Map.of("a", 6L, "b", 8.0), WholeNumbers.row(widened, 0, whole));
        assertEquals(Map.of("a", 7.5, "b", 8.5), WholeNumbers.row(widened, 1, whole));
        // Negative zero and a double past a long's range keep their double form.
        assertEquals(-0.0, WholeNumbers.row(widened, 2, whole).get("a"));
        assertEquals(1e20, WholeNumbers.row(widened, 3, whole).get("a"));
        assertEquals(widened.row(0), WholeNumbers.row(widened, 0, null), "no column marked: the row as it is");
    }
}
