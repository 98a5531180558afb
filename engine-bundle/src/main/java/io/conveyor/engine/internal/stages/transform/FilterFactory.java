package io.conveyor.engine.internal.stages.transform;

import io.conveyor.engine.internal.stages.ColumnNeeds;
import java.util.Set;
import io.conveyor.api.BatchStream;
import io.conveyor.api.Column;
import io.conveyor.api.ConfigException;
import io.conveyor.api.DataType;
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
import io.conveyor.engine.internal.expr.BoundExpression;
import io.conveyor.engine.internal.expr.Expression;
import io.conveyor.engine.internal.stages.SchemaAware;
import java.util.List;

/**
 * {@code transform.filter}: keeps the rows where a condition holds, in order. The condition
 * is an expression ({@code expr}) or the simple {@code column operator value} form.
 */
public final class FilterFactory implements TransformFactory, SchemaAware, ColumnNeeds {
    /** How the expression language reads, for the stages that take expressions. */
    static final String LANGUAGE = "Expressions: literals (42, 1.5, 'it''s', true, false, null, DATE '2024-01-31', "
            + "TIMESTAMP '2024-01-31 13:45:00'), columns (name, or \"a name\" / `a name`), + - * / % "
            + "(/ always divides as double: 7 / 2 = 3.5; % of longs is a long; dividing by zero, or a long overflowing, gives null), "
            + "= == != <> < <= > >=, and or not (SQL three-valued logic with nulls), [not] in (...), "
            + "is [not] null, [not] like ('%' any run, '_' one character), [not] between a and b, "
            + "case when c then v [else e] end, || (concatenation), cast(x as long|double|string|bool|date|timestamp). "
            + "long mixed with double gives double; a value that does not convert gives null. Functions (s a string, x a "
            + "number, d a date or timestamp) -- " + Expression.functionSummary() + ".";
    private static final StageDescriptor DESCRIPTOR = StageDescriptor.builder(StageKind.TRANSFORM, "filter")
            .description("Keeps the rows where a condition holds, in their order; streams. Give either `expr` "
                    + "(e.g. expr = \"amount >= 100 and country in ('US', 'DE')\"; rows where it is false or null "
                    + "are dropped) or `column`/`operator`/`value` (a null never passes a comparison, != included; "
                    + "test it with is_null or not_null). " + LANGUAGE)
            .option(OptionSpec.string("expr")
                            .describe("The condition, an expression of bool type; checked against the input columns "
                                    + "when the pipeline is compiled"),
                    OptionSpec.string("column").describe("Simple form: the column to test"),
                    OptionSpec.string("operator").allowed(ColumnPredicate.OPERATORS.toArray(new String[0]))
                            .describe("Simple form: ==, !=, >, >=, <, <=, contains, starts_with, ends_with, is_null, "
                                    + "not_null or in"),
                    OptionSpec.of("value", OptionType.ANY)
                            .describe("Simple form: what to compare with, converted to the column's type; an array "
                                    + "for `in`; not used by is_null and not_null"))
            .build();

    @Override
    public StageDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public void validate(StageConfig config) throws ConfigException {
        if (config.has("expr")) {
            for (String simple : List.of("column", "operator", "value")) {
                if (config.has(simple)) {
                    throw config.error(simple, "give either 'expr' or 'column'/'operator'/'value', not both; "
                            + "write the whole condition in 'expr'");
                }
            }
            ExpressionOption.parse(config, "expr", config.getString("expr"));
            return;
        }
        if (!config.has("column") && !config.has("operator")) {
            throw config.error(null, "give the condition: expr = \"...\", or column, operator and value");
        }
        for (String simple : List.of("column", "operator")) {
            if (!config.has(simple)) {
                throw config.error(simple, "missing required key '" + simple + "' (the simple form needs column, "
                        + "operator and value; or write the condition as expr = \"...\")");
            }
        }
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
    public Schema outputSchema(StageConfig config, List<Schema> inputs) throws ConfigException {
        Schema in = inputs.isEmpty() ? null : inputs.get(0);
        if (in == null) {
            return null;
        }
        if (config.has("expr")) {
            condition(config, ExpressionOption.parse(config, "expr", config.getString("expr")), in);
            return in;
        }
        String column = config.getString("column");
        int index = in.indexOf(column);
        if (index < 0) {
            throw Suggestions.unknownColumn(config, "column", column, in.names());
        }
        try {
            ColumnPredicate.compile(column, config.getString("operator"), config.get("value"),
                    in.field(index).type());
        } catch (StageException e) {
            throw config.error(config.has("value") ? "value" : "operator", e.getMessage());
        }
        return in;
    }

    /** Binds the expression and checks that it is a condition. */
    private static BoundExpression condition(StageConfig config, ExpressionOption expr, Schema schema)
            throws ConfigException {
        BoundExpression bound = expr.bindCondition(config, schema);
        if (bound.type() != DataType.BOOL) {
            throw expr.error(config, "the filter condition must be true or false, but this expression gives a "
                    + bound.type().id() + "; compare it, e.g. (...) > 0");
        }
        return bound;
    }

    @Override
    public BatchStream open(StageConfig config, List<BatchStream> inputs, StageContext context) throws Exception {
        validate(config);
        BatchStream input = inputs.get(0);
        RowTest test = config.has("expr") ? expressionTest(config) : simpleTest(config);
        return new BatchStream() {
            private int[] rows = new int[0];

            @Override
            public RecordBatch next() throws Exception {
                RecordBatch batch = input.next();
                if (batch == null) {
                    return null;
                }
                int n = batch.rowCount();
                if (rows.length < n) {
                    rows = new int[n];
                }
                int count = test.select(batch, rows);
                return count == n ? batch : batch.take(rows, count);
            }

            @Override
            public void close() throws Exception {
                input.close();
            }
        };
    }

    /** Picks the rows of a batch that pass. */
    private interface RowTest {
        int select(RecordBatch batch, int[] rows) throws StageException;
    }

    private static RowTest expressionTest(StageConfig config) throws ConfigException {
        ExpressionOption expr = ExpressionOption.parse(config, "expr", config.getString("expr"));
        return (batch, rows) -> {
            BoundExpression bound;
            try {
                // Bound once per schema: a source that widens a column's type gets it checked again.
                bound = condition(config, expr, batch.schema());
            } catch (ConfigException e) {
                throw new StageException(e.problem().toString());
            }
            return bound.select(batch, rows);
        };
    }

    private static RowTest simpleTest(StageConfig config) throws ConfigException {
        String column = config.getString("column");
        String operator = config.getString("operator");
        Object value = config.get("value");
        return new RowTest() {
            private DataType compiledFor;
            private ColumnPredicate predicate;
            private boolean[] keep = new boolean[0];

            @Override
            public int select(RecordBatch batch, int[] rows) throws StageException {
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
                }
                predicate.test(col, keep);
                int count = 0;
                for (int i = 0; i < n; i++) {
                    if (keep[i]) {
                        rows[count++] = i;
                    }
                }
                return count;
            }
        };
    }

    /** Reads what its readers use and the columns of its condition. */
    @Override
    public List<Set<String>> inputColumns(StageConfig config, List<Schema> inputs, Set<String> needed)
            throws ConfigException {
        Set<String> read = new java.util.LinkedHashSet<>(needed);
        if (config.has("expr")) {
            read.addAll(ExpressionOption.parse(config, "expr", config.getString("expr")).expression().columns());
        } else {
            read.add(config.getString("column"));
        }
        return List.of(read);
    }
}
