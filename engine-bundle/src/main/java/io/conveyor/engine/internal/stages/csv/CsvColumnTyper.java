package io.conveyor.engine.internal.stages.csv;

import io.conveyor.api.Column;
import io.conveyor.api.DataType;
import io.conveyor.api.Values;
import java.nio.charset.StandardCharsets;

/**
 * Infers the type of a CSV column from its text and builds the column. A column is
 * {@code long} when every value is an integer written the canonical way (no plus sign, no
 * leading zeros: "007" stays text, so it is written back as it was read), {@code double}
 * for decimal numbers written the same way, {@code bool} for true/false, else {@code string}. The type of a
 * column only widens across batches (long, then double, then string), as {@link Values#widen}
 * says; no value is ever dropped or made null.
 *
 * <p>Fields are classified straight from their UTF-8 bytes ({@link #classify}, on the threads
 * that parse) and numbers parsed there; a batch's column then only copies values. A field whose
 * column is wider than the field (a long in a double column, anything in a string column) is
 * converted from its original text, so a string column holds exactly the text read.
 */
final class CsvColumnTyper {
    static final byte NULL = 0;
    static final byte LONG = 1;
    static final byte DOUBLE = 2;
    static final byte BOOL = 3;
    static final byte STRING = 4;

    private DataType current;

    /**
     * Classifies one field's text as the pattern rules say: a canonical long ({@code -?(0|[1-9][0-9]{0,18})}
     * that fits), a canonical double ({@code -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][-+]?[0-9]+)?} that is
     * finite, and has a fraction or an exponent: a whole number past a long's range stays text),
     * true/false in any case, else a string. Stores the long, the double's bits or the
     * boolean as 1/0 in {@code out[row]}.
     *
     * @return the class
     */
    static byte classify(byte[] b, int s, int e, long[] out, int row) {
        if (s == e) {
            return STRING;
        }
        int i = s;
        boolean negative = b[i] == '-';
        if (negative) {
            i++;
        }
        int intStart = i;
        while (i < e && b[i] >= '0' && b[i] <= '9') {
            i++;
        }
        int intDigits = i - intStart;
        if (intDigits == 0 || (intDigits > 1 && b[intStart] == '0')) {
            return intDigits == 0 ? boolOrString(b, s, e, out, row) : STRING;
        }
        if (i == e) {
            if (intDigits > 19) {
                // A whole number past a long's range is text, as Values types one (a BigInteger):
                // as a double it would be rounded, and written back with other digits.
                return STRING;
            }
            long v = 0;
            for (int k = intStart; k < e; k++) {
                v = v * 10 + (b[k] - '0');
            }
            if (intDigits == 19 && (v < 0 && !(negative && v == Long.MIN_VALUE))) {
                return STRING; // overflows a long: the canonical-long pattern matched, so it is text
            }
            out[row] = negative ? -v : v;
            return LONG;
        }
        int fracDigits = 0;
        if (b[i] == '.') {
            i++;
            int f = i;
            while (i < e && b[i] >= '0' && b[i] <= '9') {
                i++;
            }
            fracDigits = i - f;
            if (fracDigits == 0) {
                return STRING;
            }
        }
        boolean exponent = false;
        if (i < e && (b[i] == 'e' || b[i] == 'E')) {
            exponent = true;
            i++;
            if (i < e && (b[i] == '+' || b[i] == '-')) {
                i++;
            }
            int x = i;
            while (i < e && b[i] >= '0' && b[i] <= '9') {
                i++;
            }
            if (i == x) {
                return STRING;
            }
        }
        if (i != e) {
            return STRING;
        }
        if (!exponent && intDigits + fracDigits <= 15) {
            long m = 0;
            for (int k = intStart; k < e; k++) {
                if (b[k] != '.') {
                    m = m * 10 + (b[k] - '0');
                }
            }
            double d = decimal(m, fracDigits);
            out[row] = Double.doubleToRawLongBits(negative ? -d : d);
            return DOUBLE;
        }
        return parseDouble(b, s, e, out, row);
    }

