package io.conveyor.engine.internal.stages.csv;

import io.conveyor.api.Column;
import io.conveyor.api.DataType;
import io.conveyor.api.RecordBatch;
import io.conveyor.api.StageException;
import io.conveyor.api.Values;
import io.conveyor.api.output.WholeNumbers;
import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * Writes batches as CSV text: a header line from the first batch's columns, then one line
 * per row ending in LF. A field is quoted when it holds the delimiter, a quote, a line break,
 * or leading or trailing spaces; an empty string is written as {@code ""} and a null as an
 * empty field, so the two stay apart. Values are formatted by {@link Values#toText}, but for
 * the whole numbers of a column that widened from long to double ({@link WholeNumbers}).
 *
 * <p>Rows are formatted straight into a buffer of UTF-8 bytes, handed over about
 * {@value #FLUSH_AT} bytes at a time: a long or a double becomes digits without a String, and
 * an ASCII string is copied into the buffer once, instead of going through a StringBuilder, a
 * String of the block and the charset encoder.
 */
public final class CsvTextWriter {
    /** Where text goes, or null when it goes to {@link #bytes}. */
    private final Appendable out;
    /** Where the text goes as UTF-8, or null. */
    private final OutputStream bytes;
    private final char delimiter;
    private final byte[] delimiterBytes;
    /** False when the delimiter can appear in a number's text, which must then be quoted. */
    private final boolean plainNumbers;
    private final boolean header;
    /** Whole doubles of a column that started as longs are written as longs (see the class). */
    private final WholeNumbers wholeNumbers = new WholeNumbers();
    private static final int FLUSH_AT = 1 << 16;
    /** Room every field is sure of: a long, or a double's text (at most 24 characters), with a delimiter. */
    private static final int NUMBER_ROOM = 32;
    private static final byte[] TRUE = {'t', 'r', 'u', 'e'};
    private static final byte[] FALSE = {'f', 'a', 'l', 's', 'e'};
    private List<String> columns;
    private byte[] buf = new byte[FLUSH_AT + 1024];
    private int pos;

    /**
     * @param out where text goes
     * @param delimiter the field separator
     * @param header whether to write a header line
     */
    public CsvTextWriter(Appendable out, char delimiter, boolean header) {
        this(out, null, delimiter, header);
    }

    /**
     * @param out where the bytes go, as UTF-8
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
        this.delimiterBytes = String.valueOf(delimiter).getBytes(StandardCharsets.UTF_8);
        this.plainNumbers = "0123456789.-+EINafinty".indexOf(delimiter) < 0;
        this.header = header;
    }

    /**
     * @param batch the rows to write, in order
     * @throws IOException if writing fails
     * @throws StageException if the batch's columns differ from the first batch's
     */
    public void write(RecordBatch batch) throws IOException, StageException {
        List<String> names = batch.schema().names();
        pos = 0;
        if (columns == null) {
            columns = names;
            if (header) {
                for (int c = 0; c < names.size(); c++) {
                    if (c > 0) {
                        putDelimiter();
                    }
                    field(names.get(c));
                }
                put((byte) '\n');
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
        boolean[] whole = wholeNumbers.wholeDoubles(batch);
        for (int r = 0; r < batch.rowCount(); r++) {
            row(cols, whole, r);
            if (pos >= FLUSH_AT) {
                handOver();
            }
        }
        handOver();
        if (buf.length > 4 * FLUSH_AT) {
            buf = new byte[FLUSH_AT + 1024];
        }
    }

    /**
     * Writes row {@code r} and its line break. A method of its own, so that the JIT compiles the
     * row's loop once, as a method: as the inner loop of {@link #write}, whose calls each run for a
     * whole batch, the optimising compiler compiled it two or three times (for a loop entered while
     * running, then for the method), 90-150 ms of compiler time in a million-row JSON-to-CSV run.
     */
    private void row(Column[] cols, boolean[] whole, int r) {
        for (int c = 0; c < cols.length; c++) {
            if (c > 0) {
                putDelimiter();
            }
            Column col = cols[c];
            if (col.isNull(r)) {
                continue;
            }
            switch (col.type()) {
                case LONG: number(col.getLong(r)); break;
                case DOUBLE: {
                    double d = col.getDouble(r);
                    if (whole != null && whole[c] && WholeNumbers.isWhole(d)) {
                        number((long) d);
                    } else {
                        putDouble(d);
                    }
                    break;
                }
                case BOOL: put(col.getBool(r) ? TRUE : FALSE); break;
                default: field(text(col, r));
            }
        }
        put((byte) '\n');
    }

    private void number(long v) {
        if (plainNumbers) {
            putLong(v);
        } else {
            field(Long.toString(v));
        }
    }

    /** The text of a value that is not a long, double or bool (those are written by {@link #row} itself). */
    private static String text(Column col, int r) {
        return col.type() == DataType.STRING ? col.getString(r) : Values.toText(col.get(r));
    }

    /** Hands the buffer over: as bytes, or decoded for a text output (which encodes it in its own charset). */
    private void handOver() throws IOException {
        if (pos == 0) {
            return;
        }
        if (bytes != null) {
            bytes.write(buf, 0, pos);
        } else {
            String text = new String(buf, 0, pos, StandardCharsets.UTF_8);
            if (out instanceof Writer) {
                ((Writer) out).write(text);
            } else {
                out.append(text);
            }
        }
        pos = 0;
    }

    private void room(int n) {
        if (pos + n > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, pos + n));
        }
    }

    private void put(byte b) {
        room(1);
        buf[pos++] = b;
    }

    private void put(byte[] b) {
        room(b.length);
        System.arraycopy(b, 0, buf, pos, b.length);
        pos += b.length;
    }

    private void putDelimiter() {
        if (delimiterBytes.length == 1) {
            put(delimiterBytes[0]);
        } else {
            put(delimiterBytes);
        }
    }

    /** Writes a long's decimal digits, as {@link Long#toString} would. */
    private void putLong(long v) {
        room(NUMBER_ROOM);
        if (v < 0) {
            if (v == Long.MIN_VALUE) {
                put(Long.toString(v).getBytes(StandardCharsets.US_ASCII));
                return;
            }
            buf[pos++] = '-';
            v = -v;
        }
        int end = pos + digitCount(v);
        int i = end;
        while (v > Integer.MAX_VALUE) {
            long q = v / 10;
            buf[--i] = (byte) ('0' + (v - q * 10));
            v = q;
        }
        // The rest fits an int: divided by ten with a multiply and a shift, exact for every
        // non-negative int. Under C1 alone (small inputs) a long division is a call into the
        // runtime, one per digit of every id and amount written.
        int x = (int) v;
        while (x >= 10) {
            int q = (int) ((x * 0xCCCCCCCDL) >>> 35);
            buf[--i] = (byte) ('0' + (x - q * 10));
            x = q;
        }
        buf[--i] = (byte) ('0' + x);
        pos = end;
    }

    private static int digitCount(long v) {
        long p = 10;
        for (int n = 1; n < 19; n++) {
            if (v < p) {
                return n;
            }
            p *= 10;
        }
        return 19;
    }

    /**
     * Writes a double as {@code field(Values.formatDouble(d))} would. A double that is the
     * nearest one to a number of hundredths, the common case of amounts and prices, has the
     * hundredths (without trailing zeros, at least one decimal) as its shortest text, which is
     * what {@link Double#toString} gives, so it is written without making a String; other
     * doubles take {@link Values#formatDouble}.
     */
    private void putDouble(double d) {
        double a = Math.abs(d);
        // 1e-3 up to 1e7 is where Double.toString has no exponent; below 1e-2 no hundredths are left.
        if (plainNumbers && a >= 1e-2 && a < 1e7) {
            long cents = Math.round(d * 100);
            if (cents / 100.0 == d) {
                putCents(cents);
                return;
            }
        }
        String text = Values.formatDouble(d);
        if (plainNumbers) {
            putAscii(text);
        } else {
            field(text);
        }
    }

    private void putCents(long cents) {
        if (cents < 0) {
            put((byte) '-');
            cents = -cents;
        }
        putLong(cents / 100);
        int f = (int) (cents % 100);
        buf[pos++] = '.';
        if (f % 10 == 0) {
            buf[pos++] = (byte) ('0' + f / 10);
        } else {
            buf[pos++] = (byte) ('0' + f / 10);
            buf[pos++] = (byte) ('0' + f % 10);
        }
    }

    /** Copies a string of ASCII characters. */
    @SuppressWarnings("deprecation")
    private void putAscii(String s) {
        int n = s.length();
        room(n);
        // The deprecated copy keeps each char's low byte: exact for ASCII, and a plain array copy for most strings.
        s.getBytes(0, n, buf, pos);
        pos += n;
    }

    private void field(String s) {
        int n = s.length();
        if (n == 0) {
            room(2);
            buf[pos++] = '"';
            buf[pos++] = '"';
            return;
        }
        boolean quote = s.charAt(0) == ' ' || s.charAt(n - 1) == ' ';
        int any = 0;
        for (int i = 0; i < n; i++) {
            char ch = s.charAt(i);
            any |= ch;
            quote |= ch == delimiter || ch == '"' || ch == '\n' || ch == '\r';
        }
        boolean ascii = any < 0x80;
        if (!quote) {
            if (ascii) {
                putAscii(s);
            } else {
                put(s.getBytes(StandardCharsets.UTF_8));
            }
            return;
        }
        // In UTF-8 a byte below 0x80 is always that ASCII character, so quotes can be doubled byte by byte.
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        room(2 * b.length + 2);
        buf[pos++] = '"';
        for (byte x : b) {
            if (x == '"') {
                buf[pos++] = '"';
            }
            buf[pos++] = x;
        }
        buf[pos++] = '"';
    }
}
