package io.conveyor.engine.internal.stages.csv;

import io.conveyor.api.BatchStream;
import io.conveyor.api.Column;
import io.conveyor.api.ColumnBuilder;
import io.conveyor.api.DataType;
import io.conveyor.api.Field;
import io.conveyor.api.RecordBatch;
import io.conveyor.api.Schema;
import io.conveyor.api.StageContext;
import io.conveyor.api.StageException;
import io.conveyor.api.Values;
import io.conveyor.engine.internal.stages.file.CountingInputStream;
import io.conveyor.engine.internal.stages.file.FileSet;
import io.conveyor.engine.internal.stages.json.JsonText;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The stream of one {@code source.csv} stage: its files one after the other, a batch of rows at a time. */
final class CsvSource implements BatchStream {
    private static final int MAX_RENAMES_LISTED = 5;
    private final List<Path> files;
    private final boolean hasHeader;
    private final char delimiter;
    private final char quote;
    private final Set<String> nullValues;
    private final int batchSize;
    private final boolean infer;
    private final Map<String, DataType> declared;
    private final StageContext context;
    /** A stream given instead of files (standard input), read as the one file {@code files} names. */
    private final InputStream supplied;
    private int nextFile;
    private Path file;
    private Reader reader;
    private CountingInputStream counter;
    private CsvParser parser;
    private boolean pendingRecord;
    private List<String> names;
    private Path namesFrom;
    private CsvColumnTyper[] typers;
    private long bytesReported;
    private boolean emitted;
    private boolean done;

    CsvSource(Path path, boolean hasHeader, char delimiter, char quote, Set<String> nullValues, int batchSize,
              boolean infer, Map<String, DataType> declared, StageContext context) throws StageException {
        this(FileSet.expand(path), null, hasHeader, delimiter, quote, nullValues, batchSize, infer, declared, context);
    }

    /** Reads {@code in} (e.g. standard input), called {@code name} in messages, instead of files. */
    CsvSource(InputStream in, String name, boolean hasHeader, char delimiter, char quote, Set<String> nullValues,
              int batchSize, boolean infer, Map<String, DataType> declared, StageContext context) {
        this(List.of(Path.of(name)), in, hasHeader, delimiter, quote, nullValues, batchSize, infer, declared, context);
    }

    private CsvSource(List<Path> files, InputStream supplied, boolean hasHeader, char delimiter, char quote,
                      Set<String> nullValues, int batchSize, boolean infer, Map<String, DataType> declared,
                      StageContext context) {
        this.files = files;
        this.supplied = supplied;
        this.hasHeader = hasHeader;
        this.delimiter = delimiter;
        this.quote = quote;
        this.nullValues = nullValues;
        this.batchSize = batchSize;
        this.infer = infer;
        this.declared = declared;
        this.context = context;
    }

    @Override
    public RecordBatch next() throws Exception {
        if (done) {
            return null;
        }
        List<String[]> rows = new ArrayList<>(Math.min(batchSize, 1024));
        List<Long> lines = new ArrayList<>();
        while (rows.size() < batchSize) {
            if (parser == null && !openNextFile()) {
                break;
            }
            if (!pendingRecord && !parser.next()) {
                closeFile();
                continue;
            }
            pendingRecord = false;
            if (parser.isBlankLine() && names.size() != 1) {
                continue;
            }
            if (parser.fields.size() != names.size()) {
                context.reject(rawRecord(), where() + "line " + parser.recordLine() + ": expected " + names.size()
                        + " fields, found " + parser.fields.size());
                continue;
            }
            String[] row = new String[names.size()];
            for (int i = 0; i < row.length; i++) {
                String v = parser.fields.get(i);
                row[i] = !parser.quoted.get(i) && nullValues.contains(v) ? null : v;
            }
            rows.add(row);
            lines.add(parser.recordLine());
        }
        reportBytes();
        if (rows.isEmpty()) {
            done = true;
            if (!emitted && names != null) {
                // A file with a header and no rows still tells the sinks its columns.
                emitted = true;
                return build(rows, lines);
            }
            return null;
        }
        emitted = true;
        return build(rows, lines);
    }

    private String where() {
        return files.size() > 1 ? file.getFileName() + ", " : "";
    }

    private Map<String, Object> rawRecord() {
        Map<String, Object> record = new LinkedHashMap<>();
        for (int i = 0; i < parser.fields.size(); i++) {
            record.put(i < names.size() ? names.get(i) : "column_" + (i + 1), parser.fields.get(i));
        }
        return record;
    }

    private boolean openNextFile() throws IOException, StageException {
        if (nextFile >= files.size()) {
            return false;
        }
        file = files.get(nextFile++);
        counter = new CountingInputStream(supplied != null ? supplied : Files.newInputStream(file));
        reader = new InputStreamReader(counter, StandardCharsets.UTF_8);
        parser = new CsvParser(reader, delimiter, quote);
        bytesReported = 0;
        List<String> header = null;
        while (parser.next()) {
            if (!parser.isBlankLine()) {
                header = new ArrayList<>(parser.fields);
                break;
            }
        }
        if (header == null) {
            // An empty file adds no rows; the header, if any, comes from the other files.
            return true;
        }
        if (!hasHeader) {
            pendingRecord = true;
            List<String> generated = new ArrayList<>();
            for (int i = 0; i < header.size(); i++) {
                generated.add("column_" + (i + 1));
            }
            header = generated;
        } else {
            header = uniqueNames(header);
        }
        if (names == null) {
            names = header;
            namesFrom = file;
            startTyping();
        } else if (!names.equals(header)) {
            throw new StageException("file " + file + " has columns " + header + " but " + namesFrom + " has "
                    + names + "; files read by one glob must have the same columns");
        }
        return true;
    }

