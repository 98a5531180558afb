package io.conveyor.engine.internal.stages.transform.aggregate;

import io.conveyor.api.ConfigException;
import io.conveyor.api.StageConfig;
import io.conveyor.engine.internal.config.Suggestions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One entry of {@code aggregations}: {@code { column, operation, output_column }}.
 *
 * @param column the aggregated column, or null for {@code count} of rows
 * @param operation what to compute
 * @param output the result column's name
 * @param key where the entry is in the configuration, e.g. {@code aggregations[1]}
 */
record Aggregation(String column, Operation operation, String output, String key) {
    private static final Set<String> KEYS = Set.of("column", "operation", "output_column");

    /**
     * @param config the stage's configuration
     * @return the aggregations, checked for shape (not against a schema)
     * @throws ConfigException at the offending entry
     */
    static List<Aggregation> parse(StageConfig config) throws ConfigException {
        List<Object> entries = config.getList("aggregations");
        if (entries.isEmpty()) {
            throw config.error("aggregations", "name at least one aggregation, e.g. aggregations = "
                    + "[{ column = \"amount\", operation = \"sum\", output_column = \"total\" }]");
        }
        List<Aggregation> out = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            String key = "aggregations[" + i + "]";
            if (!(entries.get(i) instanceof Map<?, ?> entry)) {
                throw config.error(key, "must be a table { column, operation, output_column }; found "
                        + entries.get(i));
            }
            for (Object k : entry.keySet()) {
                if (!KEYS.contains(k)) {
                    String hint = Suggestions.hint(String.valueOf(k), List.of("column", "operation", "output_column"));
                    throw config.error(key + "." + k, "unknown key '" + k + "'; an aggregation takes column, operation "
                            + "and output_column" + (hint == null ? "" : " (" + hint + ")"));
                }
            }
            String opName = text(config, entry, key, "operation");
            if (opName == null) {
                throw config.error(key, "missing key 'operation'; use one of " + String.join(", ", Operation.names()));
            }
            Operation op = Operation.of(opName);
            if (op == null) {
                String hint = Suggestions.hint(opName, Operation.names());
                throw config.error(key + ".operation", "unknown operation '" + opName + "'; use one of "
                        + String.join(", ", Operation.names()) + (hint == null ? "" : " (" + hint + ")"));
            }
            String column = text(config, entry, key, "column");
            if (column == null && op != Operation.COUNT) {
                throw config.error(key, "operation '" + opName + "' needs a 'column'");
            }
            String output = text(config, entry, key, "output_column");
            if (output == null) {
                output = column == null ? "count" : column + "_" + op.id();
            }
            out.add(new Aggregation(column, op, output, key));
        }
        return out;
    }

    private static String text(StageConfig config, Map<?, ?> entry, String key, String name) throws ConfigException {
        Object v = entry.get(name);
        if (v == null) {
            return null;
        }
        if (!(v instanceof String s) || s.isEmpty()) {
            throw config.error(key + "." + name, "must be a non-empty string; found " + v);
        }
        return s;
    }
}
