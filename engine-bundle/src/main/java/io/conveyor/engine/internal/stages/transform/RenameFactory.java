package io.conveyor.engine.internal.stages.transform;

import io.conveyor.api.BatchStream;
import io.conveyor.api.ConfigException;
import io.conveyor.api.Field;
import io.conveyor.api.OptionSpec;
import io.conveyor.api.RecordBatch;
import io.conveyor.api.Schema;
import io.conveyor.api.StageConfig;
import io.conveyor.api.StageContext;
import io.conveyor.api.StageDescriptor;
import io.conveyor.api.StageKind;
import io.conveyor.api.TransformFactory;
import io.conveyor.engine.internal.stages.ColumnNeeds;
import io.conveyor.engine.internal.stages.SchemaAware;
import io.conveyor.engine.internal.stages.transform.columns.ColumnNames;
import io.conveyor.engine.internal.stages.transform.columns.ColumnProblem;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** {@code transform.rename}: renames columns, keeping their order, types and values. */
public final class RenameFactory implements TransformFactory, SchemaAware, ColumnNeeds {
    private static final StageDescriptor DESCRIPTOR = StageDescriptor.builder(StageKind.TRANSFORM, "rename")
            .description("Renames columns, keeping their position, type and values. Every column named must exist, "
                    + "and a new name must not clash with a column that keeps its name. Streams.")
            .option(OptionSpec.table("columns").required()
                    .describe("Old name to new name, e.g. { cust_id = \"customer_id\" }; names may be swapped"))
            .build();

    @Override
    public StageDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public void validate(StageConfig config) throws ConfigException {
        renames(config);
    }

    /**
     * @param config the stage's config, valid
     * @param output a column of the stage's output
     * @return the name that column has in the stage's input
     * @throws ConfigException if the config does not read as expected
     */
    public static String inputName(StageConfig config, String output) throws ConfigException {
        for (Map.Entry<String, String> e : renames(config).entrySet()) {
            if (e.getValue().equals(output)) {
                return e.getKey();
            }
        }
        return output;
    }

    private static Map<String, String> renames(StageConfig config) throws ConfigException {
        Map<String, Object> table = config.getTable("columns");
        if (table.isEmpty()) {
            throw config.error("columns", "name at least one column to rename, e.g. columns = { old = \"new\" }");
        }
        Map<String, String> out = new LinkedHashMap<>();
        Map<String, String> byTarget = new HashMap<>();
        for (Map.Entry<String, Object> e : table.entrySet()) {
            if (!(e.getValue() instanceof String s) || s.isEmpty()) {
                throw config.error("columns", "the new name of column '" + e.getKey() + "' must be a non-empty string");
            }
            String before = byTarget.put(s, e.getKey());
            if (before != null) {
                throw config.error("columns", "columns '" + before + "' and '" + e.getKey() + "' are both renamed to '"
                        + s + "'; give each a different name");
            }
            out.put(e.getKey(), s);
        }
        return out;
    }

    /** @return {@code in} with the columns renamed */
    static Schema renamed(Schema in, Map<String, String> renames) throws ColumnProblem {
        for (String old : renames.keySet()) {
            ColumnNames.require(in, old, "columns", "");
        }
        List<Field> fields = new ArrayList<>(in.size());
        for (Field f : in.fields()) {
            String to = renames.get(f.name());
            if (to == null && renames.containsValue(f.name())) {
                String from = null;
                for (Map.Entry<String, String> e : renames.entrySet()) {
                    from = e.getValue().equals(f.name()) ? e.getKey() : from;
                }
                throw new ColumnProblem("columns", "cannot rename '" + from + "' to '" + f.name() + "': column '"
                        + f.name() + "' already exists; rename or drop it as well");
            }
            fields.add(to == null ? f : new Field(to, f.type()));
        }
        return new Schema(fields);
    }

    @Override
    public Schema outputSchema(StageConfig config, List<Schema> inputs) throws ConfigException {
        Map<String, String> renames = renames(config);
        return ColumnProblem.atCompileTime(config, inputs.get(0), in -> renamed(in, renames));
    }

    @Override
    public BatchStream open(StageConfig config, List<BatchStream> inputs, StageContext context) throws Exception {
        Map<String, String> renames = renames(config);
        return new BatchMapping<Schema>(inputs.get(0)) {
            @Override
            Schema plan(Schema schema) throws ColumnProblem {
                return renamed(schema, renames);
            }

            @Override
            RecordBatch apply(Schema out, RecordBatch batch) {
                return new RecordBatch(out, batch.columns(), batch.rowCount());
            }
        };
    }

    /** Each column used after it, under its old name; and every column it renames, which must exist. */
    @Override
    public List<Set<String>> inputColumns(StageConfig config, List<Schema> inputs, Set<String> needed)
            throws ConfigException {
        Map<String, String> renames = renames(config);
        Map<String, String> oldNames = new HashMap<>();
        renames.forEach((from, to) -> oldNames.put(to, from));
        Set<String> read = new LinkedHashSet<>(renames.keySet());
        for (String n : needed) {
            read.add(oldNames.getOrDefault(n, n));
        }
        return List.of(read);
    }
}
