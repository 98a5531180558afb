package io.conveyor.engine.internal.expr;

import io.conveyor.api.Column;
import io.conveyor.api.DataType;
import io.conveyor.api.RecordBatch;
import io.conveyor.api.Schema;

/** An expression type-checked against one schema, evaluated a batch at a time. */
public final class BoundExpression {
    private final Schema schema;
    private final DataType type;
    private final Eval eval;

    BoundExpression(Schema schema, DataType type, Eval eval) {
        this.schema = schema;
        this.type = type;
        this.eval = eval;
    }

    /** @return the type of its values (string for a bare {@code null}) */
    public DataType type() {
        return type;
    }

    /**
     * @param batch rows of the schema it was bound to
     * @return one value per row
     */
    public Column evaluate(RecordBatch batch) {
        if (!batch.schema().equals(schema)) {
            throw new IllegalArgumentException("bound to " + schema + " but given " + batch.schema());
        }
        return eval.eval(batch, null);
    }

    /**
     * For a bool expression: the rows where it is true (not false, not null), in order.
     *
     * @param batch rows of the schema it was bound to
     * @param rows receives the row indices; at least {@code batch.rowCount()} long
     * @return how many rows were written to {@code rows}
     */
    public int select(RecordBatch batch, int[] rows) {
        Column c = evaluate(batch);
        boolean[] v = c.boolData();
        boolean[] nulls = c.nullMask();
        int n = batch.rowCount();
        int count = 0;
        if (nulls == null) {
            for (int i = 0; i < n; i++) {
                if (v[i]) {
                    rows[count++] = i;
                }
            }
        } else {
            for (int i = 0; i < n; i++) {
                if (v[i] && !nulls[i]) {
                    rows[count++] = i;
                }
            }
        }
        return count;
    }
}
