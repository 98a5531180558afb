package io.conveyor.engine.internal.stages.csv;

import io.conveyor.api.StageException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A piece of a CSV file, parsed: its records (after the header) split into fields, each field
 * classified by {@link CsvColumnTyper#classify} and, for numbers and booleans, already parsed.
 * Pieces are parsed on several threads at once and then consumed in file order by
 * {@link CsvSource}, which only copies values into batches; so the costly work (finding fields,
 * parsing numbers, making strings) runs in parallel while rows keep their order.
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
    /** Per column, per row: the class of the field ({@link CsvColumnTyper#NULL} ...). */
    final byte[][] classes;
    /** Per column, per row: a long, a double's bits, or 1/0 for a boolean, as the class says. */
    final long[][] values;
    /** Per column, per row: the text when it was made (strings, quoted fields), else null. */
    final String[][] texts;
    /** Per column, per row: the field's first byte, when the text was not made. */
    final int[][] starts;
    /** Per column, per row: the field's end. */
    final int[][] ends;
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

    private CsvChunk(byte[] bytes, int from, int limit, int width, int capacity) {
        this.bytes = bytes;
        this.from = from;
        this.limit = limit;
        this.width = width;
        classes = new byte[width][capacity];
        values = new long[width][capacity];
        texts = new String[width][capacity];
        starts = new int[width][capacity];
        ends = new int[width][capacity];
        lines = new long[capacity];
        rowEnds = new int[capacity];
    }

    /** Per column: recent short texts, so a column of few distinct values shares one String per value. */
    private StringCache[] caches;

    /** How to read the fields of one file. */
    record Layout(List<String> names, char delimiter, char quote, byte[][] nullValues, boolean[] asText,
                  boolean[] skipped) {
    }

    /**
     * Parses {@code bytes[from, limit)}, which starts at a record.
     *
     * @param atEnd whether the file ends at {@code limit}
     * @return the parsed piece; its {@link #unclosedLine} says if the file ends inside a quoted field
     */
    static CsvChunk parse(byte[] bytes, int from, int limit, boolean atEnd, Layout layout) {
        int width = layout.names().size();
        // A row of n fields takes at least n bytes; guessing 8 a field is cheap to be wrong about
        // (the arrays grow), and keeps a very wide header from reserving rows it cannot have.
        long guess = (limit - from) / (8L * Math.max(1, width));
        CsvChunk chunk = new CsvChunk(bytes, from, limit, width, (int) Math.max(4, Math.min(guess, 1 << 20)));
        CsvParser p = new CsvParser(layout.delimiter(), layout.quote());
        int pos = from;
        long line = 0;
        while (pos < limit) {
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

    private void add(CsvParser p, long recordLine, int next, Layout layout) {
        int r = rows;
        if (r == lines.length) {
            grow();
        }
        lines[r] = recordLine;
        rowEnds[r] = next;
        for (int c = 0; c < width; c++) {
            String text = p.text[c];
            int s = p.start[c];
            int e = p.end[c];
            byte cls;
            if (!p.quoted[c] && isNullValue(s, e, layout.nullValues())) {
                cls = CsvColumnTyper.NULL;
            } else if (layout.skipped()[c]) {
                // Not read (option columns): kept as bytes, made into text only for a rejected row.
                cls = CsvColumnTyper.STRING;
            } else if (layout.asText()[c]) {
                cls = CsvColumnTyper.STRING;
                if (text == null) {
                    text = string(c, s, e);
                }
            } else if (text == null) {
                cls = CsvColumnTyper.classify(bytes, s, e, values[c], r);
                if (cls == CsvColumnTyper.STRING) {
                    text = string(c, s, e);
                }
            } else {
                byte[] b = text.getBytes(StandardCharsets.UTF_8);
                cls = CsvColumnTyper.classify(b, 0, b.length, values[c], r);
            }
            classes[c][r] = cls;
            texts[c][r] = text;
            starts[c][r] = s;
            ends[c][r] = e;
        }
        rows = r + 1;
    }

    private String string(int c, int s, int e) {
        if (caches == null) {
            caches = new StringCache[width];
        }
        StringCache cache = caches[c];
        if (cache == null) {
            cache = caches[c] = new StringCache();
        }
        return cache.get(bytes, s, e);
    }

    private boolean isNullValue(int s, int e, byte[][] nullValues) {
        for (byte[] n : nullValues) {
            if (n.length == e - s && java.util.Arrays.equals(bytes, s, e, n, 0, n.length)) {
                return true;
            }
        }
        return false;
    }

    private void grow() {
        int n = lines.length * 2;
        for (int c = 0; c < width; c++) {
            classes[c] = java.util.Arrays.copyOf(classes[c], n);
            values[c] = java.util.Arrays.copyOf(values[c], n);
            texts[c] = java.util.Arrays.copyOf(texts[c], n);
            starts[c] = java.util.Arrays.copyOf(starts[c], n);
            ends[c] = java.util.Arrays.copyOf(ends[c], n);
        }
        lines = java.util.Arrays.copyOf(lines, n);
        rowEnds = java.util.Arrays.copyOf(rowEnds, n);
    }

    /** @return the text of a field as it was read, whatever its class */
    String text(int c, int r) {
        String t = texts[c][r];
        return t != null ? t : new String(bytes, starts[c][r], ends[c][r] - starts[c][r], StandardCharsets.UTF_8);
    }

    /**
     * A small direct-mapped cache of the strings of one column in one piece. Columns such as a
     * country or a category repeat a few values: one String per value saves an allocation per
     * field and lets equality tests downstream succeed on the reference. A column of mostly
     * distinct values (ids, timestamps) turns it off after a few hundred misses.
     */
    private static final class StringCache {
        private static final int SLOTS = 256;
        private static final int MAX_LENGTH = 32;
        private final byte[][] keys = new byte[SLOTS][];
        private final String[] values = new String[SLOTS];
        private int lookups;
        private int misses;
        private boolean off;

        String get(byte[] b, int s, int e) {
            int len = e - s;
            if (off || len > MAX_LENGTH) {
                return new String(b, s, len, StandardCharsets.UTF_8);
            }
            lookups++;
            int h = len;
            for (int i = s; i < e; i++) {
                h = 31 * h + b[i];
            }
            int slot = (h ^ (h >>> 8)) & (SLOTS - 1);
            byte[] k = keys[slot];
            if (k != null && k.length == len && java.util.Arrays.equals(k, 0, len, b, s, e)) {
                return values[slot];
            }
            String v = new String(b, s, len, StandardCharsets.UTF_8);
            keys[slot] = java.util.Arrays.copyOfRange(b, s, e);
            values[slot] = v;
            if (++misses > 512 && misses * 2 > lookups) {
                off = true;
            }
            return v;
        }
    }
}
