package io.conveyor.engine.internal.stages.json;

import io.conveyor.engine.internal.stages.text.ExactDecimal;
import io.conveyor.engine.internal.stages.text.StringCache;

/**
 * A fast reader for the most common JSON line: one flat object whose names and string values
 * are well-formed UTF-8 without escapes, and whose values are strings, numbers, booleans or null,
 * e.g. {@code {"id":1,"country":"CH","amount":538.18,"ok":true}}. It stages the fields
 * straight from the bytes, without a parser object per line.
 *
 * <p>Anything else (a nested value, an escape, a control character, bytes that are not
 * well-formed UTF-8, a number
 * outside the plain forms, text after the object, bad JSON) makes it give up before the line
 * counts, and Jackson reads the line as before; so the values, the rejections and their
 * messages are Jackson's. What it accepts it reads as Jackson does: a whole number of up to
 * 18 digits is a long, any number with a fraction or exponent a correctly rounded double, a
 * repeated name keeps its last value.
 *
 * <p>A key the batcher does not want (option {@code columns}) has its value checked as strictly
 * but not converted or staged.
 */
final class FlatJsonLine {
    private final JsonBatchBuilder batcher;
    private final StringCache names = new StringCache();
    /** The names of the last line read, by position. */
    private String[] lastNames = new String[16];
    /**
     * Each name's bytes with its closing quote, eight to a little-endian long (the last one
     * padded with zeros), and how many bytes that is: compared a long at a time.
     */
    private long[][] lastNameWords = new long[16][];
    private int[] lastNameLength = new int[16];
    /** Whether the batcher wants each name of {@link #lastNames}. */
    private boolean[] lastWanted = new boolean[16];
    private byte[] b;
    private int pos;
    private int end;
    /** The number being read: its digits so far, without the point, and how many. */
    private long mantissa;
    private int digits;

    FlatJsonLine(JsonBatchBuilder batcher) {
        this.batcher = batcher;
    }

    /** Whether the line being read ends where it is known to ({@link #stage}), or is looked for ({@link #stageFrom}). */
    private boolean open;
    /** With {@link #open}: whether the input ends at {@link #end}, which then ends the line too. */
    private boolean inputEnds;
    /** With {@link #open}: where the line read ends (its line break, or the end of the input). */
    private int lineEnd;

    /**
     * @return true if the line {@code bytes[from, to)} was read and its fields staged; false if
     *         it was not (nothing is staged then) and the full parser must read it
     */
    boolean stage(byte[] bytes, int from, int to) {
        return read(bytes, from, to, false);
    }

    /**
     * Reads the line that starts at {@code from} without knowing yet where it ends: a plain object
     * cannot hold a line break, so the line ends right after it (and any spaces), which saves
     * looking for the line break first.
     *
     * @param limit where the bytes read so far end
     * @param inputEnds whether the input ends at {@code limit}
     * @return where the line ends (its line break, or {@code limit} at the end of the input) if
     *         it was read and its fields staged; -1 if not (nothing is staged then): the line is
     *         then read as usual, its end found first
     */
    int stageFrom(byte[] bytes, int from, int limit, boolean inputEnds) {
        this.inputEnds = inputEnds;
        return read(bytes, from, limit, true) ? lineEnd : -1;
    }

    private boolean read(byte[] bytes, int from, int to, boolean open) {
        this.open = open;
        b = bytes;
        pos = from;
        end = to;
        if (readObject()) {
            return true;
        }
        batcher.discard();
        return false;
    }

    private boolean readObject() {
        skipSpace();
        if (pos >= end || b[pos] != '{') {
            return false;
        }
        pos++;
        skipSpace();
        if (pos < end && b[pos] == '}') {
            pos++;
            return atEnd();
        }
        int field = 0;
        while (true) {
            if (pos >= end || b[pos] != '"') {
                return false;
            }
            int nameStart = ++pos;
            String name = lastName(field);
            if (name == null) {
                if (!skipPlainString()) {
                    return false;
                }
                name = name(field, nameStart, pos - 1);
            }
            boolean wanted = lastWanted[field];
            field++;
            skipSpace();
            if (pos >= end || b[pos] != ':') {
                return false;
            }
            pos++;
            skipSpace();
            if (!readValue(wanted ? name : null)) {
                return false;
            }
            if (!wanted) {
                batcher.skip(name);
            }
            skipSpace();
            if (pos >= end) {
                return false;
            }
            byte c = b[pos++];
            if (c == '}') {
                return atEnd();
            }
            if (c != ',') {
                return false;
            }
            skipSpace();
        }
    }

