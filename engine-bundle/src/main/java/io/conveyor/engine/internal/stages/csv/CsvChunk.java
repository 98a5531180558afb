package io.conveyor.engine.internal.stages.csv;

import io.conveyor.api.StageException;
import io.conveyor.engine.internal.stages.text.StringCache;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A piece of a CSV file, parsed: its records (after the header) split into fields, each field
 * classified as {@link CsvColumnTyper#classify} says and, for numbers and booleans, already parsed.
 * Pieces are parsed on several threads at once and then consumed in file order by
 * {@link CsvSource}, which only copies values into batches; so the costly work (finding fields,
 * parsing numbers, making strings) runs in parallel while rows keep their order.
 *
 * <p>Most records are read by a fast path that finds the fields of an all-unquoted record and
 * parses its plain numbers in one pass over the bytes; every other record (quotes, a wrong
 * number of fields, a blank line) is read by {@link CsvParser} and classified field by field.
 * Both give the same result, which the tests check on random input.
 *
 * <p>Line numbers here are relative to the piece's first line; the source adds the piece's
 * first line when it reports them. Records with the wrong number of fields are kept aside as
 * rejections, with their text, for the source to send to the dead-letter queue in order.
 */
final class CsvChunk {
    /** A record with the wrong number of fields. */
    record Rejected(long relativeLine, Map<String, Object> record, int found) {
    }

    final byte[] bytes;
    final int from;
    final int limit;
    final int width;
    /** Rows parsed. */
    int rows;
    /*
     * Per field, row by row (field c of row r at r * width + c): a row's fields are written
     * next to each other, so parsing a row writes a few memory streams, not a few per column.
     */
    /** The class of the field ({@link CsvColumnTyper#NULL} ...). */
    byte[] classes;
    /**
     * A class only while the piece is parsed: a string field whose text is not made yet; its
     * bytes run from its start to {@code values[at]}. {@link #makeTexts} makes them STRING.
     */
    private static final byte TEXT = 5;
    /** A long, a double's bits, or 1/0 for a boolean, as the class says. */
    long[] values;
    /**
     * The text when it was made (strings, quoted fields), else null. The fast path writes only the
     * texts it makes, so the row it fills must hold none yet: the arrays come new or cleared
     * ({@link Spares#giveBack}), and a record the fast path gives up on has its row cleared
     * again ({@link #clearRow}) before another record is read into it.
     */
    String[] texts;
    /**
     * The field's first byte, when the text was not made. Its end is not kept: such a field is
     * unquoted, so it ends at the first delimiter or line break after its start.
     */
    int[] starts;
    /** Per column: whether any field of it got a text, which {@link #clearTexts} must then drop. */
    private final boolean[] holdsTexts;
    /** Per row: the line it starts on, relative to the piece. */
    long[] lines;
    /** Per row: the offset after the row, for the bytes-read counter. */
    int[] rowEnds;
    final List<Rejected> rejected = new ArrayList<>();
    /** Line breaks in the piece, as lines are counted. */
    long lineCount;
    /**
     * Where the last record starts when the piece ends inside a quoted field (it was cut at a
     * line break that belongs to the field), else -1: the source then parses that record again
     * together with the next piece.
     */
    int openRecordAt = -1;
    /** The relative line of a record whose quoted field the end of the file leaves open, else -1. */
    long unclosedLine = -1;
    /** Finds the end of an unquoted field, for {@link #text}. */
    private final CsvParser fields;

    private CsvChunk(byte[] bytes, int from, int limit, int width, int capacity, CsvParser fields, Spares spares) {
        this.bytes = bytes;
        this.from = from;
        this.limit = limit;
        this.width = width;
        this.fields = fields;
        this.holdsTexts = new boolean[width];
        if (spares != null && spares.lend(this, capacity)) {
            return;
        }
        caches = new StringCache[width];
        StringCache.Shared[] shared = spares == null ? null : spares.sharedStrings(width);
        for (int c = 0; c < width; c++) {
            caches[c] = new StringCache(shared == null ? null : shared[c]);
        }
        classes = new byte[width * capacity];
        values = new long[width * capacity];
        texts = new String[width * capacity];
        starts = new int[width * capacity];
        lines = new long[capacity];
        rowEnds = new int[capacity];
    }

    /**
     * Per column: recent short texts, so a column of few distinct values shares one String per
     * value. Made with the piece (or lent with its arrays), never on first use: a branch taken
     * once per piece inside the parsing loop is one the compiler leaves out, and then compiles
     * the loop again when a new piece takes it.
     */
    private StringCache[] caches;

    /** How to read the fields of one file. */
    record Layout(List<String> names, char delimiter, char quote, byte[][] nullValues, boolean[] asText,
                  boolean[] skipped) {
    }

    /**
     * Parses {@code bytes[from, limit)}, which starts at a record.
     *
     * @param atEnd whether the file ends at {@code limit}
     * @param spares arrays of pieces already consumed, to parse into (may be null)
     * @return the parsed piece; its {@link #unclosedLine} says if the file ends inside a quoted field
     */
    static CsvChunk parse(byte[] bytes, int from, int limit, boolean atEnd, Layout layout, Spares spares) {
        return parse(bytes, from, limit, atEnd, layout, spares, true);
    }

    /**
     * Parses as {@link #parse(byte[], int, int, boolean, Layout, Spares)} does with every record on
     * the general path, which the fast path must agree with (the tests compare them).
     */
    static CsvChunk parseWithoutFastPath(byte[] bytes, int from, int limit, boolean atEnd, Layout layout) {
        return parse(bytes, from, limit, atEnd, layout, null, false);
    }

    private static CsvChunk parse(byte[] bytes, int from, int limit, boolean atEnd, Layout layout, Spares spares,
                                  boolean fast) {
        CsvChunk chunk = parseRecords(bytes, from, limit, atEnd, layout, spares, fast);
        chunk.makeTexts(layout.skipped());
        return chunk;
    }

    private static CsvChunk parseRecords(byte[] bytes, int from, int limit, boolean atEnd, Layout layout,
                                         Spares spares, boolean fast) {
        int width = layout.names().size();
        // Room for every row, so that the arrays never grow while the piece is parsed: a guess
        // from the byte count grew them near the end of a piece, a branch taken too rarely for the
        // compiler to keep, which then compiled the fast path again. Every record but the file's
        // last ends at a line break, so line breaks + 1 rows always fit; once pieces of this file
        // have been read, their bytes per row give the room (with a margin) without counting.
        int capacity = spares == null ? -1 : spares.roomFor(limit - from);
        if (capacity < 0) {
            capacity = lineBreaks(bytes, from, limit) + 1;
        }
        CsvParser p = new CsvParser(layout.delimiter(), layout.quote());
        CsvChunk chunk = new CsvChunk(bytes, from, limit, width, Math.max(4, capacity), p, spares);
        int pos = from;
        long line = 0;
        FastPath fastPath = fast ? FastPath.of(layout) : null;
        // The fast path reads up to the piece's last line break, so every record it starts ends
        // before its limit and none of its end-of-bytes checks is ever taken (a check taken once
        // a piece is one the compiler leaves out, and then compiles the method again when a piece
        // ends); the record after that break, if any, is left to the general path.
        int cut = fastPath == null ? -1 : CsvParser.lastLineBreak(bytes, from, limit);
        int fastLimit = cut < 0 ? from : cut;
        while (pos < limit) {
            if (pos < fastLimit) {
                int end = chunk.fastRecord(bytes, pos, fastLimit, line, fastPath);
                if (end >= 0) {
                    line++;
                    pos = end;
                    continue;
                }
                chunk.clearRow();
            }
            int next;
            try {
                next = p.parse(bytes, pos, limit, atEnd);
            } catch (StageException e) {
                chunk.unclosedLine = line;
                chunk.lineCount = line;
                return chunk;
            }
            if (next == CsvParser.INCOMPLETE) {
                chunk.openRecordAt = pos;
                chunk.lineCount = line;
                return chunk;
            }
            long recordLine = line;
            line += p.innerLines + (p.terminated ? 1 : 0);
            pos = next;
            if (p.isBlankLine() && width != 1) {
                continue;
            }
            if (p.count != width) {
                Map<String, Object> raw = new LinkedHashMap<>();
                for (int f = 0; f < p.count; f++) {
                    raw.put(f < width ? layout.names().get(f) : "column_" + (f + 1), p.field(bytes, f));
                }
                chunk.rejected.add(new Rejected(recordLine, raw, p.count));
                continue;
            }
            chunk.add(p, recordLine, next, layout);
        }
        chunk.lineCount = line;
        return chunk;
    }

    /** @return how many {@code \n} bytes {@code bytes[from, limit)} holds */
    static int lineBreaks(byte[] bytes, int from, int limit) {
        int n = 0;
        for (int i = from; i < limit; i++) {
            n += bytes[i] == '\n' ? 1 : 0;
        }
        return n;
    }

    /**
     * Makes the texts of the fields the fast path left as {@link #TEXT}, a column at a time: the
     * fast path then stays small enough for the compiler to compile once, quickly, and each
     * column's string cache is used in one run.
     */
    private void makeTexts(boolean[] skipped) {
        for (int c = 0; c < width; c++) {
            if (skipped[c]) {
                // Never left as TEXT: a column not read keeps no text.
                continue;
            }
            StringCache cache = caches[c];
            boolean made = false;
            for (int r = 0, at = c; r < rows; r++, at += width) {
                if (classes[at] == TEXT) {
                    texts[at] = cache.get(bytes, starts[at], (int) values[at]);
                    classes[at] = CsvColumnTyper.STRING;
                    made = true;
                }
            }
            holdsTexts[c] |= made;
        }
    }

    /**
     * Drops the texts of the piece's rows (and of the row after the last, see {@link #texts}),
     * so that its arrays can be lent to another piece: only in the columns that got any, with a
     * plain loop (the library's fill checks the type of what it stores, at every element).
     */
    void clearTexts() {
        int end = Math.min(texts.length, (rows + 1) * width);
        for (int c = 0; c < width; c++) {
            if (holdsTexts[c]) {
                for (int at = c; at < end; at += width) {
                    texts[at] = null;
                }
            }
        }
    }

    /** Drops the texts a fast-path attempt left in the row it was filling (see {@link #texts}). */
    private void clearRow() {
        // The row exists: fastRecord grows the arrays before it fills a row.
        Arrays.fill(texts, rows * width, rows * width + width, null);
    }

    private void add(CsvParser p, long recordLine, int next, Layout layout) {
        int r = rows;
        if (r == lines.length) {
            grow();
        }
        lines[r] = recordLine;
        rowEnds[r] = next;
        int base = r * width;
        for (int c = 0; c < width; c++) {
            String text = p.text[c];
            int s = p.start[c];
            int e = p.end[c];
            int at = base + c;
            byte cls;
            if (!p.quoted[c] && isNullValue(s, e, layout.nullValues())) {
                cls = CsvColumnTyper.NULL;
                values[at] = 0;
            } else if (layout.skipped()[c]) {
                // Not read (option columns): kept as bytes, made into text only for a rejected row.
                cls = CsvColumnTyper.STRING;
            } else if (layout.asText()[c]) {
                cls = CsvColumnTyper.STRING;
                if (text == null) {
                    text = string(c, s, e);
                }
            } else if (text == null) {
                cls = CsvColumnTyper.classify(bytes, s, e, values, at);
                if (cls == CsvColumnTyper.STRING) {
                    text = string(c, s, e);
                }
            } else {
                byte[] b = text.getBytes(StandardCharsets.UTF_8);
                cls = CsvColumnTyper.classify(b, 0, b.length, values, at);
            }
            if (text == null && p.quoted[c]) {
                // A quoted field's end is not where a delimiter is: keep its text.
                text = string(c, s, e);
            }
            classes[at] = cls;
            texts[at] = text;
            starts[at] = s;
            holdsTexts[c] |= text != null;
        }
        rows = r + 1;
    }

    /**
     * What the fast path needs to know of a layout. It reads records whose fields are all
     * unquoted, with a one-byte delimiter, finding each field's end and parsing the common
     * numbers (a plain integer of up to 18 digits, a plain decimal of up to 15 digits) in the
     * same pass over the bytes; anything else (a quote, a wrong number of fields, a blank line,
     * the end of the bytes) sends the record to the general path, which reads it as before.
     *
     * @return null when the delimiter or quote rule out the fast path (a delimiter that can be
     *         part of a number, or either character not ASCII)
     */
    private record FastPath(byte delimiter, byte quote, boolean[] asText, boolean[] skipped, byte[][] nullValues,
                            boolean placeSkipped) {
        static FastPath of(Layout layout) {
            char d = layout.delimiter();
            char q = layout.quote();
            boolean numberChar = (d >= '0' && d <= '9') || d == '-' || d == '.';
            if (d >= 0x80 || q >= 0x80 || numberChar || d == q) {
                return null;
            }
            // A skipped column's fields are read back only for the dead-letter record of a row
            // whose declared column does not convert; a declared column is read as text, so
            // without one nothing reads them, and the fast path keeps not even their place.
            boolean placeSkipped = false;
            for (boolean t : layout.asText()) {
                placeSkipped |= t;
            }
            return new FastPath((byte) d, (byte) q, layout.asText(), layout.skipped(), layout.nullValues(),
                    placeSkipped);
        }
    }

    /**
     * Reads one record at {@code pos} on the fast path into row {@link #rows}.
     *
     * @return the offset after the record and its line break, or -1 when the record must be read
     *         by the general path (nothing is then kept of this attempt)
     */
    private int fastRecord(byte[] b, int pos, int limit, long recordLine, FastPath fp) {
        int r = rows;
        if (r == lines.length) {
            grow();
        }
        byte d = fp.delimiter();
        boolean[] asText = fp.asText();
        boolean[] skipped = fp.skipped();
        byte[][] nullValues = fp.nullValues();
        int i = pos;
        int last = width - 1;
        for (int c = 0; ; c++) {
            if (i >= limit) {
                return -1;
            }
            int at = r * width + c;
            byte first = b[i];
            if (first == fp.quote()) {
                i = quotedField(b, i, limit, c, at, fp);
                if (i < 0) {
                    return -1;
                }
                if (c == last) {
                    break;
                }
                if (i >= limit || b[i] != d) {
                    return -1;
                }
                i++;
                continue;
            }
            int s = i;
            if (skipped[c]) {
                // Not read (option columns): nothing is done with it (no value, no text: see the
                // class comment), and its place is kept only for the record of a row that a
                // declared column may reject (FastPath#placeSkipped).
                i = fieldEnd(b, i, limit, d);
                if (fp.placeSkipped()) {
                    boolean isNull = nullValues.length > 0 && isNullValue(s, i, nullValues);
                    if (isNull) {
                        values[at] = 0;
                    }
                    classes[at] = isNull ? CsvColumnTyper.NULL : CsvColumnTyper.STRING;
                    starts[at] = s;
                }
            } else {
                byte cls = -1;
                // A field that starts with neither a digit, a sign nor a point is no number:
                // only true/false or text.
                boolean word = first != '-' && first != '.' && (first < '0' || first > '9');
                if (!asText[c] && !word) {
                    boolean negative = first == '-';
                    if (negative) {
                        i++;
                    }
                    int digitsStart = i;
                    int point = -1;
                    long m = 0;
                    while (i < limit) {
                        int digit = b[i] - '0';
                        if (digit >= 0 && digit <= 9) {
                            m = m * 10 + digit;
                        } else if (b[i] == '.' && point < 0) {
                            point = i;
                        } else {
                            break;
                        }
                        i++;
                    }
                    int intDigits = (point < 0 ? i : point) - digitsStart;
                    boolean canonical = intDigits > 0 && (intDigits == 1 || b[digitsStart] != '0')
                            && (i >= limit || isFieldEnd(b[i], d));
                    if (canonical && point < 0 && intDigits <= 18) {
                        cls = CsvColumnTyper.LONG;
                        values[at] = negative ? -m : m;
                    } else if (canonical && point >= 0 && i - point > 1 && i - digitsStart - 1 <= 15) {
                        cls = CsvColumnTyper.DOUBLE;
                        double x = CsvColumnTyper.decimal(m, i - point - 1);
                        values[at] = Double.doubleToRawLongBits(negative ? -x : x);
                    }
                }
                if (cls < 0 || nullValues.length > 0) {
                    // Not a plain number (or a null text may be one): find the end, then classify
                    // as the general path does.
                    i = fieldEnd(b, i, limit, d);
                    if (nullValues.length > 0 && isNullValue(s, i, nullValues)) {
                        cls = CsvColumnTyper.NULL;
                        values[at] = 0;
                    } else if (asText[c]) {
                        cls = CsvColumnTyper.STRING;
                    } else if (cls < 0) {
                        cls = !word ? CsvColumnTyper.classify(b, s, i, values, at)
                                : i == s ? CsvColumnTyper.STRING : CsvColumnTyper.boolOrString(b, s, i, values, at);
                    }
                }
                if (cls == CsvColumnTyper.STRING) {
                    // Its text is made after the piece is read (makeTexts), column by column.
                    cls = TEXT;
                    values[at] = i;
                }
                classes[at] = cls;
                starts[at] = s;
            }
            if (c == last) {
                break;
            }
            if (i >= limit || b[i] != d) {
                return -1;
            }
            i++;
        }
        if (i >= limit) {
            return -1;
        }
        int next;
        if (b[i] == '\n') {
            next = i + 1;
        } else if (b[i] == '\r') {
            next = i + 1 < limit && b[i + 1] == '\n' ? i + 2 : i + 1;
        } else {
            return -1;
        }
        lines[r] = recordLine;
        rowEnds[r] = next;
        rows = r + 1;
        return next;
    }

    /**
     * Reads, on the fast path, a quoted field whose content is one line without quotes (such as
     * {@code "gift, no receipt"}) as the general path does: its text is its content, never a null
     * text, classified from the content.
     *
     * @return the offset after the closing quote, or -1 for the general path (a doubled quote, a
     *         line break inside, text after the closing quote, or the end of the bytes)
     */
    private int quotedField(byte[] b, int open, int limit, int c, int at, FastPath fp) {
        byte q = fp.quote();
        int s = open + 1;
        int close = s;
        while (close < limit && b[close] != q && b[close] != '\n') {
            close++;
        }
        int after = close + 1;
        if (after >= limit || b[close] != q || !isFieldEnd(b[after], fp.delimiter())) {
            return -1;
        }
        if (fp.skipped()[c] && !fp.placeSkipped()) {
            // Not read, and not kept for a rejected row's record either (FastPath#placeSkipped).
            return after;
        }
        byte cls = fp.asText()[c] || fp.skipped()[c] ? CsvColumnTyper.STRING
                : CsvColumnTyper.classify(b, s, close, values, at);
        classes[at] = cls;
        texts[at] = string(c, s, close);
        holdsTexts[c] = true;
        starts[at] = s;
        return after;
    }

    private static boolean isFieldEnd(byte c, byte delimiter) {
        return c == delimiter || c == '\n' || c == '\r';
    }

    /** @return the offset of the delimiter or line break that ends the unquoted text at {@code i} */
    private static int fieldEnd(byte[] b, int i, int limit, byte delimiter) {
        while (i < limit) {
            byte c = b[i];
            if (c == delimiter || c == '\n' || c == '\r') {
                return i;
            }
            i++;
        }
        return i;
    }

    private String string(int c, int s, int e) {
        return caches[c].get(bytes, s, e);
    }

    private boolean isNullValue(int s, int e, byte[][] nullValues) {
        for (byte[] n : nullValues) {
            if (n.length == e - s && Arrays.equals(bytes, s, e, n, 0, n.length)) {
                return true;
            }
        }
        return false;
    }

    private void grow() {
        int n = lines.length * 2;
        classes = Arrays.copyOf(classes, n * width);
        values = Arrays.copyOf(values, n * width);
        texts = Arrays.copyOf(texts, n * width);
        starts = Arrays.copyOf(starts, n * width);
        lines = Arrays.copyOf(lines, n);
        rowEnds = Arrays.copyOf(rowEnds, n);
    }

    /**
     * The arrays of pieces the source has consumed, for the parsers of the next pieces: a piece
     * allocates a few MB (its bytes, and its fields' classes, values, texts and starts), and
     * reusing them keeps the collector from running several times more often than the rows
     * themselves need. Shared by the source's thread, which returns them, and the parse threads.
     */
    static final class Spares {
        /** Enough for the pieces parsed ahead, and not more: the rest is left to the collector. */
        private static final int KEEP = 8;
        /** Room a new piece buffer gets beyond what it needs, so that the next piece (whose start, cut from the one before, varies) fits it. */
        private static final int SLACK = 1 << 14;
        private final ArrayDeque<CsvChunk> chunks = new ArrayDeque<>();
        private final ArrayDeque<byte[]> buffers = new ArrayDeque<>();
        /** Bytes and rows of the pieces given back so far. */
        private long bytesSeen;
        private long rowsSeen;
        /** Per column, the Strings that the string caches of all the source's pieces share. */
        private StringCache.Shared[] sharedStrings;

        /**
         * @return per column of a piece {@code width} fields wide, the table its caches share (a
         *         file of another width, in a glob, starts new tables)
         */
        synchronized StringCache.Shared[] sharedStrings(int width) {
            if (sharedStrings == null || sharedStrings.length != width) {
                sharedStrings = new StringCache.Shared[width];
                for (int c = 0; c < width; c++) {
                    sharedStrings[c] = new StringCache.Shared();
                }
            }
            return sharedStrings;
        }

        /**
         * @param bytes the size of a piece about to be parsed
         * @return rows enough for it, from the bytes per row of the pieces read so far and a
         *         quarter more, or -1 before there are any
         */
        synchronized int roomFor(int bytes) {
            if (rowsSeen == 0) {
                return -1;
            }
            return (int) Math.min(Integer.MAX_VALUE - 8, 1.25 * bytes * rowsSeen / bytesSeen + 16);
        }

        /** Takes back a consumed piece: nothing may read it afterwards. */
        synchronized void giveBack(CsvChunk chunk) {
            bytesSeen += chunk.limit - chunk.from;
            rowsSeen += chunk.rows;
            // Texts are dropped now, so the strings die with the batches that hold them.
            chunk.clearTexts();
            // The most recent first; the oldest (perhaps of a size no piece needs again) go.
            chunks.push(chunk);
            if (chunks.size() > KEEP) {
                chunks.removeLast();
            }
            buffers.push(chunk.bytes);
            if (buffers.size() > KEEP) {
                buffers.removeLast();
            }
        }

        /**
         * @return the bytes of a consumed piece that hold at least {@code length} bytes and not
         *         much more, or a new array of {@code length} bytes
         */
        synchronized byte[] buffer(int length) {
            for (Iterator<byte[]> it = buffers.iterator(); it.hasNext(); ) {
                byte[] b = it.next();
                if (b.length >= length && b.length - length <= SLACK) {
                    it.remove();
                    return b;
                }
            }
            return new byte[length + SLACK];
        }

        /**
         * Gives {@code chunk} the arrays of a consumed piece of its width that hold at least
         * {@code capacity} rows.
         *
         * @return false if there was none
         */
        synchronized boolean lend(CsvChunk chunk, int capacity) {
            for (Iterator<CsvChunk> it = chunks.iterator(); it.hasNext(); ) {
                CsvChunk old = it.next();
                if (old.width == chunk.width && old.lines.length >= capacity && old.lines.length <= 2 * capacity) {
                    it.remove();
                    chunk.classes = old.classes;
                    chunk.values = old.values;
                    chunk.texts = old.texts;
                    chunk.starts = old.starts;
                    chunk.lines = old.lines;
                    chunk.rowEnds = old.rowEnds;
                    chunk.caches = old.caches;
                    return true;
                }
            }
            return false;
        }
    }

    /** @return the class of field {@code c} of row {@code r} */
    byte cls(int c, int r) {
        return classes[r * width + c];
    }

    /** @return the text of a field as it was read, whatever its class */
    String text(int c, int r) {
        int at = r * width + c;
        String t = texts[at];
        if (t != null) {
            return t;
        }
        int s = starts[at];
        return new String(bytes, s, fields.fieldEnd(bytes, s, limit) - s, StandardCharsets.UTF_8);
    }
}
