package io.conveyor.plugin.http.format;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads JSON values from a Jackson {@link JsonParser} into the plain Java values of the data
 * model ({@code Map}, {@code List}, {@code String}, {@code Long}, {@code Double},
 * {@code BigInteger}, {@code Boolean}, null), and words Jackson's errors with their place.
 */
public final class JsonValues {
    /** Shared, thread-safe parser factory; responses may hold very long strings. */
    public static final JsonFactory FACTORY = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxStringLength(Integer.MAX_VALUE).build())
            .build();

    private JsonValues() {
    }

    /**
     * @param p a parser positioned on the first token of a value
     * @return the value; the parser is left on its last token
     * @throws IOException if the JSON is malformed or reading fails
     */
    public static Object read(JsonParser p) throws IOException {
        JsonToken t = p.currentToken();
        if (t == null) {
            throw new IOException("no JSON value");
        }
        switch (t) {
            case START_OBJECT: {
                Map<String, Object> m = new LinkedHashMap<>();
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String name = p.currentName();
                    p.nextToken();
                    m.put(name, read(p));
                }
                return m;
            }
            case START_ARRAY: {
                List<Object> l = new ArrayList<>();
                while (p.nextToken() != JsonToken.END_ARRAY) {
                    l.add(read(p));
                }
                return l;
            }
            case VALUE_STRING:
                return p.getText();
            case VALUE_NUMBER_INT:
                return p.getNumberType() == JsonParser.NumberType.BIG_INTEGER ? p.getBigIntegerValue() : p.getLongValue();
            case VALUE_NUMBER_FLOAT:
                return p.getDoubleValue();
            case VALUE_TRUE:
                return Boolean.TRUE;
            case VALUE_FALSE:
                return Boolean.FALSE;
            case VALUE_NULL:
                return null;
            default:
                throw new IOException("unexpected JSON token " + t);
        }
    }

    /**
     * @param text one JSON document
     * @return its value
     * @throws IOException if it is not exactly one well-formed JSON value
     */
    public static Object parse(String text) throws IOException {
        try (JsonParser p = FACTORY.createParser(text)) {
            if (p.nextToken() == null) {
                throw new IOException("empty text, expected a JSON value");
            }
            Object v = read(p);
            if (p.nextToken() != null) {
                throw new IOException("unexpected data after the JSON value at column " + p.currentLocation().getColumnNr());
            }
            return v;
        }
    }

    /** @param v a plain value
     *  @return a record: the object itself, or {@code {"value": v}} for anything else */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> asRecord(Object v) {
        if (v instanceof Map) {
            return (Map<String, Object>) v;
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("value", v);
        return m;
    }

    /**
     * @param e a Jackson parse error
     * @return {@code line L, column C: <what Jackson saw>}
     */
    public static String describe(JsonProcessingException e) {
        JsonLocation at = e.getLocation();
        String where = at == null ? "" : "line " + at.getLineNr() + ", column " + at.getColumnNr() + ": ";
        String what = e.getOriginalMessage();
        int nl = what == null ? -1 : what.indexOf('\n');
        return where + (nl >= 0 ? what.substring(0, nl) : what);
    }
}
