package io.conveyor.plugin.http.format;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** How records are laid out in an HTTP body. */
public enum BodyFormat {
    /** A JSON array of records (or one object); the sink sends one array per request. */
    JSON("application/json"),
    /** One JSON value per line. */
    JSONL("application/x-ndjson"),
    /** RFC 4180 CSV with a header line. */
    CSV("text/csv; charset=UTF-8"),
    /** The body as text: one record with a {@code body} column. */
    RAW("text/plain; charset=UTF-8");

    /** The option values, in documentation order. */
    public static final String[] IDS = {"json", "jsonl", "csv", "raw"};

    private final String contentType;

    BodyFormat(String contentType) {
        this.contentType = contentType;
    }

    /** @return the content type a body of this format is sent with */
    public String contentType() {
        return contentType;
    }

    /** @param id an option value ({@code json}, ...)
     *  @return the format */
    public static BodyFormat of(String id) {
        return valueOf(id.toUpperCase(Locale.ROOT));
    }

    /**
     * @param body the body text as it arrives
     * @param recordsPath where the records are in a JSON body (root for the whole body)
     * @param nextUrlPath where a JSON body holds the next page's URL, or null
     * @return a reader of the body's records
     * @throws IOException if the reader cannot start
     */
    public RecordReader reader(Reader body, FieldPath recordsPath, FieldPath nextUrlPath) throws IOException {
        switch (this) {
            case JSON: return new JsonRecordReader(body, recordsPath, nextUrlPath);
            case JSONL: return new JsonLinesReader(body);
            case CSV: return new CsvRecordReader(body);
            default: return new RawRecordReader(body);
        }
    }

    /**
     * Reads a whole (small) body as one value, for a per-record fetch: JSON as its value
     * (null for an empty body), JSON lines and CSV as a list of records, raw as the text.
     *
     * @param body the body text
     * @return the value
     * @throws BodyFormatException if the body is malformed (any bad line counts: the value would be incomplete)
     * @throws IOException if reading fails
     */
    public Object readWhole(Reader body) throws BodyFormatException, IOException {
        if (this == JSON) {
            try (JsonParser p = JsonValues.FACTORY.createParser(body)) {
                if (p.nextToken() == null) {
                    return null; // no content (e.g. 204): there is no value, which is not an error
                }
                Object v = JsonValues.read(p);
                if (p.nextToken() != null) {
                    throw new BodyFormatException("malformed JSON at line " + p.currentLocation().getLineNr() + ", column "
                            + p.currentLocation().getColumnNr() + ": more data after the end of the document", false, null);
                }
                return v;
            } catch (JsonProcessingException e) {
                throw new BodyFormatException("malformed JSON at " + JsonValues.describe(e), false, null);
            }
        }
        try (RecordReader r = reader(body, FieldPath.ROOT, null)) {
            if (this == RAW) {
                return r.next().get(RawRecordReader.COLUMN);
            }
            List<Object> out = new ArrayList<>();
            for (Map<String, Object> rec; (rec = r.next()) != null; ) {
                out.add(rec);
            }
            return out;
        }
    }
}
