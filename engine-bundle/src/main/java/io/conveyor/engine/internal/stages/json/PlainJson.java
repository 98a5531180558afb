package io.conveyor.engine.internal.stages.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.deser.std.UntypedObjectDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import java.io.IOException;

/**
 * The one Jackson set-up for plain values, shared by {@link JsonText} and {@code source.json}:
 * any JSON value, nested ones too, as maps, lists, Long for a whole number, BigInteger for one
 * past a long's range (exact; {@code Values} types it as text), Double, String, Boolean.
 */
final class PlainJson {
    private PlainJson() {
    }

    /**
     * @param factory the parser factory (its read features)
     * @return a mapper that reads values of type {@code Object} as the plain values above
     */
    static ObjectMapper mapper(JsonFactory factory) {
        return new ObjectMapper(factory).registerModule(
                new SimpleModule("conveyor-plain-values").addDeserializer(Object.class, new PlainValues()));
    }

    /**
     * Jackson's reader of untyped values, with whole numbers as Long, or as BigInteger past a
     * long's range. Jackson's own choice is Integer for small ones, and its option for Long
     * ({@code USE_LONG_FOR_INTS}) fails on a longer one ("Numeric value (...) out of range of
     * long"), so a valid file with one such number lost its record. Nested values come back
     * through {@link #deserialize}: Jackson reads a subclass's arrays and objects with it.
     */
    private static final class PlainValues extends UntypedObjectDeserializer {
        private static final long serialVersionUID = 1L;

        PlainValues() {
            super(null, (JavaType) null);
        }

        @Override
        public Object deserialize(JsonParser p, DeserializationContext context) throws IOException {
            if (p.currentToken() == JsonToken.VALUE_NUMBER_INT) {
                return p.getNumberType() == JsonParser.NumberType.BIG_INTEGER ? p.getBigIntegerValue() : p.getLongValue();
            }
            return super.deserialize(p, context);
        }
    }
}