    /**
     * Lines repeat their names in the same order, so the name the previous line had at this
     * position is tried first, eight bytes at a time with its closing quote, while the bytes are read:
     * that name was a plain string, so an exact match is one too.
     *
     * @return the name at {@code pos} (which is then past its closing quote) if it is the one
     *         the last line had at this position, else null ({@code pos} unmoved)
     */
    private String lastName(int field) {
        if (field >= lastNames.length) {
            return null;
        }
        long[] words = lastNameWords[field];
        if (words == null) {
            return null;
        }
        int n = lastNameLength[field];
        int p = pos;
        if (end - p < n) {
            return null;
        }
        int full = n >>> 3;
        for (int w = 0; w < full; w++) {
            if ((long) ByteLines.LONGS.get(b, p + (w << 3)) != words[w]) {
                return null;
            }
        }
        int rest = n & 7;
        if (rest != 0) {
            int q = p + (full << 3);
            long x;
            if (q + 8 <= b.length) {
                // The bytes past the name are in the array, only not compared.
                x = (long) ByteLines.LONGS.get(b, q) & ((1L << (rest << 3)) - 1);
            } else {
                x = 0;
                for (int i = rest - 1; i >= 0; i--) {
                    x = (x << 8) | (b[q + i] & 0xFF);
                }
            }
            if (x != words[full]) {
                return null;
            }
        }
        pos = p + n;
        return lastNames[field];
    }

    /** @return the name in {@code b[s, e)}, remembered as this position's name for the next line */
    private String name(int field, int s, int e) {
        if (field >= lastNames.length) {
            int size = Math.max(field + 1, lastNames.length * 2);
            lastNames = java.util.Arrays.copyOf(lastNames, size);
            lastNameWords = java.util.Arrays.copyOf(lastNameWords, size);
            lastNameLength = java.util.Arrays.copyOf(lastNameLength, size);
            lastWanted = java.util.Arrays.copyOf(lastWanted, size);
        }
        String name = names.get(b, s, e);
        int n = e - s + 1;
        long[] words = new long[(n + 7) >>> 3];
        for (int i = 0; i < n; i++) {
            long unit = i < n - 1 ? b[s + i] & 0xFF : '"';
            words[i >>> 3] |= unit << ((i & 7) << 3);
        }
        lastNames[field] = name;
        lastNameWords[field] = words;
        lastNameLength[field] = n;
        lastWanted[field] = batcher.wants(name);
        return name;
    }

    /** Reads the value at {@code pos} and stages it as {@code name}'s; with a null name it only checks it. */
    private boolean readValue(String name) {
        if (pos >= end) {
            return false;
        }
        byte c = b[pos];
        switch (c) {
            case '"': {
                int s = ++pos;
                if (!skipPlainString()) {
                    return false;
                }
                if (name != null) {
                    batcher.putString(name, b, s, pos - 1);
                }
                return true;
            }
            case 't':
                return literal("true") && put(name, JsonBatchBuilder.BOOL, 1);
            case 'f':
                return literal("false") && put(name, JsonBatchBuilder.BOOL, 0);
            case 'n':
                return literal("null") && put(name, JsonBatchBuilder.NULL, 0);
            default:
                return (c == '-' || (c >= '0' && c <= '9')) && readNumber(name);
        }
    }

    private boolean put(String name, byte tag, long bits) {
        if (name != null) {
            batcher.put(name, tag, bits, null);
        }
        return true;
    }

    private static final long ONES = ByteLines.ONES;
    private static final long HIGHS = ByteLines.HIGHS;
    private static final long QUOTES = ONES * '"';
    private static final long BACKSLASHES = ONES * '\\';
    private static final long DELETES = ONES * 0x7F;
    private static final long SPACES = ONES * 0x20;

