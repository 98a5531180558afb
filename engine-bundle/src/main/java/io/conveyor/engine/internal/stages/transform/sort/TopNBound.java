package io.conveyor.engine.internal.stages.transform.sort;

import io.conveyor.api.Column;
import io.conveyor.api.DataType;
import io.conveyor.api.RecordBatch;
import io.conveyor.engine.internal.exec.RowCutoff;

/**
 * The cut-off of a top-N sort: once the sort holds its N first rows, a new row whose first key
 * comes after the N-th row's first key can never enter, and is dropped as its batch arrives,
 * a whole column at a time, before it is held or sorted. Rows whose first key ties the N-th
 * row's are kept for the full comparison (their later keys and input order decide).
 * Immutable: the sort makes a new one as its N rows improve, and may publish it for the
 * stages upstream to apply too ({@link RowCutoff}).
 *
 * <p>Only a number, bool, date or timestamp first key is tested; for a string or json first
 * key, a null bound, or a batch whose first key column has another type (a source widened
 * it), every row is kept.
 */
final class TopNBound implements RowCutoff.Test {
    private final String keyName;
    private final DataType type;
    private final boolean descending;
    private final boolean nullsFirst;
    private final long bound;

    private TopNBound(String keyName, DataType type, boolean descending, boolean nullsFirst, long bound) {
        this.keyName = keyName;
        this.type = type;
        this.descending = descending;
        this.nullsFirst = nullsFirst;
        this.bound = bound;
    }

    /**
     * @param top the rows held, in order, exactly N of them (N &gt; 0)
     * @param keyName the first sort key
     * @param descending the first key's direction
     * @param nullsFirst where null keys go
     * @return the cut-off after the last row of {@code top}, or null when no batch can be narrowed by it
     */
    static TopNBound after(RecordBatch top, String keyName, boolean descending, boolean nullsFirst) {
        Column key = top.column(keyName);
        int last = top.rowCount() - 1;
        if (key == null || last < 0 || key.objectData() != null || key.isNull(last)) {
            return null;
        }
        return new TopNBound(keyName, key.type(), descending, nullsFirst,
                RowOrder.encoded(key, last, descending));
    }

    /** @return the sort's first key, the column this cut-off reads at the sort's own input */
    String column() {
        return keyName;
    }

    @Override
    public int select(Column key, int[] rows) {
        if (key.type() != type) {
            return -1;
        }
        boolean[] nulls = key.nullMask();
        int n = key.size();
        int count = 0;
        for (int r = 0; r < n; r++) {
            boolean keep = nulls != null && nulls[r] ? nullsFirst
                    : RowOrder.encoded(key, r, descending) <= bound;
            if (keep) {
                rows[count++] = r;
            }
        }
        return count;
    }
}
