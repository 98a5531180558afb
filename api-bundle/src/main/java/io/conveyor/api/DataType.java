package io.conveyor.api;

import java.util.Locale;

/**
 * The value types a column can hold. Every column is nullable.
 *
 * <p>Storage and plain-Java representation, as returned by {@link Column#get(int)}:
 * <ul>
 * <li>{@link #BOOL}: {@code Boolean}</li>
 * <li>{@link #LONG}: {@code Long}</li>
 * <li>{@link #DOUBLE}: {@code Double}</li>
 * <li>{@link #STRING}: {@code String}</li>
 * <li>{@link #TIMESTAMP}: {@code java.time.Instant}; stored as microseconds since the epoch (UTC)</li>
 * <li>{@link #DATE}: {@code java.time.LocalDate}; stored as days since the epoch</li>
 * <li>{@link #JSON}: a nested value of {@code Map<String,Object>}, {@code List<Object>} and the
 *     plain types above</li>
 * </ul>
 */
public enum DataType {
    /** true / false. */
    BOOL,
    /** 64-bit signed integer. */
    LONG,
    /** 64-bit IEEE floating point. */
    DOUBLE,
    /** Text. */
    STRING,
    /** An instant in UTC with microsecond precision. */
    TIMESTAMP,
    /** A calendar date without time zone. */
    DATE,
    /** A nested object or array. */
    JSON;

    /** @return the lower-case name used in pipeline files ({@code long}, {@code string}, ...). */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Parses a type name as written in a pipeline file. Accepts the aliases {@code int},
     * {@code integer}, {@code float}, {@code boolean}, {@code str} and {@code text}.
     *
     * @param name the name
     * @return the type, or {@code null} if the name is unknown
     */
    public static DataType fromId(String name) {
        if (name == null) {
            return null;
        }
        switch (name.toLowerCase(Locale.ROOT)) {
            case "bool": case "boolean": return BOOL;
            case "long": case "int": case "integer": case "int64": return LONG;
            case "double": case "float": case "float64": return DOUBLE;
            case "string": case "str": case "text": case "utf8": return STRING;
            case "timestamp": case "datetime": return TIMESTAMP;
            case "date": return DATE;
            case "json": return JSON;
            default: return null;
        }
    }

    /** @return true for the types stored in a {@code long[]}: LONG, TIMESTAMP, DATE. */
    public boolean isLongBacked() {
        return this == LONG || this == TIMESTAMP || this == DATE;
    }
}
