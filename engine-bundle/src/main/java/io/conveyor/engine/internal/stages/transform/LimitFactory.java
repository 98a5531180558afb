package io.conveyor.engine.internal.stages.transform;

import io.conveyor.engine.internal.stages.ColumnNeeds;
import java.util.Set;
import io.conveyor.api.BatchStream;
import io.conveyor.api.ConfigException;
import io.conveyor.api.OptionSpec;
import io.conveyor.api.RecordBatch;
import io.conveyor.api.Schema;
import io.conveyor.api.StageConfig;
import io.conveyor.api.StageContext;
import io.conveyor.api.StageDescriptor;
import io.conveyor.api.StageKind;
import io.conveyor.api.TransformFactory;
import io.conveyor.engine.internal.stages.SchemaAware;
import java.util.List;

/** {@code transform.limit}: passes at most {@code count} rows, after skipping {@code offset}. */
public final class LimitFactory implements TransformFactory, SchemaAware, ColumnNeeds {
    private static final StageDescriptor DESCRIPTOR = StageDescriptor.builder(StageKind.TRANSFORM, "limit")
            .description("Passes the first `count` rows after skipping `offset` rows, in order. Streams, and stops "
                    + "reading its input as soon as it has them.")
            .option(OptionSpec.integer("count").required().describe("How many rows to pass, 0 or more"),
                    OptionSpec.integer("offset").defaultValue(0L).describe("How many rows to skip first"))
            .build();

    @Override
    public StageDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public void validate(StageConfig config) throws ConfigException {
        if (config.getLong("count") < 0) {
            throw config.error("count", "must be 0 or more; found " + config.getLong("count"));
        }
        if (config.getLong("offset", 0) < 0) {
            throw config.error("offset", "must be 0 or more; found " + config.getLong("offset", 0));
        }
    }

    @Override
    public Schema outputSchema(StageConfig config, List<Schema> inputs) {
        return inputs.get(0);
    }

    @Override
    public BatchStream open(StageConfig config, List<BatchStream> inputs, StageContext context) throws Exception {
        validate(config);
        long count = config.getLong("count");
        long offset = config.getLong("offset", 0);
        BatchStream input = inputs.get(0);
        return new BatchStream() {
            private long skip = offset;
            private long left = count;
            /** Whether a batch went out; if none would, one without rows does, so sinks know the columns. */
            private boolean emitted;
            /** The last batch read whose rows were all skipped, for its columns. */
            private RecordBatch skipped;

            @Override
            public RecordBatch next() throws Exception {
                while (left > 0) {
                    RecordBatch batch = input.next();
                    if (batch == null) {
                        return noRows();
                    }
                    int n = batch.rowCount();
                    int from = (int) Math.min(skip, n);
                    skip -= from;
                    int to = (int) Math.min(n, from + left);
                    if (to > from) {
                        left -= to - from;
                        emitted = true;
                        return from == 0 && to == n ? batch : batch.slice(from, to);
                    }
                    skipped = batch;
                }
                return noRows();
            }

            /**
             * The end, after one batch without rows if no row passed (count = 0, or an offset past
             * the end): a CSV sink then still writes its header line, as after a filter that keeps
             * no row, and a table shows its columns.
             */
            private RecordBatch noRows() throws Exception {
                if (emitted) {
                    return null;
                }
                emitted = true;
                RecordBatch columns = skipped != null ? skipped : input.next();
                return columns == null ? null : columns.slice(0, 0);
            }

            @Override
            public void close() throws Exception {
                input.close();
            }
        };
    }

    /** Reads what its readers use. */
    @Override
    public List<Set<String>> inputColumns(StageConfig config, List<Schema> inputs, Set<String> needed) {
        return List.of(needed);
    }
}
