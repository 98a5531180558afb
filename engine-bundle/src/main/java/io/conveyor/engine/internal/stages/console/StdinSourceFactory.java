package io.conveyor.engine.internal.stages.console;

import io.conveyor.api.BatchStream;
import io.conveyor.api.ConfigException;
import io.conveyor.api.DataType;
import io.conveyor.api.Field;
import io.conveyor.api.OptionSpec;
import io.conveyor.api.RecordBatch;
import io.conveyor.api.Schema;
import io.conveyor.api.SourceFactory;
import io.conveyor.api.StageConfig;
import io.conveyor.api.StageContext;
import io.conveyor.api.StageDescriptor;
import io.conveyor.api.StageException;
import io.conveyor.api.StageKind;
import io.conveyor.engine.internal.stages.SchemaAware;
import io.conveyor.engine.internal.stages.SourceColumns;
import io.conveyor.engine.internal.stages.csv.CsvSourceFactory;
import io.conveyor.engine.internal.stages.json.JsonSourceFactory;
import java.io.FilterInputStream;
import java.io.InputStream;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * {@code source.stdin}: reads standard input as JSON, JSON lines, CSV (with the CSV and JSON
 * sources' own readers and options) or raw lines.
 */
public final class StdinSourceFactory implements SourceFactory, SchemaAware {
    static final String NAME = "stdin";
    private static final CsvSourceFactory CSV = new CsvSourceFactory();
    private static final StageDescriptor DESCRIPTOR = descriptor(CSV.descriptor());
    private final Supplier<InputStream> in;
    /** The stage reading now, or null: two stages splitting one input stream would each get a random part. */
    private final AtomicReference<String> reader = new AtomicReference<>();

    /** Reads {@code System.in} as it is when the stage opens; the run never closes it. */
    public StdinSourceFactory() {
        this(() -> new FilterInputStream(System.in) {
            @Override
            public void close() {
                // Standard input belongs to the process, not to one run.
            }
        });
    }

    /** @param in gives the stream to read when a stage opens (tests pass their own) */
    public StdinSourceFactory(Supplier<InputStream> in) {
        this.in = in;
    }

    /** The CSV options are source.csv's own (all but path), so both read CSV alike. */
    private static StageDescriptor descriptor(StageDescriptor csv) {
        StageDescriptor.Builder b = StageDescriptor.builder(StageKind.SOURCE, NAME)
                .description("Reads rows from standard input, streaming: format json (one array of objects), jsonl "
                        + "(one object per line), csv (with source.csv's options) or raw (one string column 'line' "
                        + "per input line, empty lines kept). Bad JSON lines and CSV rows with the wrong number of "
                        + "fields go to the dead-letter queue. Only one stage can read stdin at a time; a second one "
                        + "fails at start.")
                .option(OptionSpec.string("format").required().allowed("json", "jsonl", "csv", "raw")
                        .describe("json: a JSON array of objects; jsonl: one JSON object per line; csv: CSV text; "
                                + "raw: each line as the string column 'line'"));
        for (OptionSpec o : csv.options()) {
            if (o.name().equals(SourceColumns.KEY)) {
                b.option(o.describe("format csv, json or jsonl: read only these columns (csv: by header name, in "
                        + "file order; json: top-level keys, in the order they first appear); the others are not "
                        + "converted. A name no record has is an error at the end of the input"));
            } else if (!o.name().equals("path")) {
                b.option(o.name().equals("batch_size") ? o : o.describe("format csv: " + o.description()));
            }
        }
        return b.build();
    }

    @Override
    public StageDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public void validate(StageConfig config) throws ConfigException {
        String format = config.getString("format");
        if (!format.equals("csv")) {
            boolean json = format.equals("json") || format.equals("jsonl");
            for (String key : config.keys()) {
                if (key.equals(SourceColumns.KEY) && !json) {
                    throw config.error(key, "applies to formats \"csv\", \"json\" and \"jsonl\" only; this stage "
                            + "reads format \"" + format + "\", whose one column is 'line'");
                }
                if (!key.equals("format") && !key.equals("batch_size") && !key.equals(SourceColumns.KEY)) {
                    throw config.error(key, "applies to format \"csv\" only; this stage reads format \"" + format
                            + "\"");
                }
            }
        }
        CSV.validate(config);
    }

    @Override
    public Schema outputSchema(StageConfig config, List<Schema> inputs) throws ConfigException {
        return config.getString("format").equals("raw") ? Schema.of(new Field(RawLineSource.COLUMN, DataType.STRING))
                : null;
    }

    @Override
    public BatchStream open(StageConfig config, StageContext context) throws Exception {
        int batchSize = (int) config.getLong("batch_size", 8192);
        if (!reader.compareAndSet(null, context.stageId())) {
            throw new StageException("stage '" + reader.get() + "' already reads standard input; only one stage can, "
                    + "so read it once and give that stage's output to every stage that needs it");
        }
        BatchStream source;
        try {
            InputStream stream = in.get();
            switch (config.getString("format")) {
                case "csv": source = CsvSourceFactory.open(stream, NAME, config, context); break;
                case "raw": source = new RawLineSource(stream, batchSize, context); break;
                default: source = JsonSourceFactory.open(stream, NAME, config.getString("format").equals("jsonl"),
                        batchSize, SourceColumns.read(config), context);
            }
        } catch (ConfigException | RuntimeException e) {
            reader.set(null);
            throw e;
        }
        return new BatchStream() {
            @Override
            public RecordBatch next() throws Exception {
                return source.next();
            }

            @Override
            public void close() throws Exception {
                try {
                    source.close();
                } finally {
                    reader.set(null);
                }
            }
        };
    }
}
