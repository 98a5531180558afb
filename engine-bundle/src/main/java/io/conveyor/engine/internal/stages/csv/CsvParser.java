package io.conveyor.engine.internal.stages.csv;

import io.conveyor.api.StageException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Splits CSV bytes (UTF-8) into records and fields, one record per {@link #parse} call, without
 * decoding text: fields separated by a delimiter, optionally enclosed in quotes, where a doubled
 * quote stands for one quote and delimiters and line breaks are plain text. Records end at LF,
 * CRLF or CR. A quote opens a quoted field only as a field's first character; text after a
 * closing quote, and a quote inside an unquoted field, are kept as they are. The delimiter and
 * quote may be any character: one that is not ASCII is matched as its UTF-8 byte sequence,
 * which cannot occur inside another character's encoding.
 *
 * <p>After a call, the record's fields are described by {@link #start}, {@link #end} (byte
 * offsets) or, for a quoted field whose content is not one byte range (doubled quotes, text after
 * the closing quote), by {@link #text}. Not thread-safe: one per thread.
 */
final class CsvParser {
    /** {@link #parse} result: the record is not complete before the end of the bytes given. */
    static final int INCOMPLETE = -1;
    private final byte[] delimiter;
    private final byte[] quote;
    private final byte d0;
    private final byte q0;
    /** Number of fields of the last record. */
    int count;
    /** Per field: first byte of its content, or -1 when {@link #text} holds it. */
    int[] start = new int[16];
    /** Per field: end (exclusive) of its content. */
    int[] end = new int[16];
    /** Per field: the content as text when it is not one byte range, else null. */
    String[] text = new String[16];
    /** Per field: whether it was quoted. */
    boolean[] quoted = new boolean[16];
    /** Line breaks inside quoted fields of the last record (LF only, as lines are counted). */
    int innerLines;
    /** Whether the last record ended with a line break (false at the end of the data). */
    boolean terminated;
    private byte[] scratch = new byte[64];

    CsvParser(char delimiter, char quote) {
        this.delimiter = String.valueOf(delimiter).getBytes(StandardCharsets.UTF_8);
        this.quote = String.valueOf(quote).getBytes(StandardCharsets.UTF_8);
        this.d0 = this.delimiter[0];
        this.q0 = this.quote[0];
    }

    /**
     * Reads one record.
     *
     * @param b the bytes
     * @param pos where the record starts; less than {@code limit}
     * @param limit end of the bytes available
     * @param atEnd whether the data ends at {@code limit} (else more may follow)
     * @return the offset after the record and its line break, or {@link #INCOMPLETE} when the record
     *         runs past {@code limit} and the data does not end there
     * @throws StageException if a quoted field is still open at the end of the data
     */
    int parse(byte[] b, int pos, int limit, boolean atEnd) throws StageException {
        count = 0;
        innerLines = 0;
        int i = pos;
        while (true) {
            if (count == start.length) {
                grow();
            }
            int f = count++;
            if (i < limit && b[i] == q0 && matches(b, i, limit, quote)) {
                i = quotedField(b, i + quote.length, limit, atEnd, f);
                if (i == INCOMPLETE) {
                    return INCOMPLETE;
                }
            } else {
                int s = i;
                i = fieldEnd(b, i, limit);
                start[f] = s;
                end[f] = i;
                text[f] = null;
                quoted[f] = false;
            }
            if (i >= limit) {
                if (!atEnd) {
                    return INCOMPLETE;
                }
                terminated = false;
                return limit;
            }
            byte c = b[i];
            if (c == '\n') {
                terminated = true;
                return i + 1;
            }
            if (c == '\r') {
                terminated = true;
                return i + 1 < limit && b[i + 1] == '\n' ? i + 2 : i + 1;
            }
            i += delimiter.length;
        }
    }

    /** @return the offset after the quoted field and any text after its closing quote */
    private int quotedField(byte[] b, int i, int limit, boolean atEnd, int f) throws StageException {
        int contentStart = i;
        int copied = -1; // bytes in scratch once a doubled quote made the content non-contiguous
        while (true) {
            if (i >= limit) {
                if (!atEnd) {
                    return INCOMPLETE;
                }
                throw new StageException("a quoted field is not closed before the end of the file");
            }
            byte c = b[i];
            if (c == q0 && matches(b, i, limit, quote)) {
                int after = i + quote.length;
                if (after >= limit && !atEnd) {
                    return INCOMPLETE; // a doubled quote may follow in bytes not yet read
                }
                if (after < limit && b[after] == q0 && matches(b, after, limit, quote)) {
                    copied = append(copied, b, contentStart, after);
                    i = after + quote.length;
                    contentStart = i;
                    continue;
                }
                quoted[f] = true;
                int rest = fieldEnd(b, after, limit);
                if (copied < 0 && rest == after) {
                    start[f] = contentStart;
                    end[f] = i;
                    text[f] = null;
                } else {
                    copied = append(copied, b, contentStart, i);
                    copied = append(copied, b, after, rest);
                    start[f] = -1;
                    text[f] = new String(scratch, 0, copied, StandardCharsets.UTF_8);
                }
                return rest;
            }
            if (c == '\n') {
                innerLines++;
            }
            i++;
        }
    }

    /** @return the offset of the delimiter or line break that ends the unquoted text at {@code i} */
    int fieldEnd(byte[] b, int i, int limit) {
        while (i < limit) {
            byte c = b[i];
            if (c == '\n' || c == '\r' || (c == d0 && matches(b, i, limit, delimiter))) {
                return i;
            }
            i++;
        }
        return i;
    }

    private int append(int copied, byte[] b, int from, int to) {
        int n = Math.max(copied, 0);
        int len = to - from;
        if (n + len > scratch.length) {
            scratch = Arrays.copyOf(scratch, Math.max(scratch.length * 2, n + len));
        }
        System.arraycopy(b, from, scratch, n, len);
        return n + len;
    }

    private static boolean matches(byte[] b, int i, int limit, byte[] seq) {
        if (seq.length == 1) {
            return true;
        }
        if (i + seq.length > limit) {
            return false;
        }
        for (int k = 1; k < seq.length; k++) {
            if (b[i + k] != seq[k]) {
                return false;
            }
        }
        return true;
    }

    private void grow() {
        int n = start.length * 2;
        start = Arrays.copyOf(start, n);
        end = Arrays.copyOf(end, n);
        text = Arrays.copyOf(text, n);
        quoted = Arrays.copyOf(quoted, n);
    }

    /** @return the text of field {@code f} of the last record */
    String field(byte[] b, int f) {
        return text[f] != null ? text[f] : new String(b, start[f], end[f] - start[f], StandardCharsets.UTF_8);
    }

    /** @return true if the last record was an empty line */
    boolean isBlankLine() {
        return count == 1 && !quoted[0] && text[0] == null && start[0] == end[0];
    }

    /**
     * Where to cut bytes into pieces that can be parsed apart: after the last LF, or after the
     * last CR when there is no LF (a CR as the very last byte is not used: an LF may follow it).
     * The cut may fall inside a quoted field; whoever parses the pieces must notice (the piece
     * before it then ends inside quotes) and join them.
     *
     * @param b the bytes
     * @param from first byte that may be cut after
     * @param limit end of the bytes
     * @return the offset after the line break, or -1 if there is none
     */
    static int lastLineBreak(byte[] b, int from, int limit) {
        for (int i = limit - 1; i >= from; i--) {
            if (b[i] == '\n') {
                return i + 1;
            }
        }
        for (int i = limit - 2; i >= from; i--) {
            if (b[i] == '\r') {
                return i + 1;
            }
        }
        return -1;
    }
}
