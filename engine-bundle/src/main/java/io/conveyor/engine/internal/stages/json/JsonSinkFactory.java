package io.conveyor.engine.internal.stages.json;

import io.conveyor.api.OptionSpec;
import io.conveyor.api.RecordBatch;
import io.conveyor.api.SinkFactory;
import io.conveyor.api.SinkWriter;
import io.conveyor.api.StageConfig;
import io.conveyor.api.StageContext;
import io.conveyor.api.StageDescriptor;
import io.conveyor.api.StageKind;
import io.conveyor.engine.internal.stages.file.AtomicFileOutput;

/** {@code sink.json}: writes its inputs, in {@code inputs} order, as a JSON array or JSON lines. */
public final class JsonSinkFactory implements SinkFactory {
    private static final StageDescriptor DESCRIPTOR = StageDescriptor.builder(StageKind.SINK, "json")
            .description("Writes rows as JSON objects to a file. The file is written under a temporary name and "
                    + "moved into place when the run succeeds, so a failed run never leaves a partial file.")
            .option(OptionSpec.string("path").required().describe("Output file, relative to the pipeline file"),
                    OptionSpec.string("format").defaultValue("records").allowed("records", "jsonl")
                            .describe("records: one JSON array of objects; jsonl: one object per line"),
                    OptionSpec.bool("pretty").defaultValue(false)
                            .describe("Indent records by two spaces (records format only)"))
            .build();

    @Override
    public StageDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public SinkWriter open(StageConfig config, StageContext context) throws Exception {
        boolean jsonLines = config.getString("format", "records").equals("jsonl");
        AtomicFileOutput file = new AtomicFileOutput(config.getPath("path"), context);
        JsonRowWriter json = new JsonRowWriter(file.writer(), jsonLines, config.getBool("pretty", false));
        return new SinkWriter() {
            @Override
            public void write(RecordBatch batch) throws Exception {
                json.write(batch);
                file.reportBytes();
            }

            @Override
            public void commit() throws Exception {
                json.finish();
                file.commit();
            }

            @Override
            public void abort() {
                file.abort();
            }
        };
    }
}