    /**
     * Skips a string's bytes up to and past its closing quote; false at an escape, a control
     * character, DEL, or bytes that are not well-formed UTF-8.
     */
    private boolean skipPlainString() {
        while (true) {
            // Eight bytes at a time while there are eight (a timestamp or a note is one or a few words).
            while (pos + 8 <= end) {
                long special = specials((long) ByteLines.LONGS.get(b, pos));
                if (special != 0) {
                    pos += Long.numberOfTrailingZeros(special) >>> 3;
                    break;
                }
                pos += 8;
            }
            if (pos >= end) {
                return false;
            }
            byte c = b[pos];
            if (c == '"') {
                pos++;
                return true;
            }
            if (c < 0) {
                // A character of two to four bytes: read as Jackson reads it when well-formed.
                pos = pastCharacter(pos);
                if (pos < 0) {
                    return false;
                }
            } else if (c < 0x20 || c == '\\' || c == 0x7F) {
                return false;
            } else {
                pos++;
            }
        }
    }

    /**
     * @return the offset past the well-formed UTF-8 character of two to four bytes that starts
     *         at {@code at} and ends by {@link #end}, or -1 if there is none (a stray
     *         continuation byte, an overlong form, a surrogate, a code point above U+10FFFF, a
     *         cut sequence): the line is then Jackson's, with Jackson's message
     */
    private int pastCharacter(int at) {
        int lead = b[at] & 0xFF;
        if (lead < 0xC2 || lead > 0xF4) {
            return -1;
        }
        int n = lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4;
        if (at + n > end) {
            return -1;
        }
        // The second byte's range depends on the lead byte (Unicode's table of well-formed sequences).
        int second = b[at + 1] & 0xFF;
        int low = lead == 0xE0 ? 0xA0 : lead == 0xF0 ? 0x90 : 0x80;
        int high = lead == 0xED ? 0x9F : lead == 0xF4 ? 0x8F : 0xBF;
        if (second < low || second > high) {
            return -1;
        }
        for (int i = 2; i < n; i++) {
            if ((b[at + i] & 0xC0) != 0x80) {
                return -1;
            }
        }
        return at + n;
    }

    /**
     * Marks (high bit) the bytes of {@code w} (eight bytes, little-endian) that a string's scan
     * must stop at: a quote, a backslash, a control character, DEL, or a byte of a multi-byte
     * character. (x - 0x01..) & ~x marks the zero bytes of x, and (w - 0x20..) & ~w the bytes
     * below 0x20; a borrow can only mark a byte above one truly marked, so the lowest mark is
     * exact, and it is the first such byte since the long is read little-endian.
     */
    private static long specials(long w) {
        long q = w ^ QUOTES;
        long s = w ^ BACKSLASHES;
        long d = w ^ DELETES;
        return ((q - ONES) & ~q | (s - ONES) & ~s | (d - ONES) & ~d | (w - SPACES) & ~w | w) & HIGHS;
    }

    private boolean literal(String word) {
        int n = word.length();
        if (end - pos < n) {
            return false;
        }
        for (int i = 0; i < n; i++) {
            if (b[pos + i] != word.charAt(i)) {
                return false;
            }
        }
        pos += n;
        return endsValue();
    }

    /** A number in the JSON grammar: -?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)? */
    private boolean readNumber(String name) {
        boolean negative = false;
        if (b[pos] == '-') {
            negative = true;
            pos++;
        }
        int intStart = pos;
        mantissa = 0;
        digits = 0;
        if (!readDigits() || digits == 0 || leadingZero(intStart)) {
            return false;
        }
        int fraction = 0;
        boolean isDouble = false;
        if (pos < end && b[pos] == '.') {
            isDouble = true;
            pos++;
            int fracStart = pos;
            if (!readDigits()) {
                return false;
            }
            fraction = pos - fracStart;
            if (fraction == 0) {
                return false;
            }
        }
        if (pos < end && (b[pos] == 'e' || b[pos] == 'E')) {
            // Exponents are rare in data lines; the full parser reads them.
            return false;
        }
        if (!endsValue()) {
            return false;
        }
        if (name == null) {
            // Not read: of at most 18 digits, it is valid as a long or a double.
            return true;
        }
        if (!isDouble) {
            return put(name, JsonBatchBuilder.LONG, negative ? -mantissa : mantissa);
        }
        if (mantissa >= ExactDecimal.MAX_DIGITS_VALUE || fraction > ExactDecimal.MAX_SCALE) {
            return false;
        }
        double v = ExactDecimal.of(mantissa, fraction);
        return put(name, JsonBatchBuilder.DOUBLE, Double.doubleToRawLongBits(negative ? -v : v));
    }

