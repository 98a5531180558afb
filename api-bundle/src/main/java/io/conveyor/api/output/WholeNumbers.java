package io.conveyor.api.output;

import io.conveyor.api.Column;
import io.conveyor.api.DataType;
import io.conveyor.api.RecordBatch;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Keeps an output's whole numbers written one way after a column widens from long to double.
 *
 * <p>Sources type columns as they stream: a column of whole numbers is a long column until a
 * value with a fraction arrives, and from then on a double column ({@code long → double}). A
 * writer that wrote each batch by its own types put {@code 5} in the rows before the first
 * fraction and {@code 5.0} after it, so copying a file could change the text of values that
 * were never touched, and a database got integers, then doubles, in one field. A sink keeps
 * one of these per output: a column whose first values in the output were longs goes on writing
 * whole doubles as whole numbers ({@code 5}), while fractions are written as always
 * ({@code 7.5}). A column that starts as doubles is not changed ({@code 5.0} throughout), nor
 * are other types.
 *
 * <p>Only doubles that a long holds exactly are written as whole numbers; negative zero, the
 * non-finite values and whole numbers past the range of a long keep their double form, so no
 * value changes, only how it is spelled.
 *
 * <p>A sink that writes row maps uses it so: {@code boolean[] whole = numbers.wholeDoubles(batch);}
 * then {@link #row(RecordBatch, int, boolean[]) WholeNumbers.row(batch, r, whole)} for each row.
 * Not thread-safe: one per output, used by the thread that writes it.
 */
public final class WholeNumbers {
    /** Per column name: whether its first non-null values in this output were longs. */
    private final Map<String, Boolean> startedAsLongs = new HashMap<>();

    /**
     * Notes the types of the batch's columns that have no values in the output yet.
     *
     * @param batch the next batch to write
     * @return per column of the batch, true where the column is double and started as longs (its
     *         whole values are then written as whole numbers), or null when no column is
     */
    public boolean[] wholeDoubles(RecordBatch batch) {
        List<String> names = batch.schema().names();
        boolean[] whole = null;
        for (int c = 0; c < names.size(); c++) {
            Column col = batch.column(c);
            Boolean longs = startedAsLongs.get(names.get(c));
            if (longs == null) {
                if (anyValue(col, batch.rowCount())) {
                    startedAsLongs.put(names.get(c), col.type() == DataType.LONG);
                }
            } else if (longs && col.type() == DataType.DOUBLE) {
                if (whole == null) {
                    whole = new boolean[names.size()];
                }
                whole[c] = true;
            }
        }
        return whole;
    }

    /**
     * @param batch a batch
     * @param row a row of it
     * @param whole what {@link #wholeDoubles} said of the batch (null: no column)
     * @return the row as {@link RecordBatch#row} gives it, with each whole double of a marked
     *         column as a Long
     */
    public static Map<String, Object> row(RecordBatch batch, int row, boolean[] whole) {
        Map<String, Object> out = batch.row(row);
        if (whole != null) {
            List<String> names = batch.schema().names();
            for (int c = 0; c < whole.length; c++) {
                if (whole[c] && out.get(names.get(c)) instanceof Double d && isWhole(d)) {
                    out.put(names.get(c), (long) (double) d);
                }
            }
        }
        return out;
    }

    private static boolean anyValue(Column col, int rows) {
        if (!col.hasNulls()) {
            return rows > 0;
        }
        for (int r = 0; r < rows; r++) {
            if (!col.isNull(r)) {
                return true;
            }
        }
        return false;
    }

    /**
     * @param d a double
     * @return whether {@code d} is a whole number that a long holds exactly, and not negative
     *         zero (whose sign a long would drop)
     */
    public static boolean isWhole(double d) {
        return d >= -0x1p63 && d < 0x1p63 && d == (double) (long) d && (d != 0 || Double.doubleToRawLongBits(d) == 0);
    }
}
