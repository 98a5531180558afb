package io.conveyor.plugin.http.format;

import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits RFC 4180 CSV into rows as it is read: fields separated by commas, quoted with
 * {@code "} when they hold commas, quotes (doubled) or line breaks; rows end with LF or
 * CRLF. An unquoted empty field reads as null, a quoted empty field ({@code ""}) as the
 * empty string, matching what {@link CsvWriter} writes.
 */
public final class CsvReader {
    private final Reader in;
    private int peeked = -2;
    private int line = 1;
    private int rowLine;
    private final StringBuilder raw = new StringBuilder();

    /** @param in the text; read in larger chunks by the caller's buffering */
    public CsvReader(Reader in) {
        this.in = in;
    }

    /** @return the line on which the last row returned starts (1-based) */
    public int rowLine() {
        return rowLine;
    }

    /** @return the text of the last row returned, for a dead-letter record */
    public String rawRow() {
        return raw.toString();
    }

    /**
     * @return the next row's fields, or null at the end of the text
     * @throws BodyFormatException if a quoted field is not closed before the end
     * @throws IOException if reading fails
     */
    public List<String> next() throws BodyFormatException, IOException {
        raw.setLength(0);
        rowLine = line;
        int c = read();
        if (c < 0) {
            return null;
        }
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        while (true) {
            if (c == '"' && field.length() == 0 && !quoted) {
                quoted = true;
                readQuoted(field);
                c = read();
                continue;
            }
            if (c < 0 || c == '\n' || c == ',') {
                fields.add(field.length() == 0 && !quoted ? null : field.toString());
                field.setLength(0);
                quoted = false;
                if (c != ',') {
                    if (c == '\n') {
                        line++;
                    }
                    return fields;
                }
            } else if (c == '\r' && peek() == '\n') {
                // CRLF: the LF ends the row
            } else {
                field.append((char) c);
            }
            c = read();
        }
    }

    private void readQuoted(StringBuilder field) throws BodyFormatException, IOException {
        int start = line;
        while (true) {
            int c = read();
            if (c < 0) {
                throw new BodyFormatException("malformed CSV: the quoted field starting on line " + start
                        + " is not closed before the end of the body", false, null);
            }
            if (c == '"') {
                if (peek() == '"') {
                    read();
                    field.append('"');
                    continue;
                }
                return;
            }
            if (c == '\n') {
                line++;
            }
            field.append((char) c);
        }
    }

    private int read() throws IOException {
        int c;
        if (peeked != -2) {
            c = peeked;
            peeked = -2;
        } else {
            c = in.read();
        }
        if (c >= 0) {
            raw.append((char) c);
        }
        return c;
    }

    private int peek() throws IOException {
        if (peeked == -2) {
            peeked = in.read();
        }
        return peeked;
    }
}