    /**
     * @return whether the whole part starting at {@code intStart} is a zero followed by more
     *         digits, which JSON forbids. Computed without a branch: a value below 1 is rare in
     *         data (one in a thousand amounts), so a branch on the first digit would look
     *         never-taken to the JIT's profile, and the first such value would throw the
     *         compiled line reader away to be compiled again.
     */
    private boolean leadingZero(int intStart) {
        // zero exactly when the first digit is '0' and there are at least two digits
        return ((b[intStart] ^ '0') | ((digits - 2) >>> 31)) == 0;
    }

    /** Adds the digits at {@code pos} to {@link #mantissa}; false past 18 digits in all (a long always holds 18). */
    private boolean readDigits() {
        // Eight bytes at a time while there are eight: how many digits lead them, and their value.
        while (pos + 8 <= end) {
            long w = (long) ByteLines.LONGS.get(b, pos);
            int n = leadingDigits(w);
            if (n == 0) {
                return true;
            }
            digits += n;
            if (digits > 18) {
                return false;
            }
            mantissa = mantissa * POWERS_OF_TEN[n] + digitsValue(w, n);
            pos += n;
            if (n < 8) {
                return true;
            }
        }
        while (pos < end && b[pos] >= '0' && b[pos] <= '9') {
            mantissa = mantissa * 10 + (b[pos] - '0');
            pos++;
            if (++digits > 18) {
                return false;
            }
        }
        return true;
    }

    private static final long[] POWERS_OF_TEN = {1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000};
    private static final long ZEROS = ONES * '0';
    private static final long HIGH_NIBBLES = ONES * 0xF0;
    private static final long SIXES = ONES * 0x06;
    private static final long LOW_SEVEN_BITS = ONES * 0x7F;

    /**
     * @return how many of the eight bytes of {@code w} (little-endian) are ASCII digits before the
     *         first byte that is not one. A byte is a digit when its high nibble is 3 and stays 3
     *         with 6 added (0x30-0x39); an addition carries out of a byte only from 0xFA and up, not
     *         a digit, so it can only spoil bytes after a non-digit.
     */
    private static int leadingDigits(long w) {
        long off = ((w & HIGH_NIBBLES) ^ ZEROS) | (((w + SIXES) & HIGH_NIBBLES) ^ ZEROS);
        // the high bit of each byte of off that is not zero
        long nonZero = (((off & LOW_SEVEN_BITS) + LOW_SEVEN_BITS) | off) & HIGHS;
        return Long.numberOfTrailingZeros(nonZero) >>> 3;
    }

    /** @return the value of the first {@code n} (1 to 8) bytes of {@code w}, all digits, the first the most significant */
    private static long digitsValue(long w, int n) {
        // The digits moved to the top bytes, zeros before them; then pairs, fours and eights of
        // digits are combined, the lower byte of each pair being the more significant digit.
        long v = ((w - ZEROS) << ((8 - n) << 3));
        v = (v * 10 + (v >>> 8)) & 0x00FF_00FF_00FF_00FFL;
        v = (v * 100 + (v >>> 16)) & 0x0000_FFFF_0000_FFFFL;
        return (v * 10_000 + (v >>> 32)) & 0xFFFF_FFFFL;
    }

    /**
     * @return true if a value ends here: at a separator, a closing brace or whitespace (a
     *         {@code \r} is never inside a line: it ends one)
     */
    private boolean endsValue() {
        if (pos >= end) {
            return false;
        }
        byte c = b[pos];
        return c == ',' || c == '}' || c == ' ' || c == '\t';
    }

    private void skipSpace() {
        while (pos < end && (b[pos] == ' ' || b[pos] == '\t')) {
            pos++;
        }
    }

    /** After the object: only spaces to the end of the line. */
    private boolean atEnd() {
        skipSpace();
        if (!open) {
            return pos == end;
        }
        if (pos < end ? b[pos] == '\n' || b[pos] == '\r' : inputEnds) {
            lineEnd = pos;
            return true;
        }
        return false;
    }
}
