package io.conveyor.plugin.mongodb.bson;

import io.conveyor.api.Values;
import java.io.FilterReader;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.time.LocalDate;
import java.time.temporal.Temporal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bson.BsonDocument;
import org.bson.BsonInvalidOperationException;
import org.bson.BsonType;
import org.bson.codecs.BsonDocumentCodec;
import org.bson.codecs.DecoderContext;
import org.bson.json.JsonParseException;
import org.bson.json.JsonReader;

/**
 * Reads an option that holds a MongoDB document (a query filter or a projection), written
 * either as JSON text (MongoDB extended JSON: {@code {"_id": {"$oid": "…"}}} works) or as a
 * TOML table. Anything but one JSON object is refused with the parser's message and the
 * position in the text: an invalid query must never quietly become "match everything".
 */
public final class JsonDocumentOption {
    private JsonDocumentOption() {
    }

    /** Why an option's value is not a document; the message is ready to show. */
    public static final class InvalidDocumentException extends Exception {
        private static final long serialVersionUID = 1L;

        InvalidDocumentException(String message) {
            super(message);
        }
    }

    /**
     * @param value the option's value: JSON text or a table (a map of plain values)
     * @return the document
     * @throws InvalidDocumentException saying what is wrong and where
     */
    public static BsonDocument parse(Object value) throws InvalidDocumentException {
        if (value instanceof Map<?, ?> table) {
            // Temporal values become {"$date": …} so a TOML datetime is a BSON date, not text.
            StringBuilder json = new StringBuilder();
            Values.writeJson(withDates(table), json);
            return parseText(json.toString());
        }
        if (value instanceof String text) {
            return parseText(text);
        }
        throw new InvalidDocumentException("must be a JSON object in a string or a TOML table, not "
                + (value instanceof List ? "an array" : "a " + Values.typeOf(value).id()));
    }

    private static BsonDocument parseText(String text) throws InvalidDocumentException {
        String trimmed = text.strip();
        if (trimmed.isEmpty()) {
            throw new InvalidDocumentException("is empty; write '{}' to match every document, or leave the option out");
        }
        if (trimmed.charAt(0) != '{') {
            throw new InvalidDocumentException("must be a JSON object such as '{\"status\": \"active\"}', but it starts with '"
                    + abbreviate(trimmed) + "'");
        }
        CountingReader counter = new CountingReader(new StringReader(text));
        JsonReader reader = new JsonReader(counter);
        try {
            BsonDocument doc = new BsonDocumentCodec().decode(reader, DecoderContext.builder().build());
            BsonType after;
            try {
                after = reader.readBsonType();
            } catch (JsonParseException e) {
                after = null;
            }
            if (after != BsonType.END_OF_DOCUMENT) {
                throw new InvalidDocumentException("has text after the closing '}' " + position(text, counter.count)
                        + "; write a single JSON object");
            }
            return doc;
        } catch (JsonParseException | BsonInvalidOperationException | IllegalArgumentException e) {
            throw new InvalidDocumentException("is not valid JSON: " + e.getMessage() + " " + position(text, counter.count));
        }
    }

    private static String abbreviate(String s) {
        return s.length() > 20 ? s.substring(0, 17) + "..." : s;
    }

    /** Line and column of the character the parser had reached (it reads one token ahead at most). */
    static String position(String text, int consumed) {
        int line = 1;
        int column = 1;
        int end = Math.min(Math.max(consumed, 1), text.length());
        for (int i = 0; i < end - 1; i++) {
            if (text.charAt(i) == '\n') {
                line++;
                column = 1;
            } else {
                column++;
            }
        }
        return text.indexOf('\n') < 0 ? "(near character " + column + ")"
                : "(near line " + line + ", column " + column + " of the JSON)";
    }

    private static Object withDates(Object v) {
        if (v instanceof Map<?, ?> m) {
            Map<String, Object> out = new LinkedHashMap<>();
            m.forEach((k, x) -> out.put(String.valueOf(k), withDates(x)));
            return out;
        }
        if (v instanceof List<?> l) {
            List<Object> out = new ArrayList<>(l.size());
            l.forEach(x -> out.add(withDates(x)));
            return out;
        }
        if (v instanceof Temporal && !(v instanceof LocalDate)) {
            return Map.of("$date", Values.convert(v, io.conveyor.api.DataType.TIMESTAMP).toString());
        }
        if (v instanceof LocalDate d) {
            return Map.of("$date", d + "T00:00:00Z");
        }
        return v;
    }

    /** Counts the characters the JSON parser has consumed, to point at an error. */
    private static final class CountingReader extends FilterReader {
        private int count;

        CountingReader(Reader in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int c = super.read();
            if (c >= 0) {
                count++;
            }
            return c;
        }

        @Override
        public int read(char[] buf, int off, int len) throws IOException {
            int n = super.read(buf, off, len);
            if (n > 0) {
                count += n;
            }
            return n;
        }
    }
}