    /**
     * @param digits the decimal's digits without the point, below 10^15
     * @param fracDigits how many of them follow the point, at most 15
     * @return the double nearest {@code digits / 10^fracDigits}: exact, since both the digits and
     *         the power of ten are doubles, so the one division rounds correctly
     */
    static double decimal(long digits, int fracDigits) {
        return io.conveyor.engine.internal.stages.text.ExactDecimal.of(digits, fracDigits);
    }

    private static byte parseDouble(byte[] b, int s, int e, long[] out, int row) {
        double d = Double.parseDouble(new String(b, s, e - s, StandardCharsets.ISO_8859_1));
        if (!Double.isFinite(d)) {
            return STRING;
        }
        out[row] = Double.doubleToRawLongBits(d);
        return DOUBLE;
    }

    /** Classifies a non-empty field that starts with neither a digit nor a minus sign, as {@link #classify} does. */
    static byte boolOrString(byte[] b, int s, int e, long[] out, int row) {
        if (e - s == 4 && (b[s] | 0x20) == 't' && (b[s + 1] | 0x20) == 'r' && (b[s + 2] | 0x20) == 'u'
                && (b[s + 3] | 0x20) == 'e') {
            out[row] = 1;
            return BOOL;
        }
        if (e - s == 5 && (b[s] | 0x20) == 'f' && (b[s + 1] | 0x20) == 'a' && (b[s + 2] | 0x20) == 'l'
                && (b[s + 3] | 0x20) == 's' && (b[s + 4] | 0x20) == 'e') {
            out[row] = 0;
            return BOOL;
        }
        return STRING;
    }

    /** @return the UTF-8 text of {@code b[s, e)} */
    static String string(byte[] b, int s, int e) {
        return new String(b, s, e - s, StandardCharsets.UTF_8);
    }

    /**
     * Builds column {@code c} of one batch from consecutive row ranges of parsed pieces.
     *
     * @param pieces the pieces, in order
     * @param from first row taken from each piece
     * @param to end row taken from each piece
     * @param n number of pieces
     * @param c the column
     * @param keep which batch rows to keep (null: all)
     * @param count the batch's row count (kept rows)
     * @return the column, typed as wide as this batch and every earlier one need
     */
    Column build(CsvChunk[] pieces, int[] from, int[] to, int n, int c, boolean[] keep, int count) {
        return build(pieces, from, to, n, c, keep, keep, count);
    }

    /**
     * @param typedBy the rows whose fields decide the column's type, or null for all of them:
     *        rows a top-N cut-off drops still count, so that the column has the type it has
     *        without the cut-off (a decimal in a dropped row makes the kept longs doubles)
     * @param keep the rows to build, or null for all
     */
    Column build(CsvChunk[] pieces, int[] from, int[] to, int n, int c, boolean[] typedBy, boolean[] keep,
                 int count) {
        current = widen(current, pieces, from, to, n, c, typedBy);
        // One small loop per type: each sees one kind of value, so the compiler neither inlines
        // the others nor throws away its code when a batch of another type comes.
        switch (current == null ? DataType.STRING : current) {
            case LONG: return longs(pieces, from, to, n, c, keep, count);
            case DOUBLE: return doubles(pieces, from, to, n, c, keep, count);
            case BOOL: return bools(pieces, from, to, n, c, keep, count);
            default: return strings(pieces, from, to, n, c, keep, count);
        }
    }

    /**
     * @return {@code t} widened by the classes of the batch's kept fields of column {@code c}.
     *         The loops only collect which classes occur (one bit each), without a branch on the
     *         class: a branch per class would be compiled for the classes of the first columns
     *         seen and thrown away when another column's class comes; widening is then done once
     *         per class, in the order JSON's batches use (the result does not depend on it).
     */
    private static DataType widen(DataType t, CsvChunk[] pieces, int[] from, int[] to, int n, int c, boolean[] keep) {
        int seen = 0;
        int classes = 0;
        for (int p = 0; p < n && t != DataType.STRING; p++) {
            byte[] cls = pieces[p].classes;
            int width = pieces[p].width;
            int at = from[p] * width + c;
            int rows = to[p] - from[p];
            if (keep == null) {
                for (int i = 0; i < rows; i++, at += width) {
                    classes |= 1 << cls[at];
                }
            } else {
                for (int i = 0; i < rows; i++, at += width) {
                    classes |= keep[seen + i] ? 1 << cls[at] : 0;
                }
            }
            seen += rows;
            t = widen(t, classes);
        }
        return t;
    }

