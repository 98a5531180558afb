package io.conveyor.plugin.mongodb.bson;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bson.BsonBinary;
import org.bson.BsonBinarySubType;
import org.bson.BsonDocument;
import org.bson.BsonValue;
import org.bson.UuidRepresentation;
import org.bson.json.JsonMode;
import org.bson.json.JsonWriterSettings;

/**
 * Turns BSON read by the source into the plain Java values of the data model (see the
 * type table in the module README): ObjectId → hex string, date → {@code Instant},
 * int32/int64 → {@code Long}, double → {@code Double}, Decimal128 → exact text or double,
 * binary → base64 text (UUID subtype 4 → UUID text), documents → {@code Map}, arrays →
 * {@code List}; the rare types (timestamp, regex, JavaScript, min/max key, …) → their
 * canonical extended JSON text, which the sink can parse back with the type
 * {@code extended_json}.
 */
public final class BsonToPlain {
    private static final JsonWriterSettings EXTENDED_JSON = JsonWriterSettings.builder().outputMode(JsonMode.EXTENDED).build();
    private static final String WRAPPER_PREFIX = "{\"v\": ";

    private final DecimalMapping decimals;

    /** @param decimals how to map Decimal128 */
    public BsonToPlain(DecimalMapping decimals) {
        this.decimals = decimals;
    }

    /**
     * @param document a document
     * @return its fields as an insertion-ordered map of plain values
     */
    public Map<String, Object> row(BsonDocument document) {
        Map<String, Object> row = new LinkedHashMap<>();
        for (Map.Entry<String, BsonValue> e : document.entrySet()) {
            row.put(e.getKey(), value(e.getValue()));
        }
        return row;
    }

    /**
     * @param v a BSON value
     * @return its plain value; null for BSON null and undefined
     */
    public Object value(BsonValue v) {
        switch (v.getBsonType()) {
            case NULL:
            case UNDEFINED:
                return null;
            case STRING: return v.asString().getValue();
            case OBJECT_ID: return v.asObjectId().getValue().toHexString();
            case INT32: return (long) v.asInt32().getValue();
            case INT64: return v.asInt64().getValue();
            case DOUBLE: return v.asDouble().getValue();
            case BOOLEAN: return v.asBoolean().getValue();
            case DATE_TIME: return Instant.ofEpochMilli(v.asDateTime().getValue());
            case DECIMAL128:
                return decimals == DecimalMapping.DOUBLE
                        ? v.asDecimal128().getValue().doubleValue()
                        : v.asDecimal128().getValue().toString();
            case BINARY: return binary(v.asBinary());
            case DOCUMENT: return row(v.asDocument());
            case ARRAY:
                List<Object> list = new ArrayList<>(v.asArray().size());
                for (BsonValue e : v.asArray()) {
                    list.add(value(e));
                }
                return list;
            default:
                return extendedJson(v);
        }
    }

    private static Object binary(BsonBinary b) {
        if (b.getType() == BsonBinarySubType.UUID_STANDARD.getValue() && b.getData().length == 16) {
            return b.asUuid(UuidRepresentation.STANDARD).toString();
        }
        return Base64.getEncoder().encodeToString(b.getData());
    }

    /**
     * @param v any BSON value
     * @return its canonical extended JSON text, e.g. {@code {"$timestamp": {"t": 1, "i": 2}}}
     */
    public static String extendedJson(BsonValue v) {
        String json = new BsonDocument("v", v).toJson(EXTENDED_JSON);
        return json.substring(WRAPPER_PREFIX.length(), json.length() - 1);
    }
}
