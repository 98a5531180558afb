package io.conveyor.engine.internal.stages.transform.validate;

import io.conveyor.api.BatchStream;
import io.conveyor.api.Column;
import io.conveyor.api.ConfigException;
import io.conveyor.api.OptionSpec;
import io.conveyor.api.RecordBatch;
import io.conveyor.api.Schema;
import io.conveyor.api.StageConfig;
import io.conveyor.api.StageContext;
import io.conveyor.api.StageDescriptor;
import io.conveyor.api.StageKind;
import io.conveyor.api.TransformFactory;
import io.conveyor.api.Values;
import io.conveyor.engine.internal.stages.SchemaAware;
import io.conveyor.engine.internal.stages.transform.InvalidRows;
import io.conveyor.engine.internal.stages.transform.MappedStream;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code transform.validate}: checks every row against a list of column rules and passes on
 * the rows that satisfy them all, in order; the others go to the dead-letter queue with the
 * column, the rule and the value, or stop the stage ({@code on_invalid = "fail"}).
 */
public final class ValidateFactory implements TransformFactory, SchemaAware {
    private static final StageDescriptor DESCRIPTOR = StageDescriptor.builder(StageKind.TRANSFORM, "validate")
            .description("Checks each row against column rules and passes on the rows that satisfy all of them, in "
                    + "order; a failing row goes to the dead-letter queue with the column, rule and value (or stops "
                    + "the stage, see on_invalid). Rules are written "
                    + "rules = [{ column = \"id\", not_null = true, unique = true }, "
                    + "{ column = \"tier\", allowed = [\"gold\", \"silver\"] }, "
                    + "{ column = \"email\", pattern = \"[^@]+@[^@]+\" }, { column = \"age\", type = \"long\", "
                    + "min = 0, max = 150 }]. Streams; a unique rule holds every distinct value it has passed.")
            .option(OptionSpec.array("rules").required()
                            .describe("One table per column to check. Keys: column (required); required (default "
                                    + "true: the column must exist); not_null; unique (no value twice in the whole "
                                    + "input; nulls are not compared); type (the value converts to bool, long, double, "
                                    + "string, timestamp, date or json without loss; checks, does not convert); "
                                    + "allowed (array of values); pattern (a Java regular expression the whole value "
                                    + "must match); min, max (inclusive numeric bounds). Checks other than required "
                                    + "and not_null let a null pass."),
                    InvalidRows.OPTION)
            .build();

    @Override
    public StageDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public void validate(StageConfig config) throws ConfigException {
        rules(config);
    }

    private static List<ValidationRule> rules(StageConfig config) throws ConfigException {
        List<Object> written = config.getList("rules");
        if (written.isEmpty()) {
            throw config.error("rules", "name at least one rule, e.g. rules = [{ column = \"id\", not_null = true }]");
        }
        List<ValidationRule> rules = new ArrayList<>();
        for (int i = 0; i < written.size(); i++) {
            rules.add(ValidationRule.parse(config, i, written.get(i)));
        }
        return rules;
    }

    @Override
    public Schema outputSchema(StageConfig config, List<Schema> inputs) throws ConfigException {
        Schema in = inputs.get(0);
        if (in != null) {
            List<ValidationRule> rules = rules(config);
            for (int i = 0; i < rules.size(); i++) {
                ValidationRule rule = rules.get(i);
                if (rule.required && in.indexOf(rule.column) < 0) {
                    throw config.error("rules[" + i + "].column", "column '" + rule.column + "' is not in the input "
                            + "(columns: " + String.join(", ", in.names()) + "); every row would fail; fix the name, "
                            + "or set required = false if the column may be absent");
                }
            }
        }
        return in;
    }

    @Override
    public BatchStream open(StageConfig config, List<BatchStream> inputs, StageContext context) throws Exception {
        List<ValidationRule> rules = rules(config);
        List<ValidationRule> unique = rules.stream().filter(r -> r.unique).toList();
        InvalidRows invalid = InvalidRows.of(config, context);
        BatchStream input = inputs.get(0);
        return new MappedStream(input, batch -> {
            int n = batch.rowCount();
            invalid.start(n);
            for (ValidationRule rule : rules) {
                rule.check(batch.column(rule.column), n, invalid);
            }
            if (!unique.isEmpty()) {
                checkUnique(batch, unique, invalid);
            }
            return invalid.finish(batch, batch);
        });
    }

    /**
     * Row by row, after the other rules: a row is tested against the values of the rows passed
     * before it, and only a row that passes everything is remembered, so a rejected row never
     * makes a later good row with the same value fail. A row that another rule rejected is tested
     * too, so that its record names every rule it fails.
     */
    private static void checkUnique(RecordBatch batch, List<ValidationRule> unique, InvalidRows invalid) {
        Column[] cols = new Column[unique.size()];
        for (int u = 0; u < cols.length; u++) {
            cols[u] = batch.column(unique.get(u).column);
        }
        String[] keys = new String[cols.length];
        for (int r = 0; r < batch.rowCount(); r++) {
            boolean rejected = invalid.isInvalid(r);
            for (int u = 0; u < cols.length; u++) {
                keys[u] = cols[u] == null || cols[u].isNull(r) ? null : Values.toText(cols[u].get(r));
                if (keys[u] != null && unique.get(u).seenBefore(keys[u])) {
                    invalid.mark(r, "column '" + unique.get(u).column + "' fails rule 'unique': "
                            + InvalidRows.quote(keys[u]) + " was seen in an earlier row");
                    rejected = true;
                }
            }
            if (!rejected) {
                for (int u = 0; u < cols.length; u++) {
                    if (keys[u] != null) {
                        unique.get(u).remember(keys[u]);
                    }
                }
            }
        }
    }
}
