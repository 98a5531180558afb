package io.conveyor.plugin.http.format;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.util.Map;

/** Reads one JSON value per line; blank lines are skipped, a bad line is a recoverable error. */
final class JsonLinesReader implements RecordReader {
    private final BufferedReader lines;
    private int lineNumber;

    JsonLinesReader(Reader body) {
        this.lines = new BufferedReader(body);
    }

    @Override
    public Map<String, Object> next() throws BodyFormatException, IOException {
        String line;
        do {
            line = lines.readLine();
            lineNumber++;
            if (line == null) {
                return null;
            }
        } while (line.isBlank());
        try {
            return JsonValues.asRecord(JsonValues.parse(line));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new BodyFormatException("malformed JSON on line " + lineNumber + ", column "
                    + e.getLocation().getColumnNr() + ": " + JsonValues.describe(e).replaceFirst("^line \\d+, column \\d+: ", ""),
                    true, line);
        } catch (IOException e) {
            throw new BodyFormatException("malformed JSON on line " + lineNumber + ": " + e.getMessage(), true, line);
        }
    }

    @Override
    public void close() throws IOException {
        lines.close();
    }
}
