package io.conveyor.engine.internal.stages.json;

import java.io.IOException;
import java.io.InputStream;
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
        if (!started) {
            started = true;
            fill(3);
            if (limit - pos >= 3 && (buf[pos] & 0xFF) == 0xEF && (buf[pos + 1] & 0xFF) == 0xBB && (buf[pos + 2] & 0xFF) == 0xBF) {
                pos += 3;
            }
        }
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
            for (int i = scan; i < limit; i++) {
                byte b = buf[i];
                if (b == '\n' || b == '\r') {
                    start = pos;
                    end = i;
                    pos = i + 1;
                    afterCr = b == '\r';
                    return true;
                }
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
