package io.conveyor.engine.internal.stages.transform.aggregate;

import io.conveyor.api.BatchStream;
import io.conveyor.api.Column;
import io.conveyor.api.ConfigException;
import io.conveyor.api.DataType;
import io.conveyor.api.Field;
import io.conveyor.api.OptionSpec;
import io.conveyor.api.OptionType;
import io.conveyor.api.RecordBatch;
import io.conveyor.api.Schema;
import io.conveyor.api.StageConfig;
import io.conveyor.api.StageContext;
import io.conveyor.api.StageDescriptor;
import io.conveyor.api.StageException;
import io.conveyor.api.StageKind;
import io.conveyor.api.TransformFactory;
import io.conveyor.engine.internal.config.Suggestions;
import io.conveyor.engine.internal.stages.ColumnNeeds;
import io.conveyor.engine.internal.stages.SchemaAware;
import io.conveyor.engine.internal.stages.transform.columns.ColumnNames;
import io.conveyor.engine.internal.stages.transform.columns.ColumnProblem;
import io.conveyor.engine.internal.stages.transform.keys.KeyIndex;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** {@code transform.group_by}: one row per distinct key with the aggregations of its rows. */
public final class GroupByFactory implements TransformFactory, SchemaAware, ColumnNeeds {
    /** Rows per output batch. */
    static final int OUTPUT_BATCH = 8192;
    private static final StageDescriptor DESCRIPTOR = StageDescriptor.builder(StageKind.TRANSFORM, "group_by")
            .description("One row per distinct value of the `by` columns, in the order each group first appears: "
                    + "the group keys, then one column per aggregation. Null keys form a group of their own (as in "
                    + "SQL). Operations: sum, avg, min, max, median, std, var (sample, divided by n - 1) and "
                    + "count_distinct ignore nulls; count counts rows, or with a column its non-null values; first and "
                    + "last take the value of the group's first or last row, null included. Without `by`, one row for "
                    + "the whole input. Blocking: it holds one entry per group (every value for median) until its "
                    + "input ends.")
            .option(OptionSpec.of("by", OptionType.STRING_OR_ARRAY)
                            .describe("The group key column, or an array of them; absent for one row over all input"),
                    OptionSpec.array("aggregations").required()
                            .describe("Tables { column, operation, output_column }: count without column counts rows, "
                                    + "with a column its non-null values; output_column defaults to column_operation"))
            .blocking()
            .build();

    @Override
    public StageDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public void validate(StageConfig config) throws ConfigException {
        List<String> by = config.getStringList("by");
        ColumnNames.requireUnique(config, "by", by);
        Set<String> names = new HashSet<>(by);
        for (Aggregation a : Aggregation.parse(config)) {
            if (by.contains(a.output())) {
                throw config.error(a.key(), "output column '" + a.output() + "' is also a group key; choose another "
                        + "output_column");
            }
            if (!names.add(a.output())) {
                throw config.error(a.key(), "output column '" + a.output() + "' is produced twice; give each "
                        + "aggregation its own output_column");
            }
        }
    }

    /** Where the keys and the aggregated columns are in an input schema. */
    private record Plan(int[] keys, int[] columns) {
        static Plan of(Schema in, List<String> by, List<Aggregation> aggregations) throws ColumnProblem {
            int[] keys = new int[by.size()];
            for (int i = 0; i < keys.length; i++) {
                keys[i] = ColumnNames.require(in, by.get(i), "by", "");
            }
            int[] columns = new int[aggregations.size()];
            for (int i = 0; i < columns.length; i++) {
                Aggregation a = aggregations.get(i);
                columns[i] = a.column() == null ? -1 : ColumnNames.require(in, a.column(), a.key() + ".column", "");
                DataType t = columns[i] < 0 ? null : in.field(columns[i]).type();
                if (a.operation().numeric() && t != DataType.LONG && t != DataType.DOUBLE) {
                    throw new ColumnProblem(a.key() + ".column", "operation '" + a.operation().id()
                            + "' needs a long or double column; column '" + a.column() + "' is " + t.id()
                            + " (convert it first with transform.cast" + (t == DataType.STRING
                            ? "; " + Suggestions.NUMBERS_READ_AS_TEXT : "") + ")");
                }
            }
            return new Plan(keys, columns);
        }
    }

