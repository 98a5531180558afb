package io.conveyor.engine.internal.stages.json;

import io.conveyor.api.Column;
import io.conveyor.api.ColumnBuilder;
import io.conveyor.api.DataType;
import io.conveyor.api.Field;
import io.conveyor.api.RecordBatch;
import io.conveyor.api.Schema;
import io.conveyor.api.Values;
import io.conveyor.engine.internal.stages.text.StringCache;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Builds batches from JSON records straight into typed column buffers, with exactly the
 * schema rules of {@link io.conveyor.api.RowBatcher} (column order of first appearance,
 * widening long to double to string and anything with nested values to json, sticky across
 * batches, missing keys null) but without a {@code Map} per record: {@code RowBatcher}
 * boxes every value and looks every key up twice, which was most of the time spent reading
 * JSON lines.
 *
 * <p>A record is staged field by field ({@link #put}) and becomes a row only on
 * {@link #commit}; {@link #discard} drops it, so a line that fails half-way leaves no trace
 * (not even a column only it named).
 *
 * <p>Given the names of option {@code columns}, it reads only those keys: the readers ask
 * {@link #wants} before they convert a value, and tell {@link #skip} the keys they pass over.
 * Not thread-safe.
 */
final class JsonBatchBuilder {
    /** What one staged value is; the tag of a row that did not name the column is NULL. */
    static final byte NULL = 0;
    static final byte LONG = 1;
    static final byte DOUBLE = 2;
    static final byte BOOL = 3;
    static final byte STRING = 4;
    /** Any other plain value (nested Map/List, BigInteger): typed by {@link Values#typeOf}. */
    static final byte OTHER = 5;

    /** How many keys that are not read a missing column's message can choose its hint from. */
    private static final int OTHERS_KEPT = 1000;

    private final int batchSize;
    /** The keys read (option {@code columns}), in the option's order; null to read every key. */
    private final Set<String> wanted;
    /** How many of {@link #wanted} no committed record has named yet. */
    private int unseen;
    /** Records committed in all. */
    private long committed;
    /**
     * While a wanted key is unseen: the keys not read of the records committed so far (at most
     * {@link #OTHERS_KEPT}), which a message naming the missing key suggests from. Those of the
     * record being staged wait in {@link #skipped} until it counts.
     */
    private final Set<String> others = new LinkedHashSet<>();
    private final List<String> skipped = new ArrayList<>();
    private final Map<String, Slot> slots = new HashMap<>();
    /** Columns in order of first appearance over all committed rows. */
    private final List<Slot> order = new ArrayList<>();
    private int rows;
    /** Fields of the record being staged, in order of first appearance in it. */
    private Slot[] staged = new Slot[16];
    /** The slot each field position had in the last record: records usually repeat their field order. */
    private Slot[] lastAt = new Slot[16];
    private int stagedCount;
    private long record;

    /** One column: its sticky type and the values of the batch being built. */
    private static final class Slot {
        final String name;
        /** Widened over all earlier batches; null while only nulls were seen. */
        DataType known;
        boolean registered;
        byte[] tags;
        long[] bits;
        Object[] objects;
        /** The record that staged this column last (its value is at the batch's next row). */
        long stagedIn = -1;
        /** Repeated string values of this field, shared (made on the first string). */
        StringCache strings;
        /** Whether the batch being flushed has a null in this column ({@link #widenOver} finds out). */
        boolean anyNull;

        Slot(String name) {
            this.name = name;
        }
    }

    /** @param batchSize rows per batch, at least 1 */
    JsonBatchBuilder(int batchSize) {
        this(batchSize, null);
    }

    /**
     * @param batchSize rows per batch, at least 1
     * @param columns the only keys to read, or null for every key
     */
    JsonBatchBuilder(int batchSize, List<String> columns) {
        this.batchSize = batchSize;
        this.wanted = columns == null ? null : new LinkedHashSet<>(columns);
        this.unseen = columns == null ? 0 : wanted.size();
    }

    /** @return whether key {@code name} is read: its value is to be staged, not skipped */
    boolean wants(String name) {
        return wanted == null || wanted.contains(name);
    }

    /** Notes that the record being staged has key {@code name}, whose value was skipped. */
    void skip(String name) {
        if (unseen > 0 && others.size() < OTHERS_KEPT) {
            skipped.add(name);
        }
    }

    /**
     * Stages one field of the current record; a key named twice keeps its last value at the
     * place of its first, as Jackson's map does.
     *
     * @param name the key
     * @param tag what the value is ({@link #LONG} ... {@link #OTHER}, {@link #NULL} for JSON null)
     * @param bits the value for LONG ({@code long}), DOUBLE (raw bits) and BOOL (0 or 1)
     * @param object the value for STRING and OTHER
     */
    void put(String name, byte tag, long bits, Object object) {
        stage(slot(name), tag, bits, object);
    }

    /**
     * Stages a string value given as characters, reusing the String of an earlier equal value
     * of the same field when there is one.
     */
    void putString(String name, char[] chars, int offset, int length) {
        Slot s = slot(name);
        if (s.strings == null) {
            s.strings = new StringCache();
        }
        stage(s, STRING, 0, s.strings.get(chars, offset, length));
    }

    /** Stages a string value given as UTF-8 bytes, like {@link #putString(String, char[], int, int)}. */
    void putString(String name, byte[] bytes, int from, int to) {
        Slot s = slot(name);
        if (s.strings == null) {
            s.strings = new StringCache();
        }
        stage(s, STRING, 0, s.strings.get(bytes, from, to));
    }

    private Slot slot(String name) {
        int position = stagedCount;
        if (position < lastAt.length) {
            Slot guess = lastAt[position];
            // Field names come from the parser's symbol table, so the same name is usually the same String.
            if (guess != null && (guess.name == name || guess.name.equals(name))) {
                return guess;
            }
        }
        Slot s = slots.get(name);
        if (s == null) {
            s = new Slot(name);
            slots.put(name, s);
        }
        if (position >= lastAt.length) {
            lastAt = Arrays.copyOf(lastAt, Math.max(position + 1, lastAt.length * 2));
        }
        lastAt[position] = s;
        return s;
    }

    /**
     * Writes the value straight into the batch's next row; the row only counts on
     * {@link #commit}, and {@link #discard} clears what the record wrote.
     */
    private void stage(Slot s, byte tag, long bits, Object object) {
        if (s.stagedIn != record) {
            s.stagedIn = record;
            if (stagedCount == staged.length) {
                staged = Arrays.copyOf(staged, stagedCount * 2);
            }
            staged[stagedCount++] = s;
            if (s.tags == null) {
                s.tags = new byte[batchSize];
                s.bits = new long[batchSize];
            }
        }
        s.tags[rows] = tag;
        if (tag == STRING || tag == OTHER) {
            if (s.objects == null) {
                s.objects = new Object[batchSize];
            }
            s.objects[rows] = object;
        } else {
            s.bits[rows] = bits;
        }
    }

    /** Stages every wanted entry of a record parsed to plain values (the reference path). */
    void putAll(Map<String, Object> map) {
        for (Map.Entry<String, Object> e : map.entrySet()) {
            if (wants(e.getKey())) {
                putValue(e.getKey(), e.getValue());
            } else {
                skip(e.getKey());
            }
        }
    }

    /** Stages one plain value (null, Long, Double, Boolean, String, or anything else Jackson gives). */
    void putValue(String name, Object v) {
        if (v == null) {
            put(name, NULL, 0, null);
        } else if (v instanceof Long) {
            put(name, LONG, (Long) v, null);
        } else if (v instanceof Double) {
            put(name, DOUBLE, Double.doubleToRawLongBits((Double) v), null);
        } else if (v instanceof Boolean) {
            put(name, BOOL, ((Boolean) v) ? 1 : 0, null);
        } else if (v instanceof String) {
            put(name, STRING, 0, v);
        } else {
            put(name, OTHER, 0, v);
        }
    }

    /** Drops the staged record. */
    void discard() {
        for (int i = 0; i < stagedCount; i++) {
            Slot s = staged[i];
            staged[i] = null;
            s.tags[rows] = NULL;
            if (s.objects != null) {
                s.objects[rows] = null;
            }
        }
        stagedCount = 0;
        skipped.clear();
        record++;
    }

    /**
     * Makes the staged record a row.
     *
     * @return a full batch, or null if the batch is not full yet
     */
    RecordBatch commit() {
        for (int i = 0; i < stagedCount; i++) {
            Slot s = staged[i];
            staged[i] = null;
            if (!s.registered) {
                s.registered = true;
                order.add(s);
                if (wanted != null) {
                    unseen--;
                }
            }
        }
        if (!skipped.isEmpty()) {
            for (int i = 0; i < skipped.size() && others.size() < OTHERS_KEPT; i++) {
                others.add(skipped.get(i));
            }
            skipped.clear();
        }
        stagedCount = 0;
        record++;
        committed++;
        rows++;
        return rows >= batchSize ? flush() : null;
    }

    /** @return how many records were committed in all */
    long committed() {
        return committed;
    }

    /** @return the keys of option {@code columns} that no committed record named, in the option's order */
    List<String> unseen() {
        List<String> out = new ArrayList<>();
        if (wanted != null) {
            for (String name : wanted) {
                Slot s = slots.get(name);
                if (s == null || !s.registered) {
                    out.add(name);
                }
            }
        }
        return out;
    }

    /**
     * @return the keys of the committed records as far as known: the columns, then (while a
     *         key of option {@code columns} was unseen) the keys not read, up to a bound
     */
    List<String> keys() {
        Set<String> out = new LinkedHashSet<>();
        for (Slot s : order) {
            out.add(s.name);
        }
        out.addAll(others);
        return new ArrayList<>(out);
    }

    /** @return the rows still pending as a batch, or null if there are none */
    RecordBatch finish() {
        return rows == 0 ? null : flush();
    }

    private RecordBatch flush() {
        int n = rows;
        List<Field> fields = new ArrayList<>(order.size());
        List<Column> columns = new ArrayList<>(order.size());
        for (Slot s : order) {
            s.known = widenOver(s, n);
            DataType type = s.known == null ? DataType.STRING : s.known;
            fields.add(new Field(s.name, type));
            columns.add(build(s, type, n));
            Arrays.fill(s.tags, 0, n, NULL);
            if (s.objects != null) {
                Arrays.fill(s.objects, 0, n, null);
            }
        }
        rows = 0;
        return new RecordBatch(new Schema(fields), columns, n);
    }

    /** The column's type widened by every value of this batch (widening is order-free). */
    private static DataType widenOver(Slot s, int n) {
        int seen = 0;
        DataType t = s.known;
        for (int i = 0; i < n; i++) {
            byte tag = s.tags[i];
            seen |= 1 << tag;
            if (tag == OTHER) {
                t = Values.widen(t, Values.typeOf(s.objects[i]));
            }
        }
        if ((seen & (1 << LONG)) != 0) {
            t = Values.widen(t, DataType.LONG);
        }
        if ((seen & (1 << DOUBLE)) != 0) {
            t = Values.widen(t, DataType.DOUBLE);
        }
        if ((seen & (1 << BOOL)) != 0) {
            t = Values.widen(t, DataType.BOOL);
        }
        if ((seen & (1 << STRING)) != 0) {
            t = Values.widen(t, DataType.STRING);
        }
        s.anyNull = (seen & (1 << NULL)) != 0;
        return t;
    }

    /** The column of {@code type}, each value converted as {@link ColumnBuilder#append} would. */
    private static Column build(Slot s, DataType type, int n) {
        byte[] tags = s.tags;
        long[] bits = s.bits;
        switch (type) {
            // A column without nulls gets no null mask: nothing to fill here, nothing to test downstream.
            case LONG: {
                boolean[] nulls = s.anyNull ? new boolean[n] : null;
                long[] out = Arrays.copyOf(bits, n);
                for (int i = 0; i < n; i++) {
                    if (tags[i] == NULL) {
                        nulls[i] = true;
                    } else if (tags[i] == OTHER) {
                        out[i] = (Long) Values.convert(s.objects[i], DataType.LONG);
                    }
                }
                return Column.ofLongs(DataType.LONG, out, nulls, n);
            }
            case DOUBLE: {
                boolean[] nulls = s.anyNull ? new boolean[n] : null;
                double[] out = new double[n];
                for (int i = 0; i < n; i++) {
                    switch (tags[i]) {
                        case NULL: nulls[i] = true; break;
                        case LONG: out[i] = bits[i]; break;
                        case DOUBLE: out[i] = Double.longBitsToDouble(bits[i]); break;
                        default: out[i] = (Double) Values.convert(boxed(s, i), DataType.DOUBLE);
                    }
                }
                return Column.ofDoubles(out, nulls, n);
            }
            case BOOL: {
                boolean[] nulls = s.anyNull ? new boolean[n] : null;
                boolean[] out = new boolean[n];
                for (int i = 0; i < n; i++) {
                    if (tags[i] == NULL) {
                        nulls[i] = true;
                    }
                    out[i] = bits[i] != 0;
                }
                return Column.ofBools(out, nulls, n);
            }
            case STRING: {
                Object[] out = new Object[n];
                for (int i = 0; i < n; i++) {
                    switch (tags[i]) {
                        case NULL: break;
                        case LONG: out[i] = Long.toString(bits[i]); break;
                        case DOUBLE: out[i] = Values.formatDouble(Double.longBitsToDouble(bits[i])); break;
                        case BOOL: out[i] = bits[i] != 0 ? "true" : "false"; break;
                        case STRING: out[i] = s.objects[i]; break;
                        default: out[i] = Values.convert(s.objects[i], DataType.STRING);
                    }
                }
                return Column.ofObjects(DataType.STRING, out, n);
            }
            case JSON: {
                Object[] out = new Object[n];
                for (int i = 0; i < n; i++) {
                    out[i] = boxed(s, i);
                }
                return Column.ofObjects(DataType.JSON, out, n);
            }
            default: {
                ColumnBuilder b = new ColumnBuilder(type, n);
                for (int i = 0; i < n; i++) {
                    b.append(boxed(s, i));
                }
                return b.build();
            }
        }
    }

    /** Row {@code i} as the plain value Jackson's map would have held. */
    private static Object boxed(Slot s, int i) {
        long b = s.bits[i];
        switch (s.tags[i]) {
            case NULL: return null;
            case LONG: return b;
            case DOUBLE: return Double.longBitsToDouble(b);
            case BOOL: return b != 0;
            default: return s.objects[i];
        }
    }
}
