package io.conveyor.engine.internal.stages.json;

import java.io.IOException;
import java.io.InputStream;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The lines of a UTF-8 stream as byte ranges of one buffer, split where
 * {@link java.io.BufferedReader#readLine} splits ({@code \n}, {@code \r\n} or a lone
 * {@code \r}), with a leading byte order mark skipped. JSON lines are parsed straight from
 * these bytes: no line becomes a {@code String} or is decoded to chars first, unless it is
 * rejected and kept as text.
 *
 * <p>A range stays valid until the next call to {@link #next}.
 */
final class ByteLines {
    private static final int BUFFER = 1 << 16;
    private final InputStream in;
    private byte[] buf = new byte[BUFFER];
    /** Bytes of {@code buf} read so far, and where the unconsumed ones start. */
    private int limit;
    private int pos;
    private boolean eof;
    private boolean started;
    /** A {@code \r} ended the last line: a {@code \n} right after it belongs to that line break. */
    private boolean afterCr;
    private int start;
    private int end;

    ByteLines(InputStream in) {
        this.in = in;
    }

    /** @return true if a line was read: it is {@code buffer()[start() .. end())}, without its line break */
    boolean next() throws IOException {
        begin();
        int scan = pos;
        while (true) {
            if (afterCr) {
                if (scan == limit && !eof) {
                    scan = refill(scan);
                    continue;
                }
                afterCr = false;
                if (scan < limit && buf[scan] == '\n') {
                    pos = ++scan;
                }
            }
            int i = lineBreak(buf, scan, limit);
            if (i < limit) {
                start = pos;
                end = i;
                pos = i + 1;
                afterCr = buf[i] == '\r';
                return true;
            }
            scan = limit;
            if (eof) {
                if (pos == limit) {
                    return false;
                }
                start = pos;
                end = limit;
                pos = limit;
                return true;
            }
            scan = refill(scan);
        }
    }

    /**
     * Readies the next line for a reader that finds where it ends itself ({@link #take}): skips a
     * byte order mark at the start and the {@code \n} of a {@code \r\n}, and reads until
     * {@code ahead} bytes follow the line's start or the input ends.
     *
     * @return the offset in {@link #buffer} at which the next line starts (valid until the next
     *         call), or -1 at the end of the input
     */
    int prepare(int ahead) throws IOException {
        begin();
        while (limit - pos < ahead + 1 && !eof) {
            refill(pos);
        }
        if (afterCr) {
            afterCr = false;
            if (pos < limit && buf[pos] == '\n') {
                pos++;
            }
        }
        return pos < limit ? pos : -1;
    }

    /** @return where the bytes read so far end in {@link #buffer} */
    int limit() {
        return limit;
    }

    /** @return whether the input has no bytes beyond {@link #limit} */
    boolean atEnd() {
        return eof;
    }

    /**
     * Takes the line that starts where {@link #prepare} said and ends at {@code lineEnd}: a
     * line break, or {@link #limit} at the end of the input. It is then the current line, as
     * {@link #next} would have made it.
     */
    void take(int lineEnd) {
        start = pos;
        end = lineEnd;
        if (lineEnd < limit) {
            pos = lineEnd + 1;
            afterCr = buf[lineEnd] == '\r';
        } else {
            pos = limit;
        }
    }

    /** At the start of the input, skips a byte order mark. */
    private void begin() throws IOException {
        if (!started) {
            started = true;
            fill(3);
            if (limit - pos >= 3 && (buf[pos] & 0xFF) == 0xEF && (buf[pos + 1] & 0xFF) == 0xBB && (buf[pos + 2] & 0xFF) == 0xBF) {
                pos += 3;
            }
        }
    }

    /** Eight bytes of an array as one long, for {@link #lineBreak}. */
    static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    /** A one in each byte, and each byte's high bit: for working on eight bytes at a time. */
    static final long ONES = 0x0101_0101_0101_0101L;
    static final long HIGHS = 0x8080_8080_8080_8080L;
    private static final long LFS = ONES * '\n';
    private static final long CRS = ONES * '\r';

    /**
     * @return the offset of the first {@code \n} or {@code \r} in {@code b[i, limit)}, or {@code limit}
     */
    static int lineBreak(byte[] b, int i, int limit) {
        // Eight bytes at a time (the scan was a fifth of reading a JSON line): XOR turns the bytes
        // sought into zeros, and (x - 0x01..) & ~x & 0x80.. marks zero bytes; a borrow can only
        // mark a byte above a real zero, so the lowest mark is exact, and it is the first in the
        // array since the long is read little-endian.
        for (; i + 8 <= limit; i += 8) {
            long w = (long) LONGS.get(b, i);
            long lf = w ^ LFS;
            long cr = w ^ CRS;
            long found = ((lf - ONES) & ~lf | (cr - ONES) & ~cr) & HIGHS;
            if (found != 0) {
                return i + (Long.numberOfTrailingZeros(found) >>> 3);
            }
        }
        for (; i < limit; i++) {
            if (b[i] == '\n' || b[i] == '\r') {
                return i;
            }
        }
        return limit;
    }

    /** Reads more, keeping the unconsumed bytes; @return {@code scan} moved along with them */
    private int refill(int scan) throws IOException {
        int kept = limit - pos;
        if (pos > 0) {
            System.arraycopy(buf, pos, buf, 0, kept);
            scan -= pos;
            limit = kept;
            pos = 0;
        }
        if (limit == buf.length) {
            buf = Arrays.copyOf(buf, buf.length * 2);
        }
        fill(1);
        return scan;
    }

    /** Reads until at least {@code want} more bytes are there, or the end. */
    private void fill(int want) throws IOException {
        int got = 0;
        while (got < want && limit < buf.length) {
            int n = in.read(buf, limit, buf.length - limit);
            if (n < 0) {
                eof = true;
                return;
            }
            limit += n;
            got += n;
        }
    }

    /** Closes the stream. */
    void close() throws IOException {
        in.close();
    }

    byte[] buffer() {
        return buf;
    }

    int start() {
        return start;
    }

    int end() {
        return end;
    }

    /** @return the current line as text (for a rejected line) */
    String text() {
        return new String(buf, start, end - start, StandardCharsets.UTF_8);
    }

    /** @return true if the current line is empty or only whitespace, as {@link String#isBlank} says */
    boolean isBlank() {
        boolean ascii = true;
        for (int i = start; i < end; i++) {
            int b = buf[i] & 0xFF;
            if (b >= 0x80) {
                ascii = false;
            } else if (!Character.isWhitespace(b)) {
                return false;
            }
        }
        return ascii || text().isBlank();
    }
}
