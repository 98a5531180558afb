package io.conveyor.engine.internal.stages.transform;

import io.conveyor.api.BatchStream;
import io.conveyor.api.Column;
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
import io.conveyor.engine.internal.expr.BoundExpression;
import io.conveyor.engine.internal.stages.ColumnNeeds;
import io.conveyor.engine.internal.stages.SchemaAware;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code transform.map}: computes columns from expressions over the input columns. A column
 * that exists is replaced in its place; a new one is appended, in the order given.
 */
public final class MapFactory implements TransformFactory, SchemaAware, ColumnNeeds {
    private static final StageDescriptor DESCRIPTOR = StageDescriptor.builder(StageKind.TRANSFORM, "map")
            .description("Adds or replaces columns computed from expressions, a whole batch at a time; streams. "
                    + "Give `expression` and `output_column`, or a table `columns` of name = \"expression\". "
                    + "Every expression sees the input columns, not the results of the others in the same stage "
                    + "(chain two map stages for that). A replaced column keeps its position; new columns are "
                    + "appended in the order given. The expression language is the one transform.filter "
                    + "describes.")
            .option(OptionSpec.string("expression").describe("Simple form: the expression to compute"),
                    OptionSpec.string("output_column").describe("Simple form: the column it goes to"),
                    OptionSpec.table("columns")
                            .describe("Column name = \"expression\", e.g. { total = \"price * qty\", "
                                    + "name = \"upper(trim(name))\" }"))
            .build();

    @Override
    public StageDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public void validate(StageConfig config) throws ConfigException {
        outputs(config);
    }

    /**
     * @param config the stage's config, valid
     * @return the columns the stage computes (added or replaced), in the order given
     * @throws ConfigException if the config does not read as expected
     */
    public static Set<String> computedColumns(StageConfig config) throws ConfigException {
        return outputs(config).keySet();
    }

    /**
     * Reads what its readers use of the columns it passes through, and every column its
     * expressions read (each expression is evaluated on every batch, used or not).
     */
    @Override
    public List<Set<String>> inputColumns(StageConfig config, List<Schema> inputs, Set<String> needed)
            throws ConfigException {
        Map<String, ExpressionOption> outputs = outputs(config);
        Set<String> read = new LinkedHashSet<>();
        for (String n : needed) {
            if (!outputs.containsKey(n)) {
                read.add(n);
            }
        }
        for (ExpressionOption o : outputs.values()) {
            read.addAll(o.expression().columns());
        }
        return List.of(read);
    }

    /** @return the output columns and their expressions, in the order given */
    private static Map<String, ExpressionOption> outputs(StageConfig config) throws ConfigException {
        Map<String, ExpressionOption> out = new LinkedHashMap<>();
        boolean simple = config.has("expression") || config.has("output_column");
        if (config.has("columns")) {
            if (simple) {
                throw config.error(config.has("expression") ? "expression" : "output_column",
                        "give either 'columns' or 'expression'/'output_column', not both; add this one to 'columns'");
            }
            Map<String, Object> table = config.getTable("columns");
            if (table.isEmpty()) {
                throw config.error("columns", "name at least one column, e.g. total = \"price * qty\"");
            }
            for (Map.Entry<String, Object> e : table.entrySet()) {
                String key = "columns." + e.getKey();
                if (!(e.getValue() instanceof String text)) {
                    throw config.error(key, "must be an expression in a string, e.g. " + e.getKey()
                            + " = \"price * qty\"");
                }
                if (e.getKey().isEmpty()) {
                    throw config.error(key, "the column name is empty");
                }
                out.put(e.getKey(), ExpressionOption.parse(config, key, text));
            }
            return out;
        }
        if (!simple) {
            throw config.error(null, "give what to compute: expression = \"...\" with output_column = \"name\", "
                    + "or a table [stages.config.columns] of name = \"expression\"");
        }
        for (String k : List.of("expression", "output_column")) {
            if (!config.has(k)) {
                throw config.error(k, "missing required key '" + k + "': 'expression' and 'output_column' go together");
            }
        }
        String name = config.getString("output_column");
        if (name.isEmpty()) {
            throw config.error("output_column", "the column name is empty");
        }
        out.put(name, ExpressionOption.parse(config, "expression", config.getString("expression")));
        return out;
    }

    @Override
    public Schema outputSchema(StageConfig config, List<Schema> inputs) throws ConfigException {
        Schema in = inputs.isEmpty() ? null : inputs.get(0);
        if (in == null) {
            return null;
        }
        Map<String, ExpressionOption> outputs = outputs(config);
        List<BoundExpression> bound = new ArrayList<>();
        for (ExpressionOption o : outputs.values()) {
            bound.add(o.bind(config, in));
        }
        return new Plan(in, new ArrayList<>(outputs.keySet()), bound).schema;
    }

    @Override
    public BatchStream open(StageConfig config, List<BatchStream> inputs, StageContext context) throws Exception {
        Map<String, ExpressionOption> outputs = outputs(config);
        List<String> names = new ArrayList<>(outputs.keySet());
        BatchStream input = inputs.get(0);
        return new BatchStream() {
            private final Map<Schema, Plan> plans = new HashMap<>();

            @Override
            public RecordBatch next() throws Exception {
                RecordBatch batch = input.next();
                if (batch == null) {
                    return null;
                }
                Plan plan = plans.get(batch.schema());
                if (plan == null) {
                    if (plans.size() >= 64) {
                        plans.clear();
                    }
                    // Bound once per schema: a source that widens a column's type gets it checked again.
                    List<BoundExpression> bound = new ArrayList<>();
                    for (ExpressionOption o : outputs.values()) {
                        bound.add(o.bindAtRun(config, batch.schema()));
                    }
                    plan = new Plan(batch.schema(), names, bound);
                    plans.put(batch.schema(), plan);
                }
                return plan.apply(batch);
            }

            @Override
            public void close() throws Exception {
                input.close();
            }
        };
    }

    /** Where each computed column goes in the output for one input schema. */
    private static final class Plan {
        private final Schema schema;
        private final int inputWidth;
        private final int[] target;
        private final List<BoundExpression> expressions;

        Plan(Schema in, List<String> names, List<BoundExpression> expressions) {
            this.expressions = expressions;
            this.inputWidth = in.size();
            List<Field> fields = new ArrayList<>(in.fields());
            target = new int[names.size()];
            for (int i = 0; i < names.size(); i++) {
                Field f = new Field(names.get(i), expressions.get(i).type());
                int at = in.indexOf(names.get(i));
                if (at >= 0) {
                    fields.set(at, f);
                    target[i] = at;
                } else {
                    target[i] = fields.size();
                    fields.add(f);
                }
            }
            schema = new Schema(fields);
        }

        RecordBatch apply(RecordBatch batch) {
            List<Column> columns = new ArrayList<>(batch.columns());
            for (int i = columns.size(); i < schema.size(); i++) {
                columns.add(null);
            }
            for (int i = 0; i < target.length; i++) {
                // Every expression is evaluated on the input batch, so none sees another's result.
                columns.set(target[i], expressions.get(i).evaluate(batch));
            }
            return new RecordBatch(schema, columns, batch.rowCount());
        }
    }
}
