package io.conveyor.engine.internal.expr;

import io.conveyor.api.DataType;

/** Which types mix: long with double gives double, date with timestamp gives timestamp. */
final class TypeRules {
    private TypeRules() {
    }

    /**
     * @param a a type, or null for "no information yet"
     * @param b a type
     * @return the type both convert to, or null when they do not mix
     */
    static DataType common(DataType a, DataType b) {
        if (a == null || a == b) {
            return b;
        }
        if (b == null) {
            return a;
        }
        if (isNumeric(a) && isNumeric(b)) {
            return DataType.DOUBLE;
        }
        if ((a == DataType.DATE || a == DataType.TIMESTAMP) && (b == DataType.DATE || b == DataType.TIMESTAMP)) {
            return DataType.TIMESTAMP;
        }
        return null;
    }

    static boolean isNumeric(DataType t) {
        return t == DataType.LONG || t == DataType.DOUBLE;
    }
}
