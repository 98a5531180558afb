package io.conveyor.engine.internal.stages.csv;

import io.conveyor.api.ConfigException;
import io.conveyor.api.OptionSpec;
import io.conveyor.api.RecordBatch;
import io.conveyor.api.SinkFactory;
import io.conveyor.api.SinkWriter;
import io.conveyor.api.StageConfig;
import io.conveyor.api.StageContext;
import io.conveyor.api.StageDescriptor;
import io.conveyor.api.StageKind;
import io.conveyor.engine.internal.stages.file.AtomicFileOutput;

/** {@code sink.csv}: writes its inputs, in {@code inputs} order, to one CSV file, replaced only on success. */
public final class CsvSinkFactory implements SinkFactory {
    private static final StageDescriptor DESCRIPTOR = StageDescriptor.builder(StageKind.SINK, "csv")
            .description("Writes rows to a CSV file. The file is written under a temporary name and moved into place "
                    + "when the run succeeds, so a failed run never leaves a partial file.")
            .option(OptionSpec.string("path").required().describe("Output file, relative to the pipeline file"),
                    OptionSpec.string("delimiter").defaultValue(",").describe("Field separator, one character"),
                    OptionSpec.bool("header").defaultValue(true).describe("Write the column names as the first line"))
            .build();

    @Override
    public StageDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public void validate(StageConfig config) throws ConfigException {
        CsvOptions.singleChar(config, "delimiter", ",");
    }

    @Override
    public SinkWriter open(StageConfig config, StageContext context) throws Exception {
        char delimiter = CsvOptions.singleChar(config, "delimiter", ",");
        boolean header = config.getBool("header", true);
        AtomicFileOutput file = new AtomicFileOutput(config.getPath("path"), context);
        CsvTextWriter csv = new CsvTextWriter(file.stream(), delimiter, header);
        return new SinkWriter() {
            @Override
            public void write(RecordBatch batch) throws Exception {
                csv.write(batch);
                file.reportBytes();
            }

            @Override
            public void commit() throws Exception {
                file.commit();
            }

            @Override
            public void abort() {
                file.abort();
            }
        };
    }
}
