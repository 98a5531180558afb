package io.conveyor.api;

import java.util.Locale;

/** The TOML value kinds a stage option accepts. */
public enum OptionType {
    /** A string. */
    STRING,
    /** An integer. */
    INTEGER,
    /** A number; integers are accepted and widened. */
    FLOAT,
    /** true or false. */
    BOOLEAN,
    /** A table with free-form keys (e.g. HTTP headers). */
    TABLE,
    /** An array. */
    ARRAY,
    /** Either a string or a table (e.g. a query written as JSON text or as a TOML table). */
    STRING_OR_TABLE,
    /** Either a string or an array of strings (e.g. one sort key or several). */
    STRING_OR_ARRAY,
    /** Either a boolean or an array (e.g. one flag for all keys or one per key). */
    BOOLEAN_OR_ARRAY,
    /** Any value; the factory's {@link StageFactory#validate} checks it. */
    ANY;

    /** @return the name shown to users ({@code string}, {@code integer}, ...) */
    public String id() {
        return name().toLowerCase(Locale.ROOT).replace('_', ' ');
    }
}
