package io.conveyor.engine.internal.stages.transform;

import io.conveyor.api.BatchStream;
import io.conveyor.api.Column;
import io.conveyor.api.ConfigException;
import io.conveyor.api.DataType;
import io.conveyor.api.Field;
import io.conveyor.api.OptionSpec;
import io.conveyor.api.RecordBatch;
import io.conveyor.api.Schema;
import io.conveyor.api.StageConfig;
import io.conveyor.api.StageContext;
import io.conveyor.api.StageDescriptor;
import io.conveyor.api.StageException;
import io.conveyor.api.StageKind;
import io.conveyor.api.TransformFactory;
import io.conveyor.engine.internal.stages.ColumnTypes;
import io.conveyor.engine.internal.stages.SchemaAware;
import io.conveyor.engine.internal.stages.transform.columns.ColumnConverter;
import io.conveyor.engine.internal.stages.transform.columns.ColumnNames;
import io.conveyor.engine.internal.stages.transform.columns.ColumnProblem;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code transform.cast}: converts columns to other types with the same conversions sources use
 * ({@link io.conveyor.api.Values#convert}). A value that does not convert sends its row to the
 * dead-letter queue (the default) or fails the stage.
 */
public final class CastFactory implements TransformFactory, SchemaAware {
    static final String DEAD_LETTER = "dead_letter";
    static final String FAIL = "fail";
    private static final StageDescriptor DESCRIPTOR = StageDescriptor.builder(StageKind.TRANSFORM, "cast")
            .description("Converts columns to another type (bool, long, double, string, timestamp, date, json) as "
                    + "sources convert values: text is parsed (ISO-8601 for timestamps and dates, JSON text for json), a double converts "
                    + "to long only when it is whole, anything converts to string. Nulls stay null. A row with a "
                    + "value that does not convert goes to the dead-letter queue, or fails the stage. Streams.")
            .option(OptionSpec.table("columns").required()
                            .describe("Column name to target type, e.g. { amount = \"double\", day = \"date\" }"),
                    OptionSpec.string("on_invalid").defaultValue(DEAD_LETTER).allowed(DEAD_LETTER, FAIL)
                            .describe("What a value that does not convert does: dead_letter sends its row to the "
                                    + "dead-letter queue and goes on; fail stops the stage naming the row and value"))
            .build();

    @Override
    public StageDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public void validate(StageConfig config) throws ConfigException {
        targets(config);
    }

    private static Map<String, DataType> targets(StageConfig config) throws ConfigException {
        Map<String, Object> table = config.getTable("columns");
        if (table.isEmpty()) {
            throw config.error("columns", "name at least one column to convert, e.g. columns = { amount = \"double\" }");
        }
        return ColumnTypes.read(config, "columns");
    }

    static Schema cast(Schema in, Map<String, DataType> targets) throws ColumnProblem {
        List<Field> fields = new ArrayList<>(in.fields());
        for (Map.Entry<String, DataType> e : targets.entrySet()) {
            int i = ColumnNames.require(in, e.getKey(), "columns", "");
            fields.set(i, new Field(e.getKey(), e.getValue()));
        }
        return new Schema(fields);
    }

    @Override
    public Schema outputSchema(StageConfig config, List<Schema> inputs) throws ConfigException {
        Map<String, DataType> targets = targets(config);
        return ColumnProblem.atCompileTime(config, inputs.get(0), in -> cast(in, targets));
    }

    @Override
    public BatchStream open(StageConfig config, List<BatchStream> inputs, StageContext context) throws Exception {
        Map<String, DataType> targets = targets(config);
        boolean fail = FAIL.equals(config.getString("on_invalid", DEAD_LETTER));
        return new BatchMapping<Schema>(inputs.get(0)) {
            private long rowsBefore;

            @Override
            Schema plan(Schema schema) throws ColumnProblem {
                return cast(schema, targets);
            }

            @Override
            RecordBatch apply(Schema out, RecordBatch batch) throws StageException {
                int n = batch.rowCount();
                String[] errors = new String[n];
                List<Column> cols = new ArrayList<>(batch.columns());
                long base = rowsBefore;
                rowsBefore += n;
                for (int c = 0; c < out.size(); c++) {
                    String name = out.field(c).name();
                    DataType to = out.field(c).type();
                    cols.set(c, ColumnConverter.cast(batch.column(c), to, (row, value, error) -> {
                        String message = "row " + (base + row + 1) + ", column '" + name + "': " + error;
                        if (fail) {
                            throw new StageException(message + " (set on_invalid = \"dead_letter\" to send such rows "
                                    + "to the dead-letter queue instead)");
                        }
                        if (errors[row] == null) {
                            errors[row] = message;
                        }
                    }));
                }
                int[] keep = new int[n];
                int kept = 0;
                for (int r = 0; r < n; r++) {
                    if (errors[r] == null) {
                        keep[kept++] = r;
                    } else {
                        context.reject(batch.row(r), errors[r]);
                    }
                }
                RecordBatch converted = new RecordBatch(out, cols, n);
                return kept == n ? converted : converted.take(keep, kept);
            }
        };
    }
}
