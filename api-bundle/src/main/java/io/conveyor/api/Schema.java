package io.conveyor.api;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * An ordered list of uniquely named {@link Field}s. Immutable.
 */
public final class Schema {
    private final List<Field> fields;
    private final Map<String, Integer> index;

    /**
     * @param fields the fields in column order; names must be unique
     * @throws IllegalArgumentException if two fields share a name
     */
    public Schema(List<Field> fields) {
        this.fields = Collections.unmodifiableList(new ArrayList<>(fields));
        this.index = new HashMap<>();
        for (int i = 0; i < this.fields.size(); i++) {
            if (index.put(this.fields.get(i).name(), i) != null) {
                throw new IllegalArgumentException("duplicate column name '" + this.fields.get(i).name() + "'");
            }
        }
    }

    /** @param fields the fields in column order
     *  @return a schema of these fields */
    public static Schema of(Field... fields) {
        return new Schema(List.of(fields));
    }

    /** @return the fields in column order (unmodifiable) */
    public List<Field> fields() {
        return fields;
    }

    /** @return the number of columns */
    public int size() {
        return fields.size();
    }

    /** @param i column index
     *  @return the field at that index */
    public Field field(int i) {
        return fields.get(i);
    }

    /** @param name column name
     *  @return its index, or -1 if there is no such column */
    public int indexOf(String name) {
        Integer i = index.get(name);
        return i == null ? -1 : i;
    }

    /** @return the column names in order */
    public List<String> names() {
        List<String> names = new ArrayList<>(fields.size());
        for (Field f : fields) {
            names.add(f.name());
        }
        return names;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Schema && ((Schema) o).fields.equals(fields);
    }

    @Override
    public int hashCode() {
        return fields.hashCode();
    }

    @Override
    public String toString() {
        return fields.toString();
    }
}
