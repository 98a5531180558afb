package io.conveyor.engine.internal.stages.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.conveyor.api.BatchStream;
import io.conveyor.api.RecordBatch;
import io.conveyor.api.RowBatcher;
import io.conveyor.api.StageContext;
import io.conveyor.api.StageException;
import io.conveyor.engine.internal.stages.file.CountingInputStream;
import io.conveyor.engine.internal.stages.file.FileSet;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The stream of one {@code source.json} stage. Both formats are read with Jackson's streaming
 * parser one object at a time, so a file larger than memory streams.
 */
final class JsonSource implements BatchStream {
    /** Whole numbers as Long inside nested values too, as the data model holds them. */
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(com.fasterxml.jackson.databind.DeserializationFeature.USE_LONG_FOR_INTS);
    private final List<Path> files;
    private final String format;
    private final StageContext context;
    private final RowBatcher batcher;
    /** A stream given instead of files (standard input), read as the one file {@code files} names. */
    private final InputStream supplied;
    private int nextFile;
    private Path file;
    private CountingInputStream counter;
    private long bytesReported;
    private BufferedReader lines;
    private long lineNumber;
    private JsonParser records;
    private long element;
    private boolean done;

    JsonSource(Path path, String format, int batchSize, StageContext context) throws StageException {
        this(FileSet.expand(path), null, format, batchSize, context);
    }

    /** Reads {@code in} (e.g. standard input), called {@code name} in messages, instead of files. */
    JsonSource(InputStream in, String name, String format, int batchSize, StageContext context) {
        this(List.of(Path.of(name)), in, format, batchSize, context);
    }

    private JsonSource(List<Path> files, InputStream supplied, String format, int batchSize, StageContext context) {
        this.files = files;
        this.supplied = supplied;
        this.format = format;
        this.context = context;
        this.batcher = new RowBatcher(batchSize);
    }

    @Override
    public RecordBatch next() throws Exception {
        while (!done) {
            if (file == null && !openNextFile()) {
                done = true;
                break;
            }
            Map<String, Object> row = records != null ? nextElement() : nextLine();
            if (row == null) {
                closeFile();
                continue;
            }
            RecordBatch full = batcher.add(row);
            if (full != null) {
                reportBytes();
                return full;
            }
        }
        reportBytes();
        return batcher.finish();
    }

    private boolean openNextFile() throws IOException, StageException {
        if (nextFile >= files.size()) {
            return false;
        }
        file = files.get(nextFile++);
        counter = new CountingInputStream(supplied != null ? supplied : Files.newInputStream(file));
        bytesReported = 0;
        BufferedReader reader = new BufferedReader(new InputStreamReader(counter, StandardCharsets.UTF_8), 1 << 16);
        skipByteOrderMark(reader);
        if (isJsonLines()) {
            lines = reader;
            lineNumber = 0;
            return true;
        }
        records = MAPPER.getFactory().createParser(reader);
        element = 0;
        JsonToken first = parse(records::nextToken);
        if (first == null) {
            // An empty file holds no records.
            return true;
        }
        if (first != JsonToken.START_ARRAY) {
            throw new StageException(file + ": expected a JSON array of objects ([{...}, ...]) but the file starts with "
                    + first.asString() + "; use format = \"jsonl\" for one object per line");
        }
        return true;
    }

    private static void skipByteOrderMark(BufferedReader reader) throws IOException {
        reader.mark(1);
        if (reader.read() != '\uFEFF') {
            reader.reset();
        }
    }

    private boolean isJsonLines() {
        if (format != null) {
            return format.equals("jsonl");
        }
        String name = file.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
        return name.endsWith(".jsonl") || name.endsWith(".ndjson");
    }

    /** Something the parser does that may fail on bad JSON. */
    private interface ParserStep<T> {
        T run() throws IOException;
    }

    private <T> T parse(ParserStep<T> step) throws IOException, StageException {
        try {
            return step.run();
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null ? "" : "line " + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr() + ": ";
            throw new StageException(file + ": " + where + e.getOriginalMessage(), e);
        }
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> nextElement() throws IOException, StageException {
        while (true) {
            JsonToken t = parse(records::nextToken);
            if (t == null || t == JsonToken.END_ARRAY) {
                return null;
            }
            element++;
            Object value = parse(() -> MAPPER.readValue(records, Object.class));
            if (value instanceof Map) {
                return (Map<String, Object>) value;
            }
            Map<String, Object> record = new LinkedHashMap<>();
            record.put("value", value);
            context.reject(record, "element " + element + ": expected a JSON object, found " + kind(value));
        }
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> nextLine() throws IOException, StageException {
        String line;
        while ((line = lines.readLine()) != null) {
            lineNumber++;
            if (line.isBlank()) {
                continue;
            }
            Object value;
            try {
                value = MAPPER.readValue(line, Object.class);
            } catch (JsonProcessingException e) {
                context.reject(raw(line), "line " + lineNumber + ": " + e.getOriginalMessage());
                continue;
            }
            if (value instanceof Map) {
                return (Map<String, Object>) value;
            }
            context.reject(raw(line), "line " + lineNumber + ": expected a JSON object, found " + kind(value));
        }
        return null;
    }

    private static Map<String, Object> raw(String line) {
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("_raw", line);
        return record;
    }

    private static String kind(Object v) {
        if (v == null) {
            return "null";
        }
        if (v instanceof List) {
            return "an array";
        }
        if (v instanceof String) {
            return "a string";
        }
        return v instanceof Boolean ? "a boolean" : "a number";
    }

    private void reportBytes() {
        if (counter != null) {
            context.addBytesRead(counter.count() - bytesReported);
            bytesReported = counter.count();
        }
    }

    private void closeFile() throws IOException {
        reportBytes();
        if (records != null) {
            records.close();
            records = null;
        }
        if (lines != null) {
            lines.close();
            lines = null;
        }
        counter = null;
        file = null;
    }

    @Override
    public void close() throws IOException {
        closeFile();
    }
}