    private List<String> uniqueNames(List<String> header) {
        List<String> out = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        Map<String, Integer> nextSuffix = new HashMap<>();
        List<String> renamed = new ArrayList<>();
        int renamedCount = 0;
        for (int i = 0; i < header.size(); i++) {
            String n = header.get(i).isEmpty() ? "column_" + (i + 1) : header.get(i);
            String unique = n;
            if (!seen.add(unique)) {
                // Remember the next suffix per name: a header of thousands of equal names stays linear.
                int k = nextSuffix.getOrDefault(n, 2);
                do {
                    unique = n + "_" + k++;
                } while (!seen.add(unique));
                nextSuffix.put(n, k);
            }
            if (!unique.equals(header.get(i))) {
                renamedCount++;
                if (renamed.size() < MAX_RENAMES_LISTED) {
                    renamed.add("column " + (i + 1) + " '" + header.get(i) + "' is read as '" + unique + "'");
                }
            }
            out.add(unique);
        }
        if (renamedCount > 0) {
            // One line, however wide the header: a file with thousands of empty names must not
            // flood the log (or take seconds to report).
            context.log().warn(file.getFileName() + ": " + String.join(", ", renamed)
                    + (renamedCount > renamed.size() ? " (and " + (renamedCount - renamed.size()) + " more)" : ""));
        }
        return out;
    }

    private void startTyping() throws StageException {
        for (String d : declared.keySet()) {
            if (!names.contains(d)) {
                throw new StageException("option 'schema' names column '" + d + "', which is not in " + file
                        + "; its columns are " + names);
            }
        }
        typers = new CsvColumnTyper[names.size()];
        for (int i = 0; i < typers.length; i++) {
            typers[i] = new CsvColumnTyper();
        }
    }

    private RecordBatch build(List<String[]> rows, List<Long> lines) throws StageException {
        int n = rows.size();
        int width = names.size();
        Object[][] converted = new Object[width][];
        boolean[] rejected = new boolean[n];
        for (int c = 0; c < width; c++) {
            DataType t = declared.get(names.get(c));
            if (t == null) {
                continue;
            }
            converted[c] = new Object[n];
            for (int r = 0; r < n; r++) {
                if (rejected[r]) {
                    continue;
                }
                try {
                    converted[c][r] = t == DataType.JSON ? json(rows.get(r)[c]) : Values.convert(rows.get(r)[c], t);
                } catch (IllegalArgumentException e) {
                    rejected[r] = true;
                    context.reject(rowRecord(rows.get(r)), where() + "line " + lines.get(r) + ": column '"
                            + names.get(c) + "': " + e.getMessage());
                }
            }
        }
        int[] keep = new int[n];
        int kept = 0;
        for (int r = 0; r < n; r++) {
            if (!rejected[r]) {
                keep[kept++] = r;
            }
        }
        List<Field> fields = new ArrayList<>(width);
        List<Column> columns = new ArrayList<>(width);
        String[] text = new String[kept];
        for (int c = 0; c < width; c++) {
            Column col;
            DataType t = declared.get(names.get(c));
            if (t != null) {
                ColumnBuilder b = new ColumnBuilder(t, kept);
                for (int k = 0; k < kept; k++) {
                    b.append(converted[c][keep[k]]);
                }
                col = b.build();
            } else {
                for (int k = 0; k < kept; k++) {
                    text[k] = rows.get(keep[k])[c];
                }
                col = infer ? typers[c].build(text, kept) : Column.ofObjects(DataType.STRING, text.clone(), kept);
            }
            fields.add(new Field(names.get(c), col.type()));
            columns.add(col);
        }
        return new RecordBatch(new Schema(fields), columns, kept);
    }

    /** A json column's text is parsed, so the column holds the nested value, never its text. */
    private static Object json(String text) {
        if (text == null) {
            return null;
        }
        try {
            return JsonText.parse(text);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException("cannot convert string '" + (text.length() > 60
                    ? text.substring(0, 57) + "..." : text) + "' to json: " + e.getOriginalMessage());
        }
    }

    private Map<String, Object> rowRecord(String[] row) {
        Map<String, Object> record = new LinkedHashMap<>();
        for (int i = 0; i < row.length; i++) {
            record.put(names.get(i), row[i]);
        }
        return record;
    }

    private void reportBytes() {
        if (counter != null) {
            context.addBytesRead(counter.count() - bytesReported);
            bytesReported = counter.count();
        }
    }

    private void closeFile() throws IOException {
        reportBytes();
        parser = null;
        counter = null;
        if (reader != null) {
            reader.close();
            reader = null;
        }
    }

    @Override
    public void close() throws IOException {
        closeFile();
    }
}
