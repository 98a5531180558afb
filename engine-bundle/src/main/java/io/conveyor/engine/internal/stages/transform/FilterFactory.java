package io.conveyor.engine.internal.stages.transform;

import io.conveyor.api.BatchStream;
import io.conveyor.api.Column;
import io.conveyor.api.ConfigException;
import io.conveyor.api.DataType;
import io.conveyor.api.OptionSpec;
import io.conveyor.api.OptionType;
import io.conveyor.api.RecordBatch;
import io.conveyor.api.StageConfig;
import io.conveyor.api.StageContext;
import io.conveyor.api.StageDescriptor;
import io.conveyor.api.StageKind;
import io.conveyor.api.TransformFactory;
import java.util.List;

/** {@code transform.filter}: keeps the rows where {@code column operator value} holds, in order. */
public final class FilterFactory implements TransformFactory {
    private static final StageDescriptor DESCRIPTOR = StageDescriptor.builder(StageKind.TRANSFORM, "filter")
            .description("Keeps the rows where `column operator value` holds, in their order. A null value never "
                    + "passes a comparison (!= included); test it with is_null or not_null. Streams.")
            .option(OptionSpec.string("column").required().describe("The column to test"),
                    OptionSpec.string("operator").required().allowed(ColumnPredicate.OPERATORS.toArray(new String[0]))
                            .describe("==, !=, >, >=, <, <=, contains, starts_with, ends_with, is_null, not_null or in"),
                    OptionSpec.of("value", OptionType.ANY)
                            .describe("What to compare with, converted to the column's type; an array for `in`; "
                                    + "not used by is_null and not_null"))
            .build();

    @Override
    public StageDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public void validate(StageConfig config) throws ConfigException {
        String op = config.getString("operator");
        if (!ColumnPredicate.OPERATORS.contains(op)) {
            throw config.error("operator", "unknown operator '" + op + "'; use one of "
                    + String.join(", ", ColumnPredicate.OPERATORS));
        }
        boolean nullTest = op.equals("is_null") || op.equals("not_null");
        Object value = config.get("value");
        if (nullTest && value != null) {
            throw config.error("value", "operator '" + op + "' takes no value; remove 'value'");
        }
        if (!nullTest && value == null) {
            throw config.error("value", "operator '" + op + "' needs a value to compare with");
        }
        if (op.equals("in") != (value instanceof List)) {
            throw config.error("value", op.equals("in") ? "operator 'in' needs an array, e.g. value = [\"a\", \"b\"]"
                    : "operator '" + op + "' compares with a single value, not an array; use operator 'in' for a list");
        }
        if (value instanceof java.util.Map) {
            throw config.error("value", "must be a string, number, boolean or date, not a table");
        }
    }

    @Override
    public BatchStream open(StageConfig config, List<BatchStream> inputs, StageContext context) throws Exception {
        validate(config);
        String column = config.getString("column");
        String operator = config.getString("operator");
        Object value = config.get("value");
        BatchStream input = inputs.get(0);
        return new BatchStream() {
            private DataType compiledFor;
            private ColumnPredicate predicate;
            private boolean[] keep = new boolean[0];
            private int[] rows = new int[0];

            @Override
            public RecordBatch next() throws Exception {
                RecordBatch batch = input.next();
                if (batch == null) {
                    return null;
                }
                Column col = batch.column(column);
                if (col == null) {
                    throw SelectFactory.noColumn(column, batch);
                }
                if (col.type() != compiledFor) {
                    // Compiled again only when a source widened the column's type.
                    predicate = ColumnPredicate.compile(column, operator, value, col.type());
                    compiledFor = col.type();
                }
                int n = batch.rowCount();
                if (keep.length < n) {
                    keep = new boolean[n];
                    rows = new int[n];
                }
                predicate.test(col, keep);
                int count = 0;
                for (int i = 0; i < n; i++) {
                    if (keep[i]) {
                        rows[count++] = i;
                    }
                }
                return count == n ? batch : batch.take(rows, count);
            }

            @Override
            public void close() throws Exception {
                input.close();
            }
        };
    }
}
