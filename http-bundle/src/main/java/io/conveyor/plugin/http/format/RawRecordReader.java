package io.conveyor.plugin.http.format;

import java.io.IOException;
import java.io.Reader;
import java.util.LinkedHashMap;
import java.util.Map;

/** Gives the whole body as one record {@code {"body": text}}. */
final class RawRecordReader implements RecordReader {
    /** The column a raw body is put in. */
    static final String COLUMN = "body";
    private final Reader body;
    private boolean done;

    RawRecordReader(Reader body) {
        this.body = body;
    }

    @Override
    public Map<String, Object> next() throws IOException {
        if (done) {
            return null;
        }
        done = true;
        StringBuilder sb = new StringBuilder();
        char[] buf = new char[8192];
        for (int n; (n = body.read(buf)) >= 0; ) {
            sb.append(buf, 0, n);
        }
        Map<String, Object> rec = new LinkedHashMap<>();
        rec.put(COLUMN, sb.toString());
        return rec;
    }

    @Override
    public void close() throws IOException {
        body.close();
    }
}
