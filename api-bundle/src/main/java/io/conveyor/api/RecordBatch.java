package io.conveyor.api;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A batch of rows held as one {@link Column} per {@link Field} of its {@link Schema}.
 * Immutable once built. Stages exchange data as a stream of batches; consecutive batches
 * of one stream may differ in schema when a source widened a type (see {@link RowBatcher}).
 */
public final class RecordBatch {
    private final Schema schema;
    private final List<Column> columns;
    private final int rowCount;

    /**
     * @param schema the schema
     * @param columns one column per field, each with {@code rowCount} rows and the field's type
     * @param rowCount the number of rows
     * @throws IllegalArgumentException if the columns do not match the schema
     */
    public RecordBatch(Schema schema, List<Column> columns, int rowCount) {
        this.schema = Objects.requireNonNull(schema, "schema");
        this.columns = List.copyOf(columns);
        this.rowCount = rowCount;
        if (this.columns.size() != schema.size()) {
            throw new IllegalArgumentException(schema.size() + " fields but " + this.columns.size() + " columns");
        }
        for (int i = 0; i < schema.size(); i++) {
            Column c = this.columns.get(i);
            if (c.size() != rowCount || c.type() != schema.field(i).type()) {
                throw new IllegalArgumentException("column '" + schema.field(i).name() + "' is " + c.type().id()
                        + " with " + c.size() + " rows; expected " + schema.field(i).type().id() + " with " + rowCount);
            }
        }
    }

    /** @param schema a schema
     *  @return a batch with that schema and no rows */
    public static RecordBatch empty(Schema schema) {
        List<Column> cols = new ArrayList<>();
        for (Field f : schema.fields()) {
            cols.add(new ColumnBuilder(f.type(), 0).build());
        }
        return new RecordBatch(schema, cols, 0);
    }

    /** @return the schema */
    public Schema schema() {
        return schema;
    }

    /** @return the number of rows */
    public int rowCount() {
        return rowCount;
    }

    /** @return the columns in schema order (unmodifiable) */
    public List<Column> columns() {
        return columns;
    }

    /** @param i column index
     *  @return the column */
    public Column column(int i) {
        return columns.get(i);
    }

    /** @param name column name
     *  @return the column, or null if there is none of that name */
    public Column column(String name) {
        int i = schema.indexOf(name);
        return i < 0 ? null : columns.get(i);
    }

    /**
     * @param row row index
     * @return the row as an insertion-ordered map of column name to plain value
     */
    public Map<String, Object> row(int row) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int c = 0; c < columns.size(); c++) {
            m.put(schema.field(c).name(), columns.get(c).get(row));
        }
        return m;
    }

    /** @return every row as a map, see {@link #row(int)} */
    public List<Map<String, Object>> rows() {
        List<Map<String, Object>> out = new ArrayList<>(rowCount);
        for (int r = 0; r < rowCount; r++) {
            out.add(row(r));
        }
        return out;
    }

    /**
     * @param rows row indices in the wanted order
     * @param count how many of them to use
     * @return a batch with those rows
     */
    public RecordBatch take(int[] rows, int count) {
        List<Column> cols = new ArrayList<>(columns.size());
        for (Column c : columns) {
            cols.add(c.take(rows, count));
        }
        return new RecordBatch(schema, cols, count);
    }

    /**
     * @param from first row, inclusive
     * @param to last row, exclusive
     * @return a batch with rows {@code [from, to)}
     */
    public RecordBatch slice(int from, int to) {
        List<Column> cols = new ArrayList<>(columns.size());
        for (Column c : columns) {
            cols.add(c.slice(from, to));
        }
        return new RecordBatch(schema, cols, to - from);
    }

    /**
     * @param names column names, in the wanted order
     * @return a batch with only these columns
     * @throws IllegalArgumentException if a name is not a column
     */
    public RecordBatch select(List<String> names) {
        List<Field> fields = new ArrayList<>();
        List<Column> cols = new ArrayList<>();
        for (String n : names) {
            int i = schema.indexOf(n);
            if (i < 0) {
                throw new IllegalArgumentException("no column '" + n + "'; columns are " + schema.names());
            }
            fields.add(schema.field(i));
            cols.add(columns.get(i));
        }
        return new RecordBatch(new Schema(fields), cols, rowCount);
    }

    @Override
    public String toString() {
        return "RecordBatch" + schema + " x " + rowCount;
    }
}
