package io.conveyor.engine.internal.stages.console;

import io.conveyor.api.BatchStream;
import io.conveyor.api.Column;
import io.conveyor.api.DataType;
import io.conveyor.api.Field;
import io.conveyor.api.RecordBatch;
import io.conveyor.api.Schema;
import io.conveyor.api.StageContext;
import io.conveyor.engine.internal.stages.file.CountingInputStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** {@code source.stdin} with {@code format = "raw"}: each UTF-8 line (without its line break) as column {@code line}. */
final class RawLineSource implements BatchStream {
    static final String COLUMN = "line";
    private static final Schema SCHEMA = Schema.of(new Field(COLUMN, DataType.STRING));
    private final CountingInputStream counter;
    private final BufferedReader reader;
    private final int batchSize;
    private final StageContext context;
    private long bytesReported;
    private boolean started;
    private boolean done;

    RawLineSource(InputStream in, int batchSize, StageContext context) {
        this.counter = new CountingInputStream(in);
        this.reader = new BufferedReader(new InputStreamReader(counter, StandardCharsets.UTF_8), 1 << 16);
        this.batchSize = batchSize;
        this.context = context;
    }

    @Override
    public RecordBatch next() throws IOException {
        if (done) {
            return null;
        }
        if (!started) {
            started = true;
            reader.mark(1);
            if (reader.read() != '\uFEFF') {
                reader.reset();
            }
        }
        String[] lines = new String[batchSize];
        int n = 0;
        String line;
        while (n < batchSize && (line = reader.readLine()) != null) {
            lines[n++] = line;
        }
        context.addBytesRead(counter.count() - bytesReported);
        bytesReported = counter.count();
        if (n < batchSize) {
            done = true;
            if (n == 0) {
                return null;
            }
        }
        return new RecordBatch(SCHEMA, List.of(Column.ofObjects(DataType.STRING, lines, n)), n);
    }

    @Override
    public void close() throws IOException {
        reader.close();
    }
}