    private static DataType widen(DataType t, int classes) {
        if ((classes & 1 << LONG) != 0) {
            t = Values.widen(t, DataType.LONG);
        }
        if ((classes & 1 << DOUBLE) != 0) {
            t = Values.widen(t, DataType.DOUBLE);
        }
        if ((classes & 1 << BOOL) != 0) {
            t = Values.widen(t, DataType.BOOL);
        }
        if ((classes & 1 << STRING) != 0) {
            t = Values.widen(t, DataType.STRING);
        }
        return t;
    }

    private static Column longs(CsvChunk[] pieces, int[] from, int[] to, int n, int c, boolean[] keep, int count) {
        long[] longs = new long[count];
        boolean[] nulls = null;
        int out = 0;
        int seen = 0;
        for (int p = 0; p < n; p++) {
            byte[] classes = pieces[p].classes;
            long[] values = pieces[p].values;
            int width = pieces[p].width;
            for (int r = from[p], at = r * width + c; r < to[p]; r++, seen++, at += width) {
                if (keep == null || keep[seen]) {
                    if (classes[at] == NULL) {
                        nulls = mark(nulls, count, out);
                    } else {
                        longs[out] = values[at];
                    }
                    out++;
                }
            }
        }
        return Column.ofLongs(DataType.LONG, longs, nulls, count);
    }

    private static Column doubles(CsvChunk[] pieces, int[] from, int[] to, int n, int c, boolean[] keep, int count) {
        double[] doubles = new double[count];
        boolean[] nulls = null;
        int out = 0;
        int seen = 0;
        for (int p = 0; p < n; p++) {
            byte[] classes = pieces[p].classes;
            long[] values = pieces[p].values;
            int width = pieces[p].width;
            for (int r = from[p], at = r * width + c; r < to[p]; r++, seen++, at += width) {
                if (keep == null || keep[seen]) {
                    byte cls = classes[at];
                    if (cls == NULL) {
                        nulls = mark(nulls, count, out);
                    } else {
                        doubles[out] = cls == LONG ? (double) values[at] : Double.longBitsToDouble(values[at]);
                    }
                    out++;
                }
            }
        }
        return Column.ofDoubles(doubles, nulls, count);
    }

    private static Column bools(CsvChunk[] pieces, int[] from, int[] to, int n, int c, boolean[] keep, int count) {
        boolean[] bools = new boolean[count];
        boolean[] nulls = null;
        int out = 0;
        int seen = 0;
        for (int p = 0; p < n; p++) {
            byte[] classes = pieces[p].classes;
            long[] values = pieces[p].values;
            int width = pieces[p].width;
            for (int r = from[p], at = r * width + c; r < to[p]; r++, seen++, at += width) {
                if (keep == null || keep[seen]) {
                    if (classes[at] == NULL) {
                        nulls = mark(nulls, count, out);
                    } else {
                        bools[out] = values[at] != 0;
                    }
                    out++;
                }
            }
        }
        return Column.ofBools(bools, nulls, count);
    }

    /** A string column holds every field's text as read, whatever its class; nulls stay null. */
    private static Column strings(CsvChunk[] pieces, int[] from, int[] to, int n, int c, boolean[] keep, int count) {
        Object[] objects = new Object[count];
        int out = 0;
        int seen = 0;
        for (int p = 0; p < n; p++) {
            CsvChunk piece = pieces[p];
            byte[] classes = piece.classes;
            String[] texts = piece.texts;
            int width = piece.width;
            for (int r = from[p], at = r * width + c; r < to[p]; r++, seen++, at += width) {
                if (keep == null || keep[seen]) {
                    if (classes[at] != NULL) {
                        String text = texts[at];
                        objects[out] = text != null ? text : piece.text(c, r);
                    }
                    out++;
                }
            }
        }
        return Column.ofObjects(DataType.STRING, objects, count);
    }

    private static boolean[] mark(boolean[] nulls, int count, int row) {
        boolean[] m = nulls == null ? new boolean[count] : nulls;
        m[row] = true;
        return m;
    }
}
