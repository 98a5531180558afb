package io.conveyor.plugin.mongodb.bson;

/** How a source turns Decimal128 values into the data model (option {@code decimal_as}). */
public enum DecimalMapping {
    /** The exact decimal text, e.g. {@code "1234.50"}: lossless. */
    STRING,
    /** The nearest double: convenient for arithmetic, may round. */
    DOUBLE;

    /** @param option {@code string} or {@code double}
     *  @return the mapping */
    public static DecimalMapping of(String option) {
        return "double".equals(option) ? DOUBLE : STRING;
    }
}
