package io.conveyor.engine.internal.config;

import io.conveyor.api.OptionType;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

/**
 * The words a type error uses: what was found ({@code a string}) and what was expected
 * ({@code an integer}), so every message reads {@code expected X, found Y}.
 */
final class ValueKinds {
    private ValueKinds() {
    }

    /**
     * @param value a plain TOML value
     * @return its kind with an article: {@code a string}, {@code an integer}, {@code a table}, ...
     */
    static String describe(Object value) {
        if (value instanceof String) {
            return "a string";
        }
        if (value instanceof Long || value instanceof Integer) {
            return "an integer";
        }
        if (value instanceof Double || value instanceof Float) {
            return "a number";
        }
        if (value instanceof Boolean) {
            return "a boolean";
        }
        if (value instanceof Map) {
            return "a table";
        }
        if (value instanceof List) {
            return "an array";
        }
        if (value instanceof OffsetDateTime || value instanceof LocalDateTime) {
            return "a date-time";
        }
        if (value instanceof LocalDate) {
            return "a date";
        }
        if (value instanceof LocalTime) {
            return "a time";
        }
        return value == null ? "nothing" : "a " + value.getClass().getSimpleName();
    }

    /**
     * @param type an option type
     * @return what a value of that type is called: {@code a string or a table}, ...
     */
    static String describe(OptionType type) {
        return switch (type) {
            case STRING -> "a string";
            case INTEGER -> "an integer";
            case FLOAT -> "a number";
            case BOOLEAN -> "a boolean";
            case TABLE -> "a table";
            case ARRAY -> "an array";
            case STRING_OR_TABLE -> "a string or a table";
            case STRING_OR_ARRAY -> "a string or an array of strings";
            case BOOLEAN_OR_ARRAY -> "a boolean or an array";
            case ANY -> "any value";
        };
    }

    /**
     * @param type an option type
     * @param value a plain value
     * @return true if the value has the shape the type asks for (array elements of
     *         {@code STRING_OR_ARRAY} are checked separately, to point at the element)
     */
    static boolean fits(OptionType type, Object value) {
        return switch (type) {
            case STRING -> value instanceof String;
            case INTEGER -> value instanceof Long;
            case FLOAT -> value instanceof Long || value instanceof Double;
            case BOOLEAN -> value instanceof Boolean;
            case TABLE -> value instanceof Map;
            case ARRAY -> value instanceof List;
            case STRING_OR_TABLE -> value instanceof String || value instanceof Map;
            case STRING_OR_ARRAY -> value instanceof String || value instanceof List;
            case BOOLEAN_OR_ARRAY -> value instanceof Boolean || value instanceof List;
            case ANY -> true;
        };
    }

    /**
     * @param expected what was expected, with article
     * @param found the value found
     * @return {@code expected X, found Y}
     */
    static String mismatch(String expected, Object found) {
        return "expected " + expected + ", found " + describe(found);
    }
}
