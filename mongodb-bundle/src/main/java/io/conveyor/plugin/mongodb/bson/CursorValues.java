package io.conveyor.plugin.mongodb.bson;

import io.conveyor.api.DataType;
import io.conveyor.api.Values;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.Temporal;
import org.bson.BsonBoolean;
import org.bson.BsonDateTime;
import org.bson.BsonDocument;
import org.bson.BsonDouble;
import org.bson.BsonInt64;
import org.bson.BsonObjectId;
import org.bson.BsonString;
import org.bson.BsonValue;
import org.bson.types.ObjectId;

/**
 * The pagination cursor as a user sees it: the source reports the last value it read
 * ({@code last_cursor_value}) in a form that, given back as {@code cursor_value}, resumes
 * exactly after it. The rule, both ways: an ObjectId is its 24 hex digits; integers,
 * doubles and strings are themselves; a date is a TOML datetime; any other type is its
 * extended JSON text ({@code {"$numberDecimal": "1.5"}}), and text starting with '{' or '"'
 * is read as extended JSON (so a string that looks like an ObjectId is reported quoted).
 */
public final class CursorValues {
    private static final BsonToPlain SIMPLE = new BsonToPlain(DecimalMapping.STRING);
    private CursorValues() {
    }

    /**
     * @param option the {@code cursor_value} option as configured
     * @return the BSON value to continue after
     * @throws IllegalArgumentException if it is extended JSON that does not parse, or of an unsupported kind
     */
    public static BsonValue fromOption(Object option) {
        if (option instanceof String s) {
            String t = s.strip();
            if (t.startsWith("{") || t.startsWith("\"")) {
                return BsonDocument.parse("{\"v\": " + t + "}").get("v");
            }
            if (t.length() == 24 && ObjectId.isValid(t)) {
                return new BsonObjectId(new ObjectId(t));
            }
            return new BsonString(s);
        }
        if (option instanceof Long || option instanceof Integer) {
            return new BsonInt64(((Number) option).longValue());
        }
        if (option instanceof Double d) {
            return new BsonDouble(d);
        }
        if (option instanceof Boolean b) {
            return BsonBoolean.valueOf(b);
        }
        if (option instanceof LocalDate d) {
            return new BsonDateTime(d.toEpochDay() * 86_400_000L);
        }
        if (option instanceof Temporal || option instanceof java.util.Date) {
            return new BsonDateTime(((Instant) Values.convert(option, DataType.TIMESTAMP)).toEpochMilli());
        }
        throw new IllegalArgumentException("a cursor value must be a string, number, boolean or datetime, not "
                + (option == null ? "null" : Values.typeOf(option).id()));
    }

    /**
     * @param v the cursor field's value in the last document read
     * @return the value to report, see the class comment
     */
    public static Object toReport(BsonValue v) {
        switch (v.getBsonType()) {
            case OBJECT_ID, INT32, INT64, DOUBLE, BOOLEAN, DATE_TIME:
                return SIMPLE.value(v);
            case STRING:
                // Text that the resume rule would read as an ObjectId or as JSON is reported as extended JSON.
                return looksSpecial(v.asString().getValue()) ? BsonToPlain.extendedJson(v) : v.asString().getValue();
            default:
                return BsonToPlain.extendedJson(v);
        }
    }

    private static boolean looksSpecial(String s) {
        String t = s.strip();
        return (t.length() == 24 && ObjectId.isValid(t)) || t.startsWith("{") || t.startsWith("\"");
    }
}
