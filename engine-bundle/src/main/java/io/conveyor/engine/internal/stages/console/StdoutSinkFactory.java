package io.conveyor.engine.internal.stages.console;

import io.conveyor.api.Column;
import io.conveyor.api.ConfigException;
import io.conveyor.api.DataType;
import io.conveyor.api.Field;
import io.conveyor.api.OptionSpec;
import io.conveyor.api.RecordBatch;
import io.conveyor.api.SinkFactory;
import io.conveyor.api.SinkWriter;
import io.conveyor.api.StageConfig;
import io.conveyor.api.StageContext;
import io.conveyor.api.StageDescriptor;
import io.conveyor.api.StageKind;
import io.conveyor.api.output.WholeNumbers;
import io.conveyor.engine.internal.stages.csv.CsvTextWriter;
import io.conveyor.engine.internal.stages.json.JsonRowWriter;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code sink.stdout}: prints rows on standard output, the only stage that writes there.
 * {@code table} holds up to {@value #TABLE_ROWS} rows to size its columns and prints them as
 * one table; a longer input is printed as several tables, so memory stays bounded.
 */
public final class StdoutSinkFactory implements SinkFactory {
    static final int TABLE_ROWS = 1000;
    private static final StageDescriptor DESCRIPTOR = StageDescriptor.builder(StageKind.SINK, "stdout")
            .description("Prints rows on standard output as a table, JSON, JSON lines or CSV.")
            .option(OptionSpec.string("format").defaultValue("table").allowed("table", "json", "jsonl", "csv")
                            .describe("table: boxed columns for reading; json: one array; jsonl: one object per line; "
                                    + "csv: with a header"),
                    OptionSpec.integer("limit").describe("Print at most this many rows (the rest is read and counted)"))
            .build();
    private final PrintStream out;

    /** Prints to {@code System.out} as it is when a stage opens (a CLI may redirect it after start-up). */
    public StdoutSinkFactory() {
        this.out = null;
    }

    /** @param out where rows go (tests pass their own stream) */
    public StdoutSinkFactory(PrintStream out) {
        this.out = out;
    }

    @Override
    public StageDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public void validate(StageConfig config) throws ConfigException {
        if (config.has("limit") && config.getLong("limit") < 0) {
            throw config.error("limit", "must be 0 or more");
        }
    }

    @Override
    public SinkWriter open(StageConfig config, StageContext context) throws Exception {
        String format = config.getString("format", "table");
        long limit = config.has("limit") ? config.getLong("limit") : Long.MAX_VALUE;
        return new StdoutWriter(out != null ? out : System.out, format, limit);
    }

    /** Writes one stage's rows in the chosen format, up to the limit. */
    private static final class StdoutWriter implements SinkWriter {
        private final PrintStream out;
        private final long limit;
        private final JsonRowWriter json;
        private final CsvTextWriter csv;
        private TextTable table;
        /** For the table: whole doubles of a column that started as longs are shown as longs. */
        private final WholeNumbers wholeNumbers = new WholeNumbers();
        private long seen;
        private long printed;

        StdoutWriter(PrintStream out, String format, long limit) {
            this.out = out;
            this.limit = limit;
            this.json = format.startsWith("json") ? new JsonRowWriter(out, format.equals("jsonl"), false) : null;
            // As text: standard output encodes it in its own charset.
            this.csv = format.equals("csv") ? new CsvTextWriter((Appendable) out, ',', true) : null;
        }

        @Override
        public void write(RecordBatch batch) throws Exception {
            seen += batch.rowCount();
            int take = (int) Math.max(0, Math.min(batch.rowCount(), limit - printed));
            RecordBatch shown = take == batch.rowCount() ? batch : batch.slice(0, take);
            printed += take;
            if (json != null) {
                json.write(shown);
            } else if (csv != null) {
                csv.write(shown);
            } else {
                addToTable(shown);
            }
            out.flush();
        }

        private void addToTable(RecordBatch batch) {
            List<String> names = batch.schema().names();
            if (table != null && !table.names().equals(names)) {
                printTable();
            }
            if (table == null) {
                table = new TextTable(names, types(batch));
            }
            List<Column> columns = batch.columns();
            boolean[] whole = wholeNumbers.wholeDoubles(batch);
            for (int r = 0; r < batch.rowCount(); r++) {
                table.add(columns, r, whole);
                if (table.size() >= TABLE_ROWS) {
                    printTable();
                    table = new TextTable(names, types(batch));
                }
            }
        }

        private List<DataType> types(RecordBatch batch) {
            List<DataType> types = new ArrayList<>();
            for (Field f : batch.schema().fields()) {
                types.add(f.type());
            }
            return types;
        }

        private void printTable() {
            if (table != null && table.size() > 0) {
                out.print(table.render());
            }
            table = null;
        }

        @Override
        public void commit() throws Exception {
            if (json != null) {
                json.finish();
            } else if (csv == null) {
                if (table != null && (table.size() > 0 || printed == 0)) {
                    out.print(table.render());
                }
                table = null;
                out.println(printed == seen ? "(" + seen + (seen == 1 ? " row)" : " rows)")
                        : "(showing " + printed + " of " + seen + " rows)");
            }
            out.flush();
        }

        @Override
        public void abort() {
            table = null;
            out.flush();
        }
    }
}
