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
        int slot = slot(len == 0 ? 0 : ((len * 31 + b[s]) * 31 + b[s + (len >> 1)]) * 31 + b[e - 1]);
        if (keys[slot] instanceof byte[] k && k.length == len && sameBytes(k, b, s)) {
            return values[slot];
        }
        String v = new String(b, s, len, StandardCharsets.UTF_8);
        miss(slot, Arrays.copyOfRange(b, s, e), v);
        return v;
    }

    /**
     * @return whether {@code b[s .. s + k.length)} holds the bytes of {@code k}. A plain loop, not
     *         {@code Arrays.equals}: the keys are at most {@value #MAX_LENGTH} bytes, and under the
     *         quick compiler alone (small inputs, see the launcher) the library call's range checks
     *         and mismatch search cost more than the comparison (a third of this cache's time in a
     *         group-by over two text columns)
     */
    private static boolean sameBytes(byte[] k, byte[] b, int s) {
        for (int i = 0; i < k.length; i++) {
            if (k[i] != b[s + i]) {
                return false;
            }
        }
        return true;
    }

    /** @return the string of {@code chars[offset .. offset+length)}, shared with an earlier equal one if cached */
    public String get(char[] chars, int offset, int length) {
        if (off || length > MAX_LENGTH) {
            return new String(chars, offset, length);
        }
        int end = offset + length;
        int slot = slot(length == 0 ? 0
                : ((length * 31 + chars[offset]) * 31 + chars[offset + (length >> 1)]) * 31 + chars[end - 1]);
        if (keys[slot] instanceof char[] k && k.length == length && Arrays.equals(k, 0, length, chars, offset, end)) {
            return values[slot];
        }
        String v = new String(chars, offset, length);
        miss(slot, Arrays.copyOfRange(chars, offset, end), v);
        return v;
    }

    /**
     * @param hash a hash of the value's length and its first, middle and last units: a cache
     *             hit is confirmed by comparing every unit, so a cheap hash only costs misses
     */
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
