package io.conveyor.engine.internal.stages.transform.columns;

import io.conveyor.api.ConfigException;
import io.conveyor.api.Schema;
import io.conveyor.api.StageConfig;
import io.conveyor.engine.internal.config.Suggestions;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Looks up the columns a stage names, with "did you mean" for a near miss. A miss is a
 * {@link ColumnProblem}, reported at compile time or at the first batch with the same words.
 */
public final class ColumnNames {
    private ColumnNames() {
    }

    /**
     * @param column the name the stage was given
     * @param schema the schema that lacks it
     * @param where {@code ""}, or a phrase such as {@code " in the right input"}
     * @return {@code column 'x' not found; available columns: a, b (did you mean 'a'?)}
     */
    public static String notFound(String column, Schema schema, String where) {
        String hint = Suggestions.hint(column, schema.names());
        return "column '" + column + "' not found" + where + "; available columns: "
                + (schema.size() == 0 ? "(none)" : String.join(", ", schema.names()))
                + (hint == null ? "" : " (" + hint + ")");
    }

    /**
     * @param config the stage's configuration
     * @param key the option that lists the names
     * @param names column names
     * @throws ConfigException at {@code key} if a name is given twice
     */
    public static void requireUnique(StageConfig config, String key, List<String> names) throws ConfigException {
        Set<String> seen = new HashSet<>();
        for (String n : names) {
            if (!seen.add(n)) {
                throw config.error(key, "column '" + n + "' is named twice");
            }
        }
    }

    /**
     * @param schema the schema of the input
     * @param column a column the stage needs
     * @param key the option that names it
     * @param where see {@link #notFound}
     * @return the column's index
     * @throws ColumnProblem if there is no such column
     */
    public static int require(Schema schema, String column, String key, String where) throws ColumnProblem {
        int i = schema.indexOf(column);
        if (i < 0) {
            throw new ColumnProblem(key, notFound(column, schema, where));
        }
        return i;
    }
}
