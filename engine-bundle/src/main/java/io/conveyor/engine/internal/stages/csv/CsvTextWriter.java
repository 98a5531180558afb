package io.conveyor.engine.internal.stages.csv;

import io.conveyor.api.Column;
import io.conveyor.api.RecordBatch;
import io.conveyor.api.StageException;
import io.conveyor.api.Values;
import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Writes batches as CSV text: a header line from the first batch's columns, then one line
 * per row ending in LF. A field is quoted when it holds the delimiter, a quote, a line break,
 * or leading or trailing spaces; an empty string is written as {@code ""} and a null as an
 * empty field, so the two stay apart. Values are formatted by {@link Values#toText}.
 */
public final class CsvTextWriter {
    /** Where text goes, or null when it goes to {@link #bytes}. */
    private final Appendable out;
    /** Where the text goes as UTF-8, or null. */
    private final OutputStream bytes;
    private final char delimiter;
    private final boolean header;
    private static final int FLUSH_AT = 1 << 16;
    private List<String> columns;
    private StringBuilder buf = new StringBuilder(FLUSH_AT + 1024);
    private char[] chars = new char[0];

    /**
     * @param out where text goes
     * @param delimiter the field separator
     * @param header whether to write a header line
     */
    public CsvTextWriter(Appendable out, char delimiter, boolean header) {
        this(out, null, delimiter, header);
    }

    /**
     * Writes the text as UTF-8 bytes, a block of about {@value #FLUSH_AT} characters at a time:
     * the text is then encoded once, by the JDK's array encoder, instead of going character by
     * character through a Writer's encoder.
     *
     * @param out where the bytes go
     * @param delimiter the field separator
     * @param header whether to write a header line
     */
    public CsvTextWriter(OutputStream out, char delimiter, boolean header) {
        this(null, out, delimiter, header);
    }

    private CsvTextWriter(Appendable out, OutputStream bytes, char delimiter, boolean header) {
        this.out = out;
        this.bytes = bytes;
        this.delimiter = delimiter;
        this.header = header;
    }

    /**
     * @param batch the rows to write, in order
     * @throws IOException if writing fails
     * @throws StageException if the batch's columns differ from the first batch's
     */
    public void write(RecordBatch batch) throws IOException, StageException {
        List<String> names = batch.schema().names();
        StringBuilder sb = buf;
        sb.setLength(0);
        if (columns == null) {
            columns = names;
            if (header) {
                for (int c = 0; c < names.size(); c++) {
                    if (c > 0) {
                        sb.append(delimiter);
                    }
                    field(names.get(c), sb);
                }
                sb.append('\n');
            }
        } else if (!columns.equals(names)) {
            throw new StageException("a batch has columns " + names + " but the output's columns are " + columns
                    + "; select the same columns in every input of a CSV sink");
        }
        int width = names.size();
        Column[] cols = new Column[width];
        for (int c = 0; c < width; c++) {
            cols[c] = batch.column(c);
        }
        // A batch is formatted into one buffer and handed over in one call: no per-field call
        // through the (synchronised) writer, and a long is formatted without a String.
        for (int r = 0; r < batch.rowCount(); r++) {
            for (int c = 0; c < width; c++) {
                if (c > 0) {
                    sb.append(delimiter);
                }
                Column col = cols[c];
                if (col.isNull(r)) {
                    continue;
                }
                switch (col.type()) {
                    case LONG: sb.append(col.getLong(r)); break;
                    case DOUBLE: appendDouble(col.getDouble(r), sb); break;
                    case BOOL: sb.append(col.getBool(r) ? "true" : "false"); break;
                    default: field(text(col, r), sb);
                }
            }
            sb.append('\n');
            if (sb.length() >= FLUSH_AT) {
                handOver(sb);
                sb.setLength(0);
            }
        }
        handOver(sb);
        if (sb.capacity() > 4 * FLUSH_AT) {
            buf = new StringBuilder(FLUSH_AT + 1024);
            chars = new char[0];
        }
    }

    /**
     * Writes a double as {@code field(Values.formatDouble(d))} would, without making a String:
     * {@link StringBuilder#append(double)} writes {@link Double#toString}'s text, which is
     * formatDouble's unless it has an exponent, and needs quotes only if it holds the delimiter.
     */
    private void appendDouble(double d, StringBuilder sb) {
        int start = sb.length();
        sb.append(d);
        for (int i = start; i < sb.length(); i++) {
            char ch = sb.charAt(i);
            if (ch == 'E' || ch == delimiter) {
                sb.setLength(start);
                field(Values.formatDouble(d), sb);
                return;
            }
        }
    }

    /** Hands the text over; to a Writer as characters, since its append would copy the text into a String first. */
    private void handOver(StringBuilder sb) throws IOException {
        if (bytes != null) {
            byte[] b = sb.toString().getBytes(StandardCharsets.UTF_8);
            bytes.write(b, 0, b.length);
        } else if (out instanceof Writer) {
            int n = sb.length();
            if (chars.length < n) {
                chars = new char[n];
            }
            sb.getChars(0, n, chars, 0);
            ((Writer) out).write(chars, 0, n);
        } else {
            out.append(sb);
        }
    }

    static String text(Column col, int r) {
        switch (col.type()) {
            case LONG: return Long.toString(col.getLong(r));
            case DOUBLE: return Values.formatDouble(col.getDouble(r));
            case BOOL: return col.getBool(r) ? "true" : "false";
            case STRING: return col.getString(r);
            default: return Values.toText(col.get(r));
        }
    }

    private StringBuilder field(String s, StringBuilder out) {
        if (s.isEmpty()) {
            return out.append("\"\"");
        }
        boolean quote = s.charAt(0) == ' ' || s.charAt(s.length() - 1) == ' ';
        for (int i = 0; i < s.length() && !quote; i++) {
            char ch = s.charAt(i);
            quote = ch == delimiter || ch == '"' || ch == '\n' || ch == '\r';
        }
        if (!quote) {
            return out.append(s);
        }
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            if (ch == '"') {
                out.append('"');
            }
            out.append(ch);
        }
        return out.append('"');
    }
}
