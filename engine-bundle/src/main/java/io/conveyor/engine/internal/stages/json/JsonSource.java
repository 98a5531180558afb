package io.conveyor.engine.internal.stages.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.conveyor.api.BatchStream;
import io.conveyor.api.RecordBatch;
import io.conveyor.api.StageContext;
import io.conveyor.api.StageException;
import io.conveyor.engine.internal.config.Suggestions;
import io.conveyor.engine.internal.stages.file.CountingInputStream;
import io.conveyor.engine.internal.stages.file.FileSet;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The stream of one {@code source.json} stage. Both formats are read with Jackson's streaming
 * parser one object at a time, so a file larger than memory streams.
 *
 * <p>With option {@code columns}, only the keys it names become columns; the values of the
 * others are checked as JSON but not converted. A rejected record is still kept whole.
 */
final class JsonSource implements BatchStream {
    /**
     * Jackson's mapper, made when first needed: JSON lines of flat objects never need it, and a
     * fresh JVM spends about 0.15 s loading and setting it up, on the thread that compiles the
     * pipeline (the compiler's line count, {@link #linesBeyond}, lives in this class too).
     */
    private static final class Jackson {
        /** Plain values as a json column holds them, nested ones too ({@link PlainJson}). */
        static final ObjectMapper MAPPER = PlainJson.mapper(com.fasterxml.jackson.core.JsonFactory.builder()
                // A faster parser with the same correctly rounded result as Double.parseDouble.
                .enable(com.fasterxml.jackson.core.StreamReadFeature.USE_FAST_DOUBLE_PARSER).build());
    }
    /** How many keys a message about option {@code columns} lists at most. */
    private static final int KEYS_LISTED = 20;
    private final List<Path> files;
    /** What messages call the input: the path or glob, or the stream's name. */
    private final Path input;
    private final String format;
    private final StageContext context;
    private final JsonBatchBuilder batcher;
    /** Reads plain flat lines without Jackson; any other line goes to Jackson. */
    private final FlatJsonLine flat;
    /** A stream given instead of files (standard input), read as the one file {@code files} names. */
    private final InputStream supplied;
    private int nextFile;
    private Path file;
    private CountingInputStream counter;
    private long bytesReported;
    private ByteLines lines;
    private long lineNumber;
    private JsonParser records;
    private long element;
    private boolean done;

    /**
     * @param path the file or glob to read
     * @param format {@code records}, {@code jsonl}, or null to go by each file's extension
     * @param batchSize rows per batch
     * @param columns the only keys to read (option {@code columns}), or null for every key
     * @param context the stage's context
     */
    JsonSource(Path path, String format, int batchSize, List<String> columns, StageContext context)
            throws StageException {
        this(path, FileSet.expand(path), null, format, batchSize, columns, context);
    }

    /** Reads {@code in} (e.g. standard input), called {@code name} in messages, instead of files. */
    JsonSource(InputStream in, String name, String format, int batchSize, List<String> columns, StageContext context) {
        this(Path.of(name), List.of(Path.of(name)), in, format, batchSize, columns, context);
    }

    private JsonSource(Path input, List<Path> files, InputStream supplied, String format, int batchSize,
                       List<String> columns, StageContext context) {
        this.input = input;
        this.files = files;
        this.supplied = supplied;
        this.format = format;
        this.context = context;
        this.batcher = new JsonBatchBuilder(batchSize, columns);
        this.flat = new FlatJsonLine(batcher);
    }

    @Override
    public RecordBatch next() throws Exception {
        while (!done) {
            if (file == null && !openNextFile()) {
                done = true;
                requireColumnsSeen();
                break;
            }
            if (!(records != null ? nextElement() : nextLine())) {
                closeFile();
                continue;
            }
            RecordBatch full = batcher.commit();
            if (full != null) {
                reportBytes();
                return full;
            }
        }
        reportBytes();
        return batcher.finish();
    }

    /**
     * At the end of the input, fails if a key option {@code columns} names is in none of its
     * records: a misspelt name would otherwise give a run without that column, unnoticed. An
     * input without records says nothing about its keys, and gives nothing, as without the option.
     */
    private void requireColumnsSeen() throws StageException {
        List<String> missing = batcher.unseen();
        if (missing.isEmpty() || batcher.committed() == 0) {
            return;
        }
        List<String> keys = batcher.keys();
        boolean one = missing.size() == 1;
        List<String> near = new ArrayList<>();
        for (String c : missing) {
            List<String> nearest = Suggestions.nearest(c, keys);
            if (!nearest.isEmpty()) {
                near.add("'" + nearest.get(0) + "'" + (one ? "" : " for '" + c + "'"));
            }
        }
        List<String> listed = keys.size() > KEYS_LISTED ? keys.subList(0, KEYS_LISTED) : keys;
        throw new StageException((one ? "column " : "columns ") + "'" + String.join("', '", missing)
                + "' named in option columns " + (one ? "is" : "are") + " in no record of " + input + "; "
                + (near.isEmpty() ? "" : "did you mean " + String.join(", ", near) + "? ")
                + "Keys in the records: " + (keys.isEmpty() ? "(none)" : String.join(", ", listed)
                + (listed.size() < keys.size() ? ", ..." : "")) + ". Correct the "
                + (one ? "name or remove it" : "names or remove them") + " from option columns");
    }

