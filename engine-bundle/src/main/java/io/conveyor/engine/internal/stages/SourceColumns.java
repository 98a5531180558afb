package io.conveyor.engine.internal.stages;

import io.conveyor.api.ConfigException;
import io.conveyor.api.Field;
import io.conveyor.api.Schema;
import io.conveyor.api.StageConfig;
import io.conveyor.engine.internal.config.Suggestions;
import java.util.ArrayList;
import java.util.List;

/**
 * Option {@code columns} of a source that can read only some of its columns
 * ({@code source.csv}, {@code source.json}): the names it lists, checked the same way for
 * both, and the schema they leave of the source's full one.
 */
public final class SourceColumns {
    /** The option's name. */
    public static final String KEY = "columns";

    private SourceColumns() {
    }

    /**
     * @param config the stage's config
     * @return the names to read, in the order written, or null if the option is absent (read all)
     * @throws ConfigException at {@code columns} if it holds something other than a non-empty
     *         name, names a column twice, or names none
     */
    public static List<String> read(StageConfig config) throws ConfigException {
        if (!config.has(KEY)) {
            return null;
        }
        List<String> out = new ArrayList<>();
        for (Object v : config.getList(KEY)) {
            if (!(v instanceof String name) || name.isEmpty()) {
                throw config.error(KEY, "must be an array of column names; found " + v);
            }
            if (out.contains(name)) {
                throw config.error(KEY, "column '" + name + "' is named twice");
            }
            out.add(name);
        }
        if (out.isEmpty()) {
            throw config.error(KEY, "name at least one column, or leave the option out to read them all");
        }
        return List.copyOf(out);
    }

    /**
     * @param config the stage's config
     * @param all the schema of every column the source has
     * @param columns what {@link #read} gave, or null
     * @return {@code all} with only the named columns, in the order of {@code all}; {@code all}
     *         itself when {@code columns} is null
     * @throws ConfigException at {@code columns} naming a column {@code all} does not have, with
     *         the columns there are and the nearest name
     */
    public static Schema narrow(StageConfig config, Schema all, List<String> columns) throws ConfigException {
        if (columns == null) {
            return all;
        }
        for (String c : columns) {
            if (all.indexOf(c) < 0) {
                throw Suggestions.unknownColumn(config, KEY, c, all.names());
            }
        }
        List<Field> fields = new ArrayList<>();
        for (Field f : all.fields()) {
            if (columns.contains(f.name())) {
                fields.add(f);
            }
        }
        return new Schema(fields);
    }
}
