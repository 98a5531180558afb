package com.example.conveyor.template;

import io.conveyor.api.BatchStream;
import io.conveyor.api.OptionSpec;
import io.conveyor.api.RecordBatch;
import io.conveyor.api.RowBatcher;
import io.conveyor.api.SourceFactory;
import io.conveyor.api.StageConfig;
import io.conveyor.api.StageContext;
import io.conveyor.api.StageDescriptor;
import io.conveyor.api.StageKind;
import io.conveyor.api.ConfigException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.osgi.service.component.annotations.Component;

/**
 * Source {@code plugin.template}: generates {@code count} rows {@code {id, name}}, where name
 * is {@code prefix-id}. Replace it with a source that reads your system.
 */
@Component(service = SourceFactory.class, property = {
        "conveyor.plugin=template", "conveyor.stage.kind=source", "conveyor.stage.name=template"})
public final class GeneratedRowsSource implements SourceFactory {
    static final int BATCH_SIZE = 1000;

    private static final StageDescriptor DESCRIPTOR = StageDescriptor.builder(StageKind.SOURCE, "template")
            .description("Generates rows {id, name}; a starting point for your own source.")
            .option(OptionSpec.integer("count").defaultValue(10L).describe("Number of rows to generate"),
                    OptionSpec.string("prefix").defaultValue("row").describe("Text before the id in 'name'"))
            .build();

    @Override
    public StageDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public void validate(StageConfig config) throws ConfigException {
        // Checks the declared options cannot express; the engine reports it at the key's position.
        if (config.getLong("count") < 0) {
            throw config.error("count", "must be 0 or more");
        }
    }

    @Override
    public BatchStream open(StageConfig config, StageContext context) throws Exception {
        long count = config.getLong("count");
        String prefix = config.getString("prefix");
        context.log().debug("generating " + count + " rows");
        return new BatchStream() {
            private long next = 1;

            @Override
            public RecordBatch next() {
                if (next > count || context.isCancelled()) {
                    return null;
                }
                long to = Math.min(count, next + BATCH_SIZE - 1);
                RecordBatch batch = rows(prefix, next, to);
                next = to + 1;
                return batch;
            }
        };
    }

    /**
     * @param prefix text before the id
     * @param from first id
     * @param to last id, inclusive
     * @return rows {@code from..to} as one batch
     */
    static RecordBatch rows(String prefix, long from, long to) {
        RowBatcher batcher = new RowBatcher(BATCH_SIZE);
        RecordBatch full = null;
        for (long id = from; id <= to; id++) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("id", id);
            row.put("name", prefix + "-" + id);
            RecordBatch b = batcher.add(row);
            full = b != null ? b : full;
        }
        RecordBatch rest = batcher.finish();
        return rest != null ? rest : full;
    }
}
