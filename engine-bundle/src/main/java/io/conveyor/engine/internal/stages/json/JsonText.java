package io.conveyor.engine.internal.stages.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * JSON text to the plain nested values a json column holds: maps, lists, Long for whole
 * numbers (as the data model holds them, so a value read back equals the one written), a
 * BigInteger for a whole number past a long's range (exact, as {@code Values} types it), Double,
 * String, Boolean. Text after the value ("1 2", "{} x") is an error, not ignored.
 */
public final class JsonText {
    private static final ObjectMapper MAPPER = PlainJson.mapper(new JsonFactory())
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private JsonText() {
    }

    /**
     * @param text JSON text
     * @return its value
     * @throws JsonProcessingException if it is not one JSON value; {@code getOriginalMessage()} says why
     */
    public static Object parse(String text) throws JsonProcessingException {
        return MAPPER.readValue(text, Object.class);
    }

    /**
     * Converts the text of a value declared json (a CSV column, a cast), the one place that says
     * how such a conversion fails.
     *
     * @param text JSON text, or null
     * @return its value, or null for null
     * @throws IllegalArgumentException {@code cannot convert string '...' to json: <why>}, the text clipped
     */
    public static Object convert(String text) {
        if (text == null) {
            return null;
        }
        try {
            return parse(text);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot convert string '" + (text.length() > 60
                    ? text.substring(0, 57) + "..." : text) + "' to json: " + e.getOriginalMessage());
        }
    }
}
