package io.conveyor.api;

import java.util.Objects;

/**
 * A named, typed column of a {@link Schema}. Every field is nullable.
 */
public final class Field {
    private final String name;
    private final DataType type;

    /**
     * @param name the column name, not null
     * @param type the column type, not null
     */
    public Field(String name, DataType type) {
        this.name = Objects.requireNonNull(name, "name");
        this.type = Objects.requireNonNull(type, "type");
    }

    /** @return the column name */
    public String name() {
        return name;
    }

    /** @return the column type */
    public DataType type() {
        return type;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Field && ((Field) o).name.equals(name) && ((Field) o).type == type;
    }

    @Override
    public int hashCode() {
        return name.hashCode() * 31 + type.hashCode();
    }

    @Override
    public String toString() {
        return name + ": " + type.id();
    }
}
