package io.conveyor.engine.internal.stages.text;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A small direct-mapped cache of the string values of one column, fed by a reader as UTF-8
 * bytes (CSV) or as characters (JSON). Columns such as a country or a category repeat a few
 * values: one String per value saves an allocation per field (and the garbage collector the
 * work) and lets equality tests downstream succeed on the reference. A column of mostly
 * distinct values (ids, timestamps) turns it off after a few hundred misses, and then costs
 * one branch. A cache serves one kind of input: bytes or characters, not both.
 */
public final class StringCache {
    private static final int SLOTS = 256;
    private static final int MAX_LENGTH = 32;
    private final Object[] keys = new Object[SLOTS];
    private final String[] values = new String[SLOTS];
    private int lookups;
    private int misses;
    private boolean off;

    /** @return the string of the UTF-8 bytes {@code b[s .. e)}, shared with an earlier equal one if cached */
    public String get(byte[] b, int s, int e) {
        int len = e - s;
        if (off || len > MAX_LENGTH) {
            return new String(b, s, len, StandardCharsets.UTF_8);
        }
        int h = len;
        for (int i = s; i < e; i++) {
            h = 31 * h + b[i];
        }
        int slot = slot(h);
        if (keys[slot] instanceof byte[] k && k.length == len && Arrays.equals(k, 0, len, b, s, e)) {
            return values[slot];
        }
        String v = new String(b, s, len, StandardCharsets.UTF_8);
        miss(slot, Arrays.copyOfRange(b, s, e), v);
        return v;
    }

    /** @return the string of {@code chars[offset .. offset+length)}, shared with an earlier equal one if cached */
    public String get(char[] chars, int offset, int length) {
        if (off || length > MAX_LENGTH) {
            return new String(chars, offset, length);
        }
        int end = offset + length;
        int h = length;
        for (int i = offset; i < end; i++) {
            h = 31 * h + chars[i];
        }
        int slot = slot(h);
        if (keys[slot] instanceof char[] k && k.length == length && Arrays.equals(k, 0, length, chars, offset, end)) {
            return values[slot];
        }
        String v = new String(chars, offset, length);
        miss(slot, Arrays.copyOfRange(chars, offset, end), v);
        return v;
    }

    private int slot(int hash) {
        lookups++;
        return (hash ^ (hash >>> 8)) & (SLOTS - 1);
    }

    private void miss(int slot, Object key, String value) {
        keys[slot] = key;
        values[slot] = value;
        if (++misses > 512 && misses * 2 > lookups) {
            off = true;
        }
    }
}