    private boolean openNextFile() throws IOException, StageException {
        if (nextFile >= files.size()) {
            return false;
        }
        file = files.get(nextFile++);
        counter = new CountingInputStream(supplied != null ? supplied : Files.newInputStream(file));
        bytesReported = 0;
        if (isJsonLines()) {
            lines = new ByteLines(counter);
            lineNumber = 0;
            return true;
        }
        BufferedReader reader = new BufferedReader(new InputStreamReader(counter, StandardCharsets.UTF_8), 1 << 16);
        skipByteOrderMark(reader);
        records = Jackson.MAPPER.getFactory().createParser(reader);
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
        return isJsonLines(file, format);
    }

    /** @return whether {@code file} is read as JSON lines: {@code format} says so, or without one, its extension */
    private static boolean isJsonLines(Path file, String format) {
        if (format != null) {
            return format.equals("jsonl");
        }
        String name = file.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
        return name.endsWith(".jsonl") || name.endsWith(".ndjson");
    }

    /**
     * Counts the lines of JSON lines input without parsing them, for the compiler's schema
     * sample, which only settles a schema when the whole input is one batch.
     *
     * @param path the stage's {@code path} (a file or a glob)
     * @param format the stage's {@code format}, or null
     * @param max the most lines the sample can take
     * @return true if the input is JSON lines with more than {@code max} non-blank lines; false
     *         if not, or if that cannot be told now (the sample, or the run, then says why)
     */
    static boolean linesBeyond(Path path, String format, int max) {
        try {
            long count = 0;
            for (Path f : FileSet.expand(path)) {
                if (!isJsonLines(f, format)) {
                    return false;
                }
                try (InputStream in = Files.newInputStream(f)) {
                    ByteLines lines = new ByteLines(in);
                    while (lines.next()) {
                        if (!lines.isBlank() && ++count > max) {
                            return true;
                        }
                    }
                }
            }
            return false;
        } catch (IOException | StageException | RuntimeException e) {
            return false;
        }
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

    /** Stages the next object of the array; false at its end. */
    private boolean nextElement() throws IOException, StageException {
        while (true) {
            JsonToken t = parse(records::nextToken);
            if (t == null || t == JsonToken.END_ARRAY) {
                return false;
            }
            element++;
            if (t == JsonToken.START_OBJECT) {
                parse(() -> stageObject(records));
                return true;
            }
            Object value = parse(() -> Jackson.MAPPER.readValue(records, Object.class));
            Map<String, Object> record = new LinkedHashMap<>();
            record.put("value", value);
            context.reject(record, FileSet.placeIn(files, file) + "element " + element + ": expected a JSON object, found "
                    + kind(value));
        }
    }

    /**
     * How many bytes a line's start must have after it to be read before its end is known
     * ({@link FlatJsonLine#stageFrom}); a line longer than that may be read as usual. Several
     * times a benchmark order's 140 bytes, and 1/64 of the line buffer, which is refilled that
     * much early.
     */
    private static final int LINE_AHEAD = 1024;

    /** Stages the next object line; false at the end of the file. */
    private boolean nextLine() throws IOException, StageException {
        while (true) {
            // How many bytes the flat reader saw from the line's start, if it tried.
            int seen = -1;
            if (supplied == null) {
                // A plain line is read from its start, without looking for its end first. Not on
                // a stream such as standard input: reading ahead there would wait for lines to come.
                int from = lines.prepare(LINE_AHEAD);
                if (from < 0) {
                    return false;
                }
                int lineEnd = flat.stageFrom(lines.buffer(), from, lines.limit(), lines.atEnd());
                if (lineEnd >= 0) {
                    lines.take(lineEnd);
                    lineNumber++;
                    return true;
                }
                seen = lines.limit() - from;
            }
            if (!lines.next()) {
                return false;
            }
            lineNumber++;
            if (lines.isBlank()) {
                continue;
            }
            // A line the flat reader saw whole, its line break too, and gave up on, it gives up on
            // again: straight to Jackson then (a line with an escaped character or a nested
            // value, say, would otherwise be read three times).
            boolean seenWhole = seen > lines.end() - lines.start();
            if ((!seenWhole && flat.stage(lines.buffer(), lines.start(), lines.end()))
                    || stageLine(lines.buffer(), lines.start(), lines.end() - lines.start())) {
                return true;
            }
        }
    }

    /**
     * Stages one line read straight from the token stream when it is an object; anything else
     * (not an object, bad JSON) takes the plain-value path, whose message the rejection carries.
     */
    private boolean stageLine(byte[] bytes, int offset, int length) throws IOException, StageException {
        try (JsonParser p = Jackson.MAPPER.getFactory().createParser(bytes, offset, length)) {
            if (p.nextToken() == JsonToken.START_OBJECT) {
                stageObject(p);
                return true;
            }
        } catch (JsonProcessingException e) {
            // the plain-value path below gives the message
        }
        batcher.discard();
        Object value;
        try {
            value = Jackson.MAPPER.readValue(bytes, offset, length, Object.class);
        } catch (JsonProcessingException e) {
            context.reject(raw(lines.text()), FileSet.placeIn(files, file) + "line " + lineNumber + ": "
                    + e.getOriginalMessage());
            return false;
        }
        if (value instanceof Map) {
            @SuppressWarnings("unchecked")
            Map<String, Object> map = (Map<String, Object>) value;
            batcher.putAll(map);
            return true;
        }
        context.reject(raw(lines.text()), FileSet.placeIn(files, file) + "line " + lineNumber
                + ": expected a JSON object, found " + kind(value));
        return false;
    }

    /**
     * Stages the fields of the object whose START_OBJECT {@code p} is on, each value as
     * {@link Jackson#MAPPER}'s map would hold it (whole numbers as Long, or BigInteger past a
     * long's range, which the column then holds as text; nested values as Map/List).
     *
     * @return null, so that it can run as a {@link ParserStep}
     */
    private Void stageObject(JsonParser p) throws IOException {
        String name;
        while ((name = p.nextFieldName()) != null) {
            JsonToken t = p.nextToken();
            if (!batcher.wants(name)) {
                skipValue(p, t);
                batcher.skip(name);
                continue;
            }
            switch (t) {
                case VALUE_STRING:
                    batcher.putString(name, p.getTextCharacters(), p.getTextOffset(), p.getTextLength());
                    break;
                case VALUE_NUMBER_INT:
                    JsonParser.NumberType it = p.getNumberType();
                    if (it == JsonParser.NumberType.INT || it == JsonParser.NumberType.LONG) {
                        batcher.put(name, JsonBatchBuilder.LONG, p.getLongValue(), null);
                    } else {
                        batcher.putValue(name, p.getBigIntegerValue());
                    }
                    break;
                case VALUE_NUMBER_FLOAT:
                    if (p.getNumberType() == JsonParser.NumberType.DOUBLE) {
                        batcher.put(name, JsonBatchBuilder.DOUBLE, Double.doubleToRawLongBits(p.getDoubleValue()), null);
                    } else {
                        batcher.putValue(name, Jackson.MAPPER.readValue(p, Object.class));
                    }
                    break;
                case VALUE_TRUE:
                    batcher.put(name, JsonBatchBuilder.BOOL, 1, null);
                    break;
                case VALUE_FALSE:
                    batcher.put(name, JsonBatchBuilder.BOOL, 0, null);
                    break;
                case VALUE_NULL:
                    batcher.put(name, JsonBatchBuilder.NULL, 0, null);
                    break;
                default:
                    batcher.putValue(name, Jackson.MAPPER.readValue(p, Object.class));
            }
        }
        if (p.currentToken() != JsonToken.END_OBJECT) {
            // nextFieldName gives null for anything else; let the reference path report it
            throw new com.fasterxml.jackson.core.JsonParseException(p, "expected a field name");
        }
        return null;
    }

    /**
     * Passes over the value of a key that is not read, whose first token {@code p} is on,
     * without converting it, yet failing where reading it would: on bad JSON (the parser
     * checks that as it moves).
     */
    private static void skipValue(JsonParser p, JsonToken first) throws IOException {
        int depth = 0;
        JsonToken t = first;
        while (true) {
            if (t == JsonToken.START_OBJECT || t == JsonToken.START_ARRAY) {
                depth++;
            } else if (t == JsonToken.END_OBJECT || t == JsonToken.END_ARRAY) {
                depth--;
            } else if (t == null) {
                throw new com.fasterxml.jackson.core.JsonParseException(p, "unexpected end of input");
            }
            if (depth == 0) {
                return;
            }
            t = p.nextToken();
        }
    }

    private static Map<String, Object> raw(String line) {
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("_raw", line);
        return record;
    }

    /** How a rejection names a value that is not an object, e.g. {@code an array}. */
    static String kind(Object v) {
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
