package io.conveyor.api;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns rows of plain Java values (what JSON, BSON and HTTP bodies give) into
 * {@link RecordBatch}es, inferring the schema and widening it across batches: a column
 * that was {@code long} becomes {@code double} when a fractional value arrives, then
 * {@code string} for other mixes, and {@code json} once a nested value appears. Widening
 * is sticky: once widened, later batches keep the wider type. Columns first seen in a later
 * row are added (null in earlier rows of that batch). No value is dropped or turned into
 * null or an empty string.
 *
 * <p>Use {@link #add} per row and {@link #finish} at the end; both return a batch when one
 * is complete. Not thread-safe.
 */
public final class RowBatcher {
    private final int batchSize;
    private final LinkedHashMap<String, DataType> known = new LinkedHashMap<>();
    private final List<Map<String, ?>> pending = new ArrayList<>();

    /** @param batchSize rows per batch, at least 1 */
    public RowBatcher(int batchSize) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batchSize must be at least 1");
        }
        this.batchSize = batchSize;
    }

    /**
     * Converts rows into one batch.
     *
     * @param rows rows of plain values
     * @return a batch holding them all
     */
    public static RecordBatch toBatch(List<? extends Map<String, ?>> rows) {
        RowBatcher b = new RowBatcher(Math.max(1, rows.size()));
        for (Map<String, ?> r : rows) {
            b.pending.add(r);
        }
        RecordBatch out = b.finish();
        return out == null ? RecordBatch.empty(new Schema(List.of())) : out;
    }

    /**
     * Converts a batch into rows of plain values (see {@link RecordBatch#row(int)}).
     *
     * @param batch a batch
     * @return its rows
     */
    public static List<Map<String, Object>> toRows(RecordBatch batch) {
        return batch.rows();
    }

    /**
     * @param row a row of plain values; keys are column names
     * @return a full batch, or null if the batch is not full yet
     */
    public RecordBatch add(Map<String, ?> row) {
        pending.add(row);
        return pending.size() >= batchSize ? flush() : null;
    }

    /** @return the rows still pending as a batch, or null if there are none */
    public RecordBatch finish() {
        return pending.isEmpty() ? null : flush();
    }

    /** @return the schema as widened so far (empty before the first batch) */
    public Schema schema() {
        List<Field> fields = new ArrayList<>();
        known.forEach((n, t) -> fields.add(new Field(n, t == null ? DataType.STRING : t)));
        return new Schema(fields);
    }

    private RecordBatch flush() {
        for (Map<String, ?> row : pending) {
            for (Map.Entry<String, ?> e : row.entrySet()) {
                DataType t = Values.typeOf(e.getValue());
                if (!known.containsKey(e.getKey())) {
                    known.put(e.getKey(), t);
                } else {
                    known.put(e.getKey(), Values.widen(known.get(e.getKey()), t));
                }
            }
        }
        Schema schema = schema();
        List<Column> cols = new ArrayList<>(schema.size());
        for (Field f : schema.fields()) {
            ColumnBuilder cb = new ColumnBuilder(f.type(), pending.size());
            for (Map<String, ?> row : pending) {
                cb.append(row.get(f.name()));
            }
            cols.add(cb.build());
        }
        RecordBatch batch = new RecordBatch(schema, cols, pending.size());
        pending.clear();
        return batch;
    }
}
