package io.conveyor.engine.internal.expr;

import io.conveyor.api.Column;
import io.conveyor.api.ColumnBuilder;
import io.conveyor.api.DataType;

/**
 * A node after type checking: its type, how to evaluate it, and its value when it is a
 * literal (constants let comparisons and {@code in} run against a scalar).
 *
 * @param type the value type; null only for an untyped {@code null} literal
 * @param eval the evaluator
 * @param constant the plain value of a non-null literal, else null
 * @param node the syntax node, for messages
 */
record Bound(DataType type, Eval eval, Object constant, Node node) {
    /** @return true for a {@code null} literal not yet given a type */
    boolean isNullLiteral() {
        return type == null;
    }

    /** @return true for a literal (null included) */
    boolean isConstant() {
        return constant != null || type == null;
    }

    /**
     * @param value a plain value of {@code type}, or null
     * @param type its type
     * @param node the literal's node
     * @return a literal that evaluates to a column repeating the value
     */
    static Bound literal(Object value, DataType type, Node node) {
        DataType storage = type == null ? DataType.STRING : type;
        Column[] cache = new Column[1];
        Eval eval = (batch, active) -> {
            int n = batch.rowCount();
            Column c = cache[0];
            if (c == null || c.size() != n) {
                ColumnBuilder b = new ColumnBuilder(storage, n);
                for (int i = 0; i < n; i++) {
                    b.append(value);
                }
                c = b.build();
                cache[0] = c;
            }
            return c;
        };
        return new Bound(type, eval, value, node);
    }

    /**
     * @param target the type wanted
     * @return this value as {@code target}: a typed null for the null literal, a widened column
     *         for long to double and date to timestamp; itself when it already has that type
     */
    Bound as(DataType target) {
        if (type == target) {
            return this;
        }
        if (type == null) {
            return literal(null, target, node);
        }
        if (constant != null) {
            return literal(Casts.convert(constant, type, target), target, node);
        }
        Eval widened = Casts.vector(eval, type, target);
        return new Bound(target, widened, null, node);
    }
}
