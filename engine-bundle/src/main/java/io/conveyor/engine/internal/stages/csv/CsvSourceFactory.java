package io.conveyor.engine.internal.stages.csv;

import io.conveyor.api.BatchStream;
import io.conveyor.api.ConfigException;
import io.conveyor.api.DataType;
import io.conveyor.api.OptionSpec;
import io.conveyor.api.Schema;
import io.conveyor.api.SourceFactory;
import io.conveyor.api.StageConfig;
import io.conveyor.api.StageContext;
import io.conveyor.api.StageDescriptor;
import io.conveyor.engine.internal.stages.ColumnTypes;
import io.conveyor.api.StageKind;
import io.conveyor.engine.internal.stages.SchemaAware;
import io.conveyor.engine.internal.stages.SchemaSample;
import io.conveyor.engine.internal.stages.SourceColumns;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** {@code source.csv}: reads one CSV file, or every file a glob matches, in name order. */
public final class CsvSourceFactory implements SourceFactory, SchemaAware {
    static final StageDescriptor DESCRIPTOR = StageDescriptor.builder(StageKind.SOURCE, "csv")
            .description("Reads CSV files as a stream of batches, in bounded memory. Rows with the wrong number "
                    + "of fields are rejected to the dead-letter queue.")
            .option(OptionSpec.string("path").required()
                            .describe("File to read, relative to the pipeline file; a glob such as data/*.csv reads every "
                                    + "matching file in name order (they must share a header)"),
                    OptionSpec.bool("has_header").defaultValue(true)
                            .describe("The first line holds column names; without it columns are column_1, column_2, ..."),
                    OptionSpec.string("delimiter").defaultValue(",").describe("Field separator, one character"),
                    OptionSpec.string("quote").defaultValue("\"")
                            .describe("Quote character, one character; doubled inside a quoted field"),
                    OptionSpec.array("null_values").defaultValue(List.of())
                            .describe("Unquoted field texts read as null, e.g. [\"\", \"NA\"]; by default nothing is null "
                                    + "and an empty field is an empty string"),
                    OptionSpec.integer("batch_size").defaultValue(8192L).describe("Rows per batch"),
                    OptionSpec.bool("infer_schema").defaultValue(true)
                            .describe("Type columns as long, double, bool or string from their values, widening across "
                                    + "batches; false reads every column as string"),
                    OptionSpec.array("columns")
                            .describe("Read only these columns (by header name), in file order; the others are not "
                                    + "converted. Set by the compiler when later stages use only some columns"),
                    OptionSpec.table("schema")
                            .describe("Column name to type (bool, long, double, string, timestamp, date, json) for columns "
                                    + "whose type is known; a value that does not convert rejects its row"))
            .build();

    @Override
    public StageDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public void validate(StageConfig config) throws ConfigException {
        CsvOptions.singleChar(config, "delimiter", ",");
        CsvOptions.singleChar(config, "quote", "\"");
        if (config.getLong("batch_size", 8192) < 1) {
            throw config.error("batch_size", "must be at least 1");
        }
        for (Object v : config.getList("null_values")) {
            if (!(v instanceof String)) {
                throw config.error("null_values", "must be an array of strings; found " + v);
            }
        }
        Map<String, DataType> declared = schema(config);
        List<String> columns = SourceColumns.read(config);
        if (columns != null) {
            for (String d : declared.keySet()) {
                if (!columns.contains(d)) {
                    throw config.error("schema", "column '" + d + "' has a type but option `columns` leaves it out; "
                            + "add it to `columns` or remove it from `schema`");
                }
            }
        }
    }

    /** @return the declared column types of option {@code schema} */
    static Map<String, DataType> schema(StageConfig config) throws ConfigException {
        return ColumnTypes.read(config, "schema");
    }

    @Override
    public BatchStream open(StageConfig config, StageContext context) throws Exception {
        return open(config, context, (int) config.getLong("batch_size", 8192));
    }

    private static BatchStream open(StageConfig config, StageContext context, int batchSize) throws Exception {
        return open(config, context, batchSize, SourceColumns.read(config), false);
    }

    private static BatchStream open(StageConfig config, StageContext context, int batchSize, List<String> columns,
                                    boolean sampling) throws Exception {
        Set<String> nulls = new HashSet<>(config.getStringList("null_values"));
        return new CsvSource(config.getPath("path"), config.getBool("has_header", true),
                CsvOptions.singleChar(config, "delimiter", ","), CsvOptions.singleChar(config, "quote", "\""),
                nulls, batchSize, config.getBool("infer_schema", true), schema(config), columns, context, sampling);
    }

    /**
     * The header names the columns; their types are those of the first rows (at most
     * {@link SchemaSample#ROWS}), as the first batch of the run types them. A later batch may
     * still widen a type (long, then double, then string); the stages downstream check again
     * then. A file that cannot be read now gives an unknown schema; the run reports why.
     */
    @Override
    public Schema outputSchema(StageConfig config, List<Schema> inputs) throws ConfigException {
        int rows = (int) Math.min(SchemaSample.ROWS, Math.max(1, config.getLong("batch_size", 8192)));
        Schema all = SchemaSample.firstBatch(context -> open(config, context, rows, null, true), false);
        return all == null ? null : SourceColumns.narrow(config, all, SourceColumns.read(config));
    }

    /**
     * Reads CSV from a stream instead of {@code path} (for {@code source.stdin}), with this
     * stage's other options, which {@code config} must declare.
     *
     * @param in the stream, closed when the returned stream is
     * @param name what messages call it, e.g. {@code stdin}
     * @param config a config declaring this factory's options except {@code path}
     * @param context the stage's context
     * @return the stream of batches
     * @throws ConfigException if an option is invalid
     */
    public static BatchStream open(java.io.InputStream in, String name, StageConfig config, StageContext context)
            throws ConfigException {
        Set<String> nulls = new HashSet<>(config.getStringList("null_values"));
        return new CsvSource(in, name, config.getBool("has_header", true),
                CsvOptions.singleChar(config, "delimiter", ","), CsvOptions.singleChar(config, "quote", "\""),
                nulls, (int) config.getLong("batch_size", 8192), config.getBool("infer_schema", true),
                schema(config), SourceColumns.read(config), context);
    }
}
