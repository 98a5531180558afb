package io.conveyor.engine.internal.stages.transform;

import io.conveyor.engine.internal.stages.ColumnNeeds;
import io.conveyor.api.BatchStream;
import io.conveyor.api.ConfigException;
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
import io.conveyor.engine.internal.config.Suggestions;
import io.conveyor.engine.internal.stages.SchemaAware;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** {@code transform.select}: keeps the named columns, in the order named. */
public final class SelectFactory implements TransformFactory, SchemaAware, ColumnNeeds {
    private static final StageDescriptor DESCRIPTOR = StageDescriptor.builder(StageKind.TRANSFORM, "select")
            .description("Keeps the named columns, in the order given, and drops the others. Streams.")
            .option(OptionSpec.array("columns").required().describe("Column names to keep, in output order"))
            .build();

    @Override
    public StageDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public void validate(StageConfig config) throws ConfigException {
        List<String> columns = config.getStringList("columns");
        if (columns.isEmpty()) {
            throw config.error("columns", "name at least one column to keep");
        }
        Set<String> seen = new HashSet<>();
        for (String c : columns) {
            if (!seen.add(c)) {
                throw config.error("columns", "column '" + c + "' is named twice");
            }
        }
    }

    @Override
    public Schema outputSchema(StageConfig config, List<Schema> inputs) throws ConfigException {
        Schema in = inputs.isEmpty() ? null : inputs.get(0);
        if (in == null) {
            return null;
        }
        List<Field> fields = new ArrayList<>();
        for (String c : config.getStringList("columns")) {
            int i = in.indexOf(c);
            if (i < 0) {
                throw Suggestions.unknownColumn(config, "columns", c, in.names());
            }
            fields.add(in.field(i));
        }
        return new Schema(fields);
    }

    /**
     * @param column a column a stage needs
     * @param batch the batch that lacks it
     * @return the error naming it and the columns there are
     */
    static StageException noColumn(String column, RecordBatch batch) {
        return new StageException("column '" + column + "' not found; available columns: "
                + String.join(", ", batch.schema().names()));
    }

    @Override
    public BatchStream open(StageConfig config, List<BatchStream> inputs, StageContext context) throws Exception {
        List<String> columns = config.getStringList("columns");
        BatchStream input = inputs.get(0);
        return new BatchStream() {
            @Override
            public RecordBatch next() throws Exception {
                RecordBatch batch = input.next();
                if (batch == null) {
                    return null;
                }
                for (String c : columns) {
                    if (batch.schema().indexOf(c) < 0) {
                        throw noColumn(c, batch);
                    }
                }
                return batch.select(columns);
            }

            @Override
            public void close() throws Exception {
                input.close();
            }
        };
    }

    /** Reads every column it lists. */
    @Override
    public List<Set<String>> inputColumns(StageConfig config, List<Schema> inputs, Set<String> needed)
            throws ConfigException {
        // Every column it lists, used later or not: a select fails on a column its input lacks.
        return List.of(new java.util.LinkedHashSet<>(config.getStringList("columns")));
    }
}
