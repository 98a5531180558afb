package io.conveyor.plugin.mongodb.bson;

import io.conveyor.api.DataType;
import io.conveyor.api.Values;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.bson.BsonArray;
import org.bson.BsonBinary;
import org.bson.BsonBoolean;
import org.bson.BsonDateTime;
import org.bson.BsonDecimal128;
import org.bson.BsonDocument;
import org.bson.BsonDouble;
import org.bson.BsonInt32;
import org.bson.BsonInt64;
import org.bson.BsonNull;
import org.bson.BsonObjectId;
import org.bson.BsonString;
import org.bson.BsonValue;
import org.bson.types.Decimal128;
import org.bson.types.ObjectId;

/**
 * Turns a record of plain values into the BSON document the sink writes. Without hints
 * integers become int64, numbers double, timestamps and dates BSON dates, maps documents
 * and lists arrays. Hints restore what the data model widened: a field listed in
 * {@code object_id_fields} turns 24-hex text into an ObjectId (other text stays text), and
 * {@code bson_types} names the BSON type of any field. Paths are dotted
 * ({@code address.geo_id}); inside arrays the path of the array applies to each element,
 * as in MongoDB queries.
 */
public final class PlainToBson {
    private final Set<String> objectIdFields;
    private final Map<String, TargetType> types;
    private final boolean writeNulls;

    /**
     * @param objectIdFields paths whose 24-hex text becomes an ObjectId
     * @param types explicit BSON types by path
     * @param writeNulls true to write null fields as BSON null, false to leave them out
     */
    public PlainToBson(Set<String> objectIdFields, Map<String, TargetType> types, boolean writeNulls) {
        this.objectIdFields = Set.copyOf(objectIdFields);
        this.types = Map.copyOf(types);
        this.writeNulls = writeNulls;
    }

    /**
     * @param record a record of plain values
     * @return the document
     * @throws IllegalArgumentException naming the field when a value cannot take its declared type
     */
    public BsonDocument document(Map<String, ?> record) {
        return document(record, "");
    }

    private BsonDocument document(Map<?, ?> map, String prefix) {
        BsonDocument doc = new BsonDocument();
        for (Map.Entry<?, ?> e : map.entrySet()) {
            if (e.getValue() == null && !writeNulls) {
                continue;
            }
            String key = String.valueOf(e.getKey());
            doc.put(key, value(e.getValue(), prefix + key));
        }
        return doc;
    }

    /**
     * @param v a plain value, may be null
     * @param path the field's dotted path, used to look up hints and in errors
     * @return the BSON value
     */
    public BsonValue value(Object v, String path) {
        if (v == null) {
            return BsonNull.VALUE;
        }
        if (v instanceof Map<?, ?> m) {
            return document(m, path + ".");
        }
        if (v instanceof List<?> list) {
            BsonArray array = new BsonArray();
            for (Object e : list) {
                array.add(value(e, path));
            }
            return array;
        }
        TargetType type = types.get(path);
        if (type != null) {
            return typed(v, type, path);
        }
        if (v instanceof String s && objectIdFields.contains(path) && ObjectId.isValid(s) && s.length() == 24) {
            return new BsonObjectId(new ObjectId(s));
        }
        return natural(v);
    }

    private static BsonValue natural(Object v) {
        if (v instanceof String s) {
            return new BsonString(s);
        }
        if (v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte) {
            return new BsonInt64(((Number) v).longValue());
        }
        if (v instanceof Double || v instanceof Float) {
            return new BsonDouble(((Number) v).doubleValue());
        }
        if (v instanceof Boolean b) {
            return BsonBoolean.valueOf(b);
        }
        if (v instanceof BigDecimal d) {
            return new BsonDecimal128(new Decimal128(d));
        }
        if (v instanceof BigInteger i) {
            return i.bitLength() < 64 ? new BsonInt64(i.longValue()) : new BsonDecimal128(new Decimal128(new BigDecimal(i)));
        }
        if (v instanceof LocalDate d) {
            return new BsonDateTime(d.atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli());
        }
        if (Values.typeOf(v) == DataType.TIMESTAMP) {
            return new BsonDateTime(((Instant) Values.convert(v, DataType.TIMESTAMP)).toEpochMilli());
        }
        return new BsonString(Values.toText(v));
    }

    private static BsonValue typed(Object v, TargetType type, String path) {
        try {
            switch (type) {
                case OBJECT_ID: return new BsonObjectId(new ObjectId(v.toString()));
                case DECIMAL128:
                    return new BsonDecimal128(v instanceof String s ? Decimal128.parse(s.trim())
                            : new Decimal128(new BigDecimal(Values.toText(v))));
                case BINARY: return new BsonBinary(Base64.getDecoder().decode(text(v)));
                case UUID: return new BsonBinary(java.util.UUID.fromString(text(v)));
                case INT32: return new BsonInt32(Math.toIntExact((Long) Values.convert(v, DataType.LONG)));
                case INT64: return new BsonInt64((Long) Values.convert(v, DataType.LONG));
                case DOUBLE: return new BsonDouble((Double) Values.convert(v, DataType.DOUBLE));
                case DATE:
                    if (v instanceof LocalDate) {
                        return natural(v);
                    }
                    return new BsonDateTime(((Instant) Values.convert(v, DataType.TIMESTAMP)).toEpochMilli());
                case STRING: return new BsonString(Values.toText(v));
                case EXTENDED_JSON: return BsonDocument.parse("{\"v\": " + text(v) + "}").get("v");
                default: throw new IllegalStateException("unhandled type " + type);
            }
        } catch (RuntimeException e) {
            String shown = Values.toText(v);
            if (shown.length() > 60) {
                shown = shown.substring(0, 57) + "...";
            }
            throw new IllegalArgumentException("field '" + path + "': cannot write '" + shown + "' as " + type.id()
                    + " (" + e.getMessage() + "); fix the value or the bson_types entry", e);
        }
    }

    private static String text(Object v) {
        if (!(v instanceof String s)) {
            throw new IllegalArgumentException("expected text, got " + Values.typeOf(v).id());
        }
        return s.trim();
    }
}
