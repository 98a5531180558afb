package io.conveyor.plugin.http.format;

import java.io.IOException;
import java.io.Reader;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads CSV records keyed by the header line; a row with the wrong field count is a recoverable error. */
final class CsvRecordReader implements RecordReader {
    private final Reader body;
    private final CsvReader csv;
    private List<String> header;

    CsvRecordReader(Reader body) {
        this.body = body;
        this.csv = new CsvReader(body);
    }

    @Override
    public Map<String, Object> next() throws BodyFormatException, IOException {
        if (header == null) {
            header = csv.next();
            if (header == null) {
                return null;
            }
            var seen = new HashSet<String>();
            for (int i = 0; i < header.size(); i++) {
                String h = header.get(i);
                if (h == null || h.isBlank() || !seen.add(h)) {
                    throw new BodyFormatException("malformed CSV: header field " + (i + 1) + " on line 1 is "
                            + (h == null || h.isBlank() ? "empty" : "a duplicate of '" + h + "'")
                            + "; every column needs a unique name", false, null);
                }
            }
        }
        List<String> row = csv.next();
        if (row == null) {
            return null;
        }
        if (row.size() != header.size()) {
            throw new BodyFormatException("malformed CSV: line " + csv.rowLine() + " has " + row.size()
                    + " fields, the header has " + header.size(), true, csv.rawRow().stripTrailing());
        }
        Map<String, Object> rec = new LinkedHashMap<>();
        for (int i = 0; i < row.size(); i++) {
            rec.put(header.get(i), row.get(i));
        }
        return rec;
    }

    @Override
    public void close() throws IOException {
        body.close();
    }
}
