package io.conveyor.plugin.mongodb.bson;

import java.util.Locale;

/**
 * A BSON type the sink can be told to write for a field (option {@code bson_types}), for
 * the values the data model holds in a wider type: decimals and binaries arrive as text,
 * int32 as a long, ObjectIds as hex text.
 */
public enum TargetType {
    /** 24 hex digits → ObjectId. */
    OBJECT_ID,
    /** Decimal text or a number → Decimal128. */
    DECIMAL128,
    /** Base64 text → binary, subtype 0. */
    BINARY,
    /** UUID text → binary, subtype 4. */
    UUID,
    /** An integer that fits 32 bits → int32. */
    INT32,
    /** An integer → int64 (the default for integers). */
    INT64,
    /** A number → double. */
    DOUBLE,
    /** A timestamp or ISO-8601 text → date. */
    DATE,
    /** Text → string (keeps a 24-hex text a string even in {@code object_id_fields}). */
    STRING,
    /** Extended JSON text of one value (what the source gives for the rare BSON types) → that value. */
    EXTENDED_JSON;

    /** @return the name used in pipeline files */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * @param id a name as written in a pipeline file
     * @return the type, or null if unknown
     */
    public static TargetType fromId(String id) {
        for (TargetType t : values()) {
            if (t.id().equals(id)) {
                return t;
            }
        }
        return null;
    }

    /** @return every name, for error messages */
    public static String ids() {
        StringBuilder sb = new StringBuilder();
        for (TargetType t : values()) {
            sb.append(sb.length() == 0 ? "" : ", ").append(t.id());
        }
        return sb.toString();
    }
}
