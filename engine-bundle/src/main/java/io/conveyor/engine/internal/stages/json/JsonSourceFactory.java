package io.conveyor.engine.internal.stages.json;

import io.conveyor.api.BatchStream;
import io.conveyor.api.ConfigException;
import io.conveyor.api.OptionSpec;
import io.conveyor.api.Schema;
import io.conveyor.api.SourceFactory;
import io.conveyor.api.StageConfig;
import io.conveyor.api.StageContext;
import io.conveyor.api.StageDescriptor;
import io.conveyor.api.StageKind;
import io.conveyor.engine.internal.stages.SchemaAware;
import io.conveyor.engine.internal.stages.SchemaSample;
import io.conveyor.engine.internal.stages.SourceColumns;
import java.util.List;

/** {@code source.json}: reads a JSON array of objects or JSON lines, streaming, one file or a glob. */
public final class JsonSourceFactory implements SourceFactory, SchemaAware {
    private static final StageDescriptor DESCRIPTOR = StageDescriptor.builder(StageKind.SOURCE, "json")
            .description("Reads JSON objects as rows, streaming, with column types inferred and widened across "
                    + "batches (nested objects and arrays become json columns). A bad JSON line is rejected to the "
                    + "dead-letter queue.")
            .option(OptionSpec.string("path").required()
                            .describe("File to read, relative to the pipeline file; a glob reads every matching file "
                                    + "in name order"),
                    OptionSpec.string("format").allowed("records", "jsonl")
                            .describe("records: one JSON array of objects; jsonl: one object per line. Default: jsonl "
                                    + "for .jsonl and .ndjson files, records otherwise"),
                    OptionSpec.integer("batch_size").defaultValue(8192L).describe("Rows per batch"),
                    OptionSpec.array(SourceColumns.KEY)
                            .describe("Read only these top-level keys as columns, in the order they first appear; "
                                    + "the values of the others are skipped, not converted. A name that is in no "
                                    + "record is an error"))
            .build();

    @Override
    public StageDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public void validate(StageConfig config) throws ConfigException {
        if (config.getLong("batch_size", 8192) < 1) {
            throw config.error("batch_size", "must be at least 1");
        }
        SourceColumns.read(config);
    }

    @Override
    public BatchStream open(StageConfig config, StageContext context) throws Exception {
        return new JsonSource(config.getPath("path"), config.getString("format", null),
                (int) config.getLong("batch_size", 8192), SourceColumns.read(config), context);
    }

    /**
     * Known only when the whole input fits in one sample of {@link SchemaSample#ROWS} records:
     * a later record may add a column, so the first records of a longer input do not settle
     * the schema. Unknown (null) otherwise, and when the file cannot be read now. JSON lines
     * input of more lines than that is known to be longer by counting its lines, without
     * parsing a sample that could not settle anything.
     *
     * <p>With option {@code columns}, the sample reads every key, so that a named key in none
     * of the records is reported here, with the keys there are and the nearest one.
     */
    @Override
    public Schema outputSchema(StageConfig config, List<Schema> inputs) throws ConfigException {
        try {
            if (JsonSource.linesBeyond(config.getPath("path"), config.getString("format", null), SchemaSample.ROWS)) {
                return null;
            }
        } catch (ConfigException e) {
            return null;
        }
        Schema all = SchemaSample.firstBatch(context -> new JsonSource(config.getPath("path"),
                config.getString("format", null), SchemaSample.ROWS, null, context), true);
        return all == null ? null : SourceColumns.narrow(config, all, SourceColumns.read(config));
    }

    /**
     * Reads JSON from a stream instead of {@code path} (for {@code source.stdin}).
     *
     * @param in the stream, closed when the returned stream is
     * @param name what messages call it, e.g. {@code stdin}
     * @param jsonLines true for one object per line, false for one array of objects
     * @param batchSize rows per batch
     * @param context the stage's context
     * @return the stream of batches
     */
    public static BatchStream open(java.io.InputStream in, String name, boolean jsonLines, int batchSize,
                                   List<String> columns, StageContext context) {
        return new JsonSource(in, name, jsonLines ? "jsonl" : "records", batchSize, columns, context);
    }
}
