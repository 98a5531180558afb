package io.conveyor.engine.internal.expr;

import io.conveyor.api.Column;
import io.conveyor.api.RecordBatch;

/**
 * A type-checked expression node, evaluated a whole batch at a time into one column.
 * {@code active} marks the rows whose value matters (null: all rows); a node may skip the
 * other rows and leave any value there, which is how {@code and}, {@code or} and
 * {@code case} avoid work on rows already decided. Evaluation never throws for a data value:
 * what cannot be computed for a row (division by zero, a cast that does not parse) is null.
 */
@FunctionalInterface
interface Eval {
    /**
     * @param batch the input rows
     * @param active the rows to compute, or null for all
     * @return a column of {@code batch.rowCount()} rows
     */
    Column eval(RecordBatch batch, boolean[] active);
}
