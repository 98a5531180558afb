package io.conveyor.engine.internal.stages.text;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A small cache of the string values of one column, fed by a reader as UTF-8 bytes (CSV) or as
 * characters (JSON). Columns such as a country or a category repeat a few values: one String
 * per value saves an allocation per field (and the garbage collector the work) and lets
 * equality tests downstream succeed on the reference. A column of mostly distinct values (ids,
 * timestamps) turns it off after a few hundred misses, and then costs one branch. A cache
 * serves one kind of input: bytes or characters, not both.
 *
 * <p>An open-addressing table that holds up to {@value #MAX_ENTRIES} values and starts empty
 * again when it is full, so that a column whose values change over the file (dates in a sorted
 * file) keeps being served. It was direct-mapped: two values of a column that fell into one
 * slot replaced each other at every turn, and with the benchmark's 50 categories one field in
 * eight missed and made a new String.
 *
 * <p>A reader that parses on several threads has one cache per thread's arrays; given a
 * {@link Shared} table, the caches of a column then also share their Strings with each other,
 * so that a value is one String in the whole input, not one per cache.
 */
public final class StringCache {
    /**
     * The Strings of one column's caches (thread-safe), consulted only when a cache misses: up to
     * {@value #LIMIT} values, the first ones met, and after that none, so a column of mostly
     * distinct values costs one read of a flag per miss.
     */
    public static final class Shared {
        static final int LIMIT = 1024;
        private final ConcurrentHashMap<String, String> strings = new ConcurrentHashMap<>();
        private volatile boolean full;

        /** @return the String equal to {@code s} that the table holds, else {@code s} (kept, while there is room) */
        String intern(String s) {
            if (full) {
                String known = strings.get(s);
                return known != null ? known : s;
            }
            String known = strings.putIfAbsent(s, s);
            if (known != null) {
                return known;
            }
            if (strings.size() >= LIMIT) {
                full = true;
            }
            return s;
        }
    }

    private final Shared shared;
    /** log2 of the slots, a constant for {@link #index}: the quick compiler calls the library to count zeros. */
    private static final int SLOT_BITS = 9;
    private static final int SLOTS = 1 << SLOT_BITS;
    /** At most half the slots hold a value, so a search ends at an empty slot soon. */
    private static final int MAX_ENTRIES = SLOTS / 2;
    private static final int MAX_LENGTH = 32;
    private final Object[] keys = new Object[SLOTS];
    private final String[] values = new String[SLOTS];
    private int size;
    private int lookups;
    private int misses;
    private boolean off;

    /** A cache of its own. */
    public StringCache() {
        this(null);
    }

    /** @param shared the table this cache's column shares with the column's other caches, or null */
    public StringCache(Shared shared) {
        this.shared = shared;
    }

    /** @return the string of the UTF-8 bytes {@code b[s .. e)}, shared with an earlier equal one if cached */
    public String get(byte[] b, int s, int e) {
        int len = e - s;
        if (off || len > MAX_LENGTH) {
            return new String(b, s, len, StandardCharsets.UTF_8);
        }
        lookups++;
        int hash = hash(b, s, len);
        int slot = index(hash);
        Object k;
        while ((k = keys[slot]) != null) {
            if (k instanceof byte[] key && key.length == len && sameBytes(key, b, s)) {
                return values[slot];
            }
            slot = (slot + 1) & (SLOTS - 1);
        }
        String v = new String(b, s, len, StandardCharsets.UTF_8);
        if (shared != null) {
            v = shared.intern(v);
        }
        miss(hash, slot, Arrays.copyOfRange(b, s, e), v);
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
        lookups++;
        int hash = hash(chars, offset, length);
        int slot = index(hash);
        Object k;
        while ((k = keys[slot]) != null) {
            if (k instanceof char[] key && key.length == length && Arrays.equals(key, 0, length, chars, offset, end)) {
                return values[slot];
            }
            slot = (slot + 1) & (SLOTS - 1);
        }
        String v = new String(chars, offset, length);
        miss(hash, slot, Arrays.copyOfRange(chars, offset, end), v);
        return v;
    }

    /** @return the slot to search from for a value of hash {@code hash} */
    static int index(int hash) {
        return (hash * 0x9E3779B9) >>> (32 - SLOT_BITS);
    }

    /** Keeps {@code value} in the empty slot where its search ended (or, when full, in a table emptied first). */
    private void miss(int hash, int slot, Object key, String value) {
        if (size == MAX_ENTRIES) {
            Arrays.fill(keys, null);
            Arrays.fill(values, null);
            size = 0;
            slot = index(hash);
        }
        keys[slot] = key;
        values[slot] = value;
        size++;
        if (++misses > 512 && misses * 2 > lookups) {
            off = true;
        }
    }

    /**
     * @return a hash of every byte of {@code b[s .. s + len)}. Every byte, not a sample: values
     *         such as dates or timestamps differ in a few places only, and values sharing a hash
     *         lengthen every search that passes them.
     */
    static int hash(byte[] b, int s, int len) {
        int h = len;
        for (int i = s; i < s + len; i++) {
            h = h * 31 + b[i];
        }
        return h;
    }

    /** @return the same kind of hash as {@link #hash(byte[], int, int)}, of characters */
    private static int hash(char[] c, int s, int len) {
        int h = len;
        for (int i = s; i < s + len; i++) {
            h = h * 31 + c[i];
        }
        return h;
    }
}
