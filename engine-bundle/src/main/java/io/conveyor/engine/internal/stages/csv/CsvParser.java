package io.conveyor.engine.internal.stages.csv;

import io.conveyor.api.StageException;
import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads CSV records from text one at a time, in bounded memory: fields separated by a
 * delimiter, optionally enclosed in quotes, where a doubled quote stands for one quote and
 * delimiters and line breaks are plain text. Records end at LF, CRLF or CR. A byte-order
 * mark at the start is skipped. Not thread-safe.
 */
final class CsvParser {
    private final Reader in;
    private final char delimiter;
    private final char quote;
    private final char[] buf = new char[1 << 16];
    private int pos;
    private int len;
    private int pushback = -2;
    private long line = 1;
    private long recordLine;
    private boolean started;
    private final StringBuilder field = new StringBuilder();
    /** The fields of the last record read. */
    final List<String> fields = new ArrayList<>();
    /** Whether each field of the last record was quoted. */
    final List<Boolean> quoted = new ArrayList<>();

    CsvParser(Reader in, char delimiter, char quote) {
        this.in = in;
        this.delimiter = delimiter;
        this.quote = quote;
    }

    /** @return the 1-based line on which the last record started */
    long recordLine() {
        return recordLine;
    }

    private int read() throws IOException {
        if (pushback != -2) {
            int c = pushback;
            pushback = -2;
            return c;
        }
        if (pos == len) {
            len = in.read(buf, 0, buf.length);
            pos = 0;
            if (len <= 0) {
                len = 0;
                return -1;
            }
        }
        return buf[pos++];
    }

    /**
     * Reads the next record into {@link #fields} and {@link #quoted}.
     *
     * @return false at the end of the text
     * @throws IOException if reading fails
     * @throws StageException if a quoted field is still open at the end of the text
     */
    boolean next() throws IOException, StageException {
        int c = read();
        if (!started) {
            started = true;
            if (c == '\uFEFF') {
                c = read();
            }
        }
        if (c < 0) {
            return false;
        }
        recordLine = line;
        fields.clear();
        quoted.clear();
        field.setLength(0);
        boolean inQuotes = false;
        boolean fieldQuoted = false;
        while (true) {
            if (inQuotes) {
                if (c < 0) {
                    throw new StageException("line " + recordLine + ": a quoted field is not closed before the end of the file");
                }
                if (c == quote) {
                    int n = read();
                    if (n == quote) {
                        field.append(quote);
                        c = read();
                    } else {
                        inQuotes = false;
                        c = n;
                    }
                    continue;
                }
                if (c == '\n') {
                    line++;
                }
                field.append((char) c);
                c = read();
                continue;
            }
            if (c == delimiter) {
                endField(fieldQuoted);
                fieldQuoted = false;
                c = read();
                continue;
            }
            if (c == '\n' || c == '\r' || c < 0) {
                if (c == '\r') {
                    int n = read();
                    if (n != '\n') {
                        pushback = n;
                    }
                }
                if (c >= 0) {
                    line++;
                }
                endField(fieldQuoted);
                return true;
            }
            if (c == quote && field.length() == 0 && !fieldQuoted) {
                inQuotes = true;
                fieldQuoted = true;
            } else {
                // Text after a closing quote, or a quote inside an unquoted field, is kept as it is.
                field.append((char) c);
            }
            c = read();
        }
    }

    private void endField(boolean wasQuoted) {
        fields.add(field.toString());
        quoted.add(wasQuoted);
        field.setLength(0);
    }

    /** @return true if the last record was an empty line */
    boolean isBlankLine() {
        return fields.size() == 1 && fields.get(0).isEmpty() && !quoted.get(0);
    }
}
