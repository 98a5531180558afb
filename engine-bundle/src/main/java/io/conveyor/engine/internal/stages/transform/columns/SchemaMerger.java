package io.conveyor.engine.internal.stages.transform.columns;

import io.conveyor.api.Column;
import io.conveyor.api.DataType;
import io.conveyor.api.Field;
import io.conveyor.api.RecordBatch;
import io.conveyor.api.Schema;
import io.conveyor.api.Values;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Combines schemas by column name, as sources widen a column across batches: the columns in
 * first-seen order, each with the type {@link Values#widen} gives for all its types (long and
 * double give double, json with anything gives json, other mixes give string). Batches are
 * then conformed to the merged schema: a missing column is all null, a narrower one is widened.
 */
public final class SchemaMerger {
    private SchemaMerger() {
    }

    /**
     * @param schemas schemas in order
     * @return the merged schema
     */
    public static Schema merge(List<Schema> schemas) {
        Map<String, DataType> types = new LinkedHashMap<>();
        for (Schema s : schemas) {
            for (Field f : s.fields()) {
                types.merge(f.name(), f.type(), Values::widen);
            }
        }
        List<Field> fields = new ArrayList<>(types.size());
        types.forEach((n, t) -> fields.add(new Field(n, t)));
        return new Schema(fields);
    }

    /**
     * @param a a schema
     * @param b another
     * @return {@link #merge} of the two; {@code a} itself when {@code b} adds nothing
     */
    public static Schema merge(Schema a, Schema b) {
        Schema m = merge(List.of(a, b));
        return m.equals(a) ? a : m;
    }

    /**
     * @param batch a batch whose columns all appear in {@code target} with a type that widens to it
     * @param target the merged schema
     * @return the batch with exactly the target's columns and types (the batch itself if it has them)
     */
    public static RecordBatch conform(RecordBatch batch, Schema target) {
        if (batch.schema().equals(target)) {
            return batch;
        }
        List<Column> cols = new ArrayList<>(target.size());
        for (Field f : target.fields()) {
            Column c = batch.column(f.name());
            cols.add(c == null ? Column.nulls(f.type(), batch.rowCount()) : ColumnConverter.widen(c, f.type()));
        }
        return new RecordBatch(target, cols, batch.rowCount());
    }

    /**
     * Joins batches into one, conforming each to their merged schema.
     *
     * @param batches batches in order; at least one
     * @return one batch holding every row in order
     */
    public static RecordBatch concat(List<RecordBatch> batches) {
        if (batches.size() == 1) {
            return batches.get(0);
        }
        List<Schema> schemas = new ArrayList<>(batches.size());
        int rows = 0;
        for (RecordBatch b : batches) {
            schemas.add(b.schema());
            rows += b.rowCount();
        }
        Schema target = merge(schemas);
        List<RecordBatch> conformed = new ArrayList<>(batches.size());
        for (RecordBatch b : batches) {
            conformed.add(conform(b, target));
        }
        List<Column> cols = new ArrayList<>(target.size());
        for (int c = 0; c < target.size(); c++) {
            List<Column> parts = new ArrayList<>(conformed.size());
            for (RecordBatch b : conformed) {
                parts.add(b.column(c));
            }
            cols.add(ColumnGather.concat(target.field(c).type(), parts, rows));
        }
        return new RecordBatch(target, cols, rows);
    }
}
