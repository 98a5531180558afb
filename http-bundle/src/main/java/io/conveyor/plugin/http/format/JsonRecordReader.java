package io.conveyor.plugin.http.format;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Streams the records of a JSON body: each element of the top-level array, the top-level
 * object as one record, or each element of the array at {@code records_path}. Only the
 * current record is held in memory; the rest of the document is skipped token by token,
 * except the value at {@code next_url_field}, which is remembered wherever it appears
 * (before or after the records).
 */
final class JsonRecordReader implements RecordReader {
    private final JsonParser parser;
    private final FieldPath recordsPath;
    private final FieldPath nextUrlPath;
    /** Field names of the objects the parser is inside, when walking towards the paths. */
    private final List<String> path = new ArrayList<>();
    private boolean started;
    private boolean done;
    private boolean inRecords;
    private boolean foundRecords;
    private String nextUrl;

    JsonRecordReader(Reader body, FieldPath recordsPath, FieldPath nextUrlPath) throws IOException {
        this.parser = JsonValues.FACTORY.createParser(body);
        this.recordsPath = recordsPath;
        this.nextUrlPath = nextUrlPath;
    }

    @Override
    public Map<String, Object> next() throws BodyFormatException, IOException {
        try {
            return advance();
        } catch (JsonProcessingException e) {
            done = true;
            throw new BodyFormatException("malformed JSON at " + JsonValues.describe(e), false, null);
        }
    }

    @Override
    public String nextUrl() {
        return nextUrl;
    }

    private Map<String, Object> advance() throws IOException, BodyFormatException {
        if (done) {
            return null;
        }
        if (!started) {
            started = true;
            JsonToken t = parser.nextToken();
            if (t == null) {
                done = true;
                return null;
            }
            if (recordsPath.isRoot()) {
                if (t == JsonToken.START_ARRAY) {
                    inRecords = true;
                } else {
                    Object v = JsonValues.read(parser);
                    endOfDocument();
                    if (nextUrlPath != null) {
                        nextUrl = textOf(nextUrlPath.find(v));
                    }
                    return JsonValues.asRecord(v);
                }
            } else if (t != JsonToken.START_OBJECT) {
                throw shape("the body is " + kind(t) + ", but records_path '" + recordsPath + "' needs an object");
            }
        }
        while (true) {
            JsonToken t = parser.nextToken();
            if (inRecords) {
                if (t == JsonToken.END_ARRAY) {
                    inRecords = false;
                    if (recordsPath.isRoot()) {
                        endOfDocument();
                        return null;
                    }
                    continue;
                }
                return JsonValues.asRecord(JsonValues.read(parser));
            }
            if (t == JsonToken.END_OBJECT) {
                if (path.isEmpty()) {
                    endOfDocument();
                    if (!foundRecords) {
                        throw shape("records_path '" + recordsPath + "' is not in the body");
                    }
                    return null;
                }
                path.remove(path.size() - 1);
                continue;
            }
            String name = parser.currentName();
            JsonToken value = parser.nextToken();
            path.add(name);
            boolean isRecords = recordsPath.segments().equals(path);
            boolean isNext = nextUrlPath != null && nextUrlPath.segments().equals(path);
            boolean onTheWay = value == JsonToken.START_OBJECT
                    && (recordsPath.startsWith(path) || (nextUrlPath != null && nextUrlPath.startsWith(path)));
            if (isRecords) {
                path.remove(path.size() - 1);
                foundRecords = true;
                if (value == JsonToken.START_ARRAY) {
                    inRecords = true;
                    continue;
                }
                if (value == JsonToken.START_OBJECT) {
                    return JsonValues.asRecord(JsonValues.read(parser));
                }
                if (value != JsonToken.VALUE_NULL) {
                    throw shape("records_path '" + recordsPath + "' holds " + kind(value) + ", expected an array of records");
                }
            } else if (isNext) {
                path.remove(path.size() - 1);
                nextUrl = textOf(JsonValues.read(parser));
            } else if (!onTheWay) {
                path.remove(path.size() - 1);
                parser.skipChildren();
            }
        }
    }

    private static String textOf(Object v) {
        return v == null || v instanceof Map || v instanceof List ? null : v.toString();
    }

    private void endOfDocument() throws IOException, BodyFormatException {
        done = true;
        JsonToken t = parser.nextToken();
        if (t != null) {
            throw new BodyFormatException("malformed JSON at line " + parser.currentLocation().getLineNr() + ", column "
                    + parser.currentLocation().getColumnNr() + ": " + kind(t) + " after the end of the document",
                    false, null);
        }
    }

    private BodyFormatException shape(String message) {
        done = true;
        return new BodyFormatException(message, false, null);
    }

    private static String kind(JsonToken t) {
        switch (t) {
            case START_ARRAY: return "an array";
            case START_OBJECT: return "an object";
            case VALUE_STRING: return "a string";
            case VALUE_NUMBER_INT: case VALUE_NUMBER_FLOAT: return "a number";
            case VALUE_TRUE: case VALUE_FALSE: return "a boolean";
            case VALUE_NULL: return "null";
            default: return t.asString() == null ? t.name() : "'" + t.asString() + "'";
        }
    }

    @Override
    public void close() throws IOException {
        parser.close();
    }
}
