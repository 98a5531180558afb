package io.conveyor.engine.internal.stages.transform.crypto;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.conveyor.api.DataType;
import io.conveyor.api.Values;
import io.conveyor.engine.internal.stages.json.JsonText;

/**
 * The text that is encrypted for one value: its type id, a colon, and its canonical text
 * ({@code long:42}, {@code timestamp:2024-01-01T00:00:00Z}, {@code json:{"a":[1]}},
 * {@code string:}), so decryption restores the value and its type exactly.
 */
final class TypedText {

    private TypedText() {
    }

    /** A decoded value and its type. */
    record Typed(DataType type, Object value) {
    }

    /**
     * @param value a non-null plain value of {@code type}
     * @param type its column's type
     * @return the text to encrypt
     */
    static String encode(Object value, DataType type) {
        if (type == DataType.JSON) {
            StringBuilder sb = new StringBuilder("json:");
            Values.writeJson(value, sb);
            return sb.toString();
        }
        return type.id() + ":" + Values.toText(value);
    }

    /**
     * @param text what {@link #encode} made
     * @return the value and its type
     * @throws AesGcm.Failure if the text was not made by {@link #encode}
     */
    static Typed decode(String text) throws AesGcm.Failure {
        int colon = text.indexOf(':');
        DataType type = colon < 0 ? null : DataType.fromId(text.substring(0, colon));
        if (type == null) {
            throw new AesGcm.Failure("decrypts to text without a type prefix; it was not written by transform.encrypt");
        }
        String body = text.substring(colon + 1);
        try {
            if (type == DataType.JSON) {
                return new Typed(type, JsonText.parse(body));
            }
            return new Typed(type, Values.convert(body, type));
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw new AesGcm.Failure("decrypts to a " + type.id() + " that does not parse");
        }
    }
}