    @Override
    public Schema outputSchema(StageConfig config, List<Schema> inputs) throws ConfigException {
        List<Aggregation> aggregations = Aggregation.parse(config);
        List<String> by = config.getStringList("by");
        return ColumnProblem.atCompileTime(config, inputs.get(0), in -> {
            Plan plan = Plan.of(in, by, aggregations);
            List<Field> fields = new ArrayList<>();
            for (int k : plan.keys) {
                fields.add(in.field(k));
            }
            for (int i = 0; i < aggregations.size(); i++) {
                DataType t = plan.columns[i] < 0 ? null : in.field(plan.columns[i]).type();
                fields.add(new Field(aggregations.get(i).output(), aggregations.get(i).operation().resultType(t)));
            }
            return new Schema(fields);
        });
    }

    @Override
    public BatchStream open(StageConfig config, List<BatchStream> inputs, StageContext context) throws Exception {
        List<String> by = config.getStringList("by");
        List<Aggregation> aggregations = Aggregation.parse(config);
        BatchStream input = inputs.get(0);
        return new BatchStream() {
            private RecordBatch result;
            private int emitted;
            private boolean done;

            @Override
            public RecordBatch next() throws Exception {
                if (!done) {
                    done = true;
                    result = aggregate();
                }
                if (result == null || emitted > result.rowCount()
                        || (emitted == result.rowCount() && emitted > 0)) {
                    return null;
                }
                int to = Math.min(result.rowCount(), emitted + OUTPUT_BATCH);
                RecordBatch out = emitted == 0 && to == result.rowCount() ? result : result.slice(emitted, to);
                emitted = to == 0 ? 1 : to;
                return out;
            }

            private RecordBatch aggregate() throws Exception {
                KeyIndex index = null;
                Accumulator[] accumulators = new Accumulator[aggregations.size()];
                for (int i = 0; i < accumulators.length; i++) {
                    accumulators[i] = aggregations.get(i).operation().accumulator();
                }
                Schema plannedFor = null;
                Plan plan = null;
                int[] groups = new int[0];
                RecordBatch batch;
                while ((batch = input.next()) != null) {
                    if (!batch.schema().equals(plannedFor)) {
                        try {
                            plan = Plan.of(batch.schema(), by, aggregations);
                        } catch (ColumnProblem e) {
                            throw e.toStage();
                        }
                        plannedFor = batch.schema();
                    }
                    int n = batch.rowCount();
                    List<Column> keys = new ArrayList<>(plan.keys.length);
                    List<DataType> types = new ArrayList<>(plan.keys.length);
                    for (int k : plan.keys) {
                        keys.add(batch.column(k));
                        types.add(batch.column(k).type());
                    }
                    if (index == null) {
                        index = new KeyIndex(types);
                    }
                    if (groups.length < n) {
                        groups = new int[n];
                    }
                    index.groups(keys, n, true, groups);
                    for (int i = 0; i < accumulators.length; i++) {
                        Column c = plan.columns[i] < 0 ? null : batch.column(plan.columns[i]);
                        accumulators[i].add(groups, n, c, index.size());
                    }
                    if (context.isCancelled()) {
                        // Blocking stages check between batches: a cancelled run must not look like a finished input.
                        throw new StageException("the run was cancelled before the input ended");
                    }
                }
                if (index == null) {
                    return null;
                }
                int count = by.isEmpty() ? Math.max(1, index.size()) : index.size();
                List<Field> fields = new ArrayList<>();
                List<Column> columns = new ArrayList<>();
                for (int k = 0; k < by.size(); k++) {
                    columns.add(index.column(k));
                    fields.add(new Field(by.get(k), index.type(k)));
                }
                for (int i = 0; i < accumulators.length; i++) {
                    Column c = accumulators[i].result(count);
                    columns.add(c);
                    fields.add(new Field(aggregations.get(i).output(), c.type()));
                }
                return new RecordBatch(new Schema(fields), columns, count);
            }

            @Override
            public void close() throws Exception {
                input.close();
            }
        };
    }

    /** Reads its keys and the columns it aggregates, whatever its readers use. */
    @Override
    public List<Set<String>> inputColumns(StageConfig config, List<Schema> inputs, Set<String> needed)
            throws ConfigException {
        Set<String> read = new java.util.LinkedHashSet<>(config.getStringList("by"));
        for (Aggregation a : Aggregation.parse(config)) {
            if (a.column() != null) {
                read.add(a.column());
            }
        }
        return List.of(read);
    }
}
