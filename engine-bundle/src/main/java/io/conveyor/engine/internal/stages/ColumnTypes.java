package io.conveyor.engine.internal.stages;

import io.conveyor.api.ConfigException;
import io.conveyor.api.DataType;
import io.conveyor.api.StageConfig;
import io.conveyor.engine.internal.config.Suggestions;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads an option that maps column names to types, such as {@code source.csv}'s {@code schema}
 * or {@code cast}'s {@code columns}: {@code { amount = "double", day = "date" }}.
 */
public final class ColumnTypes {
    private static final List<String> NAMES = Arrays.stream(DataType.values()).map(DataType::id).toList();

    private ColumnTypes() {
    }

    /**
     * @param config the stage's config
     * @param key the option
     * @return column name to type, in the order written (empty if the option is absent)
     * @throws ConfigException naming the column whose type is unknown, the types there are and the nearest one
     */
    public static Map<String, DataType> read(StageConfig config, String key) throws ConfigException {
        Map<String, DataType> out = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : config.getTable(key).entrySet()) {
            DataType t = e.getValue() instanceof String s ? DataType.fromId(s) : null;
            if (t == null) {
                String hint = e.getValue() instanceof String s ? Suggestions.hint(s, NAMES) : null;
                throw config.error(key, "column '" + e.getKey() + "' has unknown type '" + e.getValue()
                        + "'; use one of " + String.join(", ", NAMES) + (hint == null ? "" : " (" + hint + ")"));
            }
            out.put(e.getKey(), t);
        }
        return out;
    }
}
