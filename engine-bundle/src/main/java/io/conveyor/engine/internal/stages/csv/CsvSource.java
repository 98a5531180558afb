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
import io.conveyor.engine.internal.exec.RowCutoff;
import io.conveyor.engine.internal.stages.file.FileSet;
import io.conveyor.engine.internal.stages.json.JsonText;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The stream of one {@code source.csv} stage: its files one after the other, a batch of rows at
 * a time, in bounded memory.
 *
 * <p>Each file is read in pieces of about {@value #PIECE_BYTES} bytes cut at line breaks. The
 * pieces are parsed ({@link CsvChunk}) on a small pool of threads while this stream reads ahead
 * a bounded number of them, and are consumed strictly in file order, so rows keep their order
 * and dead-letter records keep their line numbers. A cut can fall inside a quoted field that
 * holds a line break: the piece before it then ends inside quotes, and its open record is parsed
 * again joined with the next piece (the speculative parse of that piece is dropped).
 */
final class CsvSource implements BatchStream {
    static final int PIECE_BYTES = 1 << 18;
    /** The piece size of a schema sample ({@link #sampling}): the start of a file, not megabytes of it. */
    static final int SAMPLE_PIECE_BYTES = 1 << 17;
    private static final int MAX_RENAMES_LISTED = 5;
    private static final int PARSE_THREADS = Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors()));
    private final List<Path> files;
    private final boolean hasHeader;
    private final char delimiter;
    private final char quote;
    private final byte[][] nullValues;
    private final int batchSize;
    private final boolean infer;
    private final Map<String, DataType> declared;
    /** The columns to read (option columns), or null for all. */
    private final List<String> selected;
    /** Per column of the file: whether it is left out of the batches. */
    private boolean[] skipped;
    private final StageContext context;
    /** A cut-off the plan applies to this source's output, or null. */
    private final RowCutoff.At outputCutoff;
    /** Scratch for the rows that pass {@link #outputCutoff}. */
    private int[] cutRows = new int[0];
    /**
     * Whether this stream only samples the start of the file (the compiler's schema sample): it
     * then reads small pieces one at a time, as its batch needs them, and parses them on this
     * thread by the general path. Read ahead, a sample parsed megabytes on threads of its own at
     * every compile; and it ran the fast path over every column, which the compiler then took
     * as what the run's parsing does, before a run that skips columns made it compile that
     * code again.
     */
    private final boolean sampling;
    /** How many streams have started parse threads, for the tests. */
    static final java.util.concurrent.atomic.AtomicInteger POOLS_STARTED = new java.util.concurrent.atomic.AtomicInteger();
    /** A stream given instead of files (standard input), read as the one file {@code files} names. */
    private final InputStream supplied;
    private ExecutorService pool;
    /** Pieces read and handed to the parsers, in file order. */
    private final ArrayDeque<Piece> ahead = new ArrayDeque<>();
    private final CsvChunk.Spares spares = new CsvChunk.Spares();
    /** Pieces whose rows have all been taken, to give back once the batch that took the last of them is built. */
    private final List<CsvChunk> consumed = new ArrayList<>();
    // The file being read (ahead of the one being consumed, possibly).
    private int nextFile;
    private Path file;
    private InputStream in;
    private byte[] leftover = new byte[0];
    private CsvChunk.Layout layout;
    private List<String> names;
    private Path namesFrom;
    private CsvColumnTyper[] typers;
    // The piece being consumed.
    private Piece piece;
    private CsvChunk chunk;
    private int row;
    private int bytesCounted;
    private long lineBase;
    private byte[] carry;
    private long carryLine;
    private boolean emitted;
    private boolean done;

    /** One piece of a file: its bytes, and the parse of them (running or done). */
    private record Piece(Path file, byte[] bytes, int limit, boolean last, long headerLines, boolean firstOfFile,
                         CsvChunk.Layout layout, Future<CsvChunk> parsed, CsvChunk inline) {
        CsvChunk get() throws Exception {
            if (inline != null) {
                return inline;
            }
            try {
                return parsed.get();
            } catch (ExecutionException e) {
                if (e.getCause() instanceof Exception) {
                    throw (Exception) e.getCause();
                }
                throw e;
            }
        }
    }

    CsvSource(Path path, boolean hasHeader, char delimiter, char quote, Set<String> nullValues, int batchSize,
              boolean infer, Map<String, DataType> declared, List<String> selected, StageContext context)
            throws StageException {
        this(path, hasHeader, delimiter, quote, nullValues, batchSize, infer, declared, selected, context, false);
    }

    /** @param sampling true for the compiler's schema sample (see {@link #sampling}) */
    CsvSource(Path path, boolean hasHeader, char delimiter, char quote, Set<String> nullValues, int batchSize,
              boolean infer, Map<String, DataType> declared, List<String> selected, StageContext context,
              boolean sampling) throws StageException {
        this(FileSet.expand(path), null, hasHeader, delimiter, quote, nullValues, batchSize, infer, declared, selected,
                context, sampling);
    }

    /** Reads {@code in} (e.g. standard input), called {@code name} in messages, instead of files. */
    CsvSource(InputStream in, String name, boolean hasHeader, char delimiter, char quote, Set<String> nullValues,
              int batchSize, boolean infer, Map<String, DataType> declared, List<String> selected, StageContext context) {
        this(List.of(Path.of(name)), in, hasHeader, delimiter, quote, nullValues, batchSize, infer, declared, selected,
                context, false);
    }

    private CsvSource(List<Path> files, InputStream supplied, boolean hasHeader, char delimiter, char quote,
                      Set<String> nullValues, int batchSize, boolean infer, Map<String, DataType> declared,
                      List<String> selected, StageContext context, boolean sampling) {
        this.files = files;
        this.sampling = sampling;
        this.supplied = supplied;
        this.hasHeader = hasHeader;
        this.delimiter = delimiter;
        this.quote = quote;
        this.nullValues = nullValues.stream().map(v -> v.getBytes(StandardCharsets.UTF_8)).toArray(byte[][]::new);
        this.batchSize = batchSize;
        this.infer = infer;
        this.declared = declared;
        this.selected = selected;
        this.context = context;
        this.outputCutoff = context instanceof RowCutoff.Reader r ? r.outputCutoff() : null;
    }

    @Override
    public RecordBatch next() throws Exception {
        if (done) {
            return null;
        }
        List<CsvChunk> pieces = new ArrayList<>();
        List<Piece> from = new ArrayList<>();
        int[] starts = new int[4];
        int[] ends = new int[4];
        long[] bases = new long[4];
        int taken = 0;
        while (taken < batchSize) {
            if (chunk == null || row == chunk.rows) {
                finishPiece();
                if (!nextPiece()) {
                    break;
                }
                continue;
            }
            int take = Math.min(batchSize - taken, chunk.rows - row);
            int n = pieces.size();
            if (n == starts.length) {
                starts = Arrays.copyOf(starts, n * 2);
                ends = Arrays.copyOf(ends, n * 2);
                bases = Arrays.copyOf(bases, n * 2);
            }
            pieces.add(chunk);
            from.add(piece);
            starts[n] = row;
            ends[n] = row + take;
            bases[n] = lineBase;
            row += take;
            taken += take;
            int upTo = chunk.rowEnds[row - 1];
            context.addBytesRead(upTo - bytesCounted);
            bytesCounted = upTo;
        }
        if (taken == 0) {
            done = true;
            if (!emitted && names != null) {
                // A file with a header and no rows still tells the sinks its columns.
                emitted = true;
                return build(pieces, from, starts, ends, bases, 0);
            }
            return null;
        }
        emitted = true;
        RecordBatch batch = build(pieces, from, starts, ends, bases, taken);
        for (CsvChunk c : consumed) {
            spares.giveBack(c);
        }
        consumed.clear();
        return batch;
    }

    /** Counts the rest of the piece being consumed (rejected and blank lines) and moves the line count on. */
    private void finishPiece() {
        if (chunk == null) {
            return;
        }
        int end = chunk.openRecordAt >= 0 ? chunk.openRecordAt : chunk.limit;
        context.addBytesRead(end - bytesCounted);
        lineBase += chunk.lineCount;
        consumed.add(chunk);
        chunk = null;
    }

    /** Moves to the next parsed piece, sending its rejected records to the dead-letter queue. */
    private boolean nextPiece() throws Exception {
        if (ahead.isEmpty() && !readAhead()) {
            return false;
        }
        Piece p = ahead.poll();
        if (!sampling) {
            readAhead();
        }
        CsvChunk c;
        if (p.firstOfFile()) {
            lineBase = p.headerLines() + 1;
            carry = null;
        }
        if (carry != null) {
            // The previous piece was cut inside a quoted field: parse its open record with this piece.
            byte[] joined = new byte[carry.length + p.limit()];
            System.arraycopy(carry, 0, joined, 0, carry.length);
            System.arraycopy(p.bytes(), 0, joined, carry.length, p.limit());
            lineBase = carryLine;
            c = CsvChunk.parse(joined, 0, joined.length, p.last(), p.layout(), spares);
            bytesCounted = 0; // the open record's bytes were not counted with the piece before
            carry = null;
        } else {
            c = p.get();
            bytesCounted = 0;
        }
        if (c.unclosedLine >= 0) {
            throw new StageException(where(p.file()) + "line " + (lineBase + c.unclosedLine)
                    + ": a quoted field is not closed before the end of the file");
        }
        if (c.openRecordAt >= 0) {
            carry = Arrays.copyOfRange(c.bytes, c.openRecordAt, c.limit);
            carryLine = lineBase + c.lineCount;
        }
        for (CsvChunk.Rejected r : c.rejected) {
            context.reject(r.record(), where(p.file()) + "line " + (lineBase + r.relativeLine()) + ": expected "
                    + c.width + " fields, found " + r.found());
        }
        piece = p;
        chunk = c;
        row = 0;
        return true;
    }

    private String where(Path f) {
        return FileSet.placeIn(files, f);
    }

    /**
     * Reads pieces of the current file (opening the next files as needed) and starts parsing
     * them, until enough are ahead.
     *
     * @return false when every file has been read and nothing is ahead
     */
    private boolean readAhead() throws Exception {
        while (ahead.size() < (sampling ? 1 : 2 * PARSE_THREADS + 1)) {
            if (in == null && !openNextFile()) {
                break;
            }
            if (in != null) {
                readPiece(false, 0);
            }
        }
        return !ahead.isEmpty();
    }

    private int pieceBytes() {
        return sampling ? SAMPLE_PIECE_BYTES : PIECE_BYTES;
    }

    /** Reads the next piece of the open file and hands it to a parser. */
    private void readPiece(boolean firstOfFile, long headerLines) throws Exception {
        // A piece is what is left of the one before and pieceBytes() more; its buffer may be a
        // consumed piece's, a little larger.
        int size = leftover.length + pieceBytes();
        byte[] buf = spares.buffer(size);
        System.arraycopy(leftover, 0, buf, 0, leftover.length);
        int len = leftover.length;
        int cut;
        boolean last;
        while (true) {
            int n = in.readNBytes(buf, len, size - len);
            len += n;
            last = len < size;
            cut = last ? len : CsvParser.lastLineBreak(buf, 0, len);
            if (cut >= 0) {
                break;
            }
            size *= 2;
            buf = Arrays.copyOf(buf, size); // one record longer than a piece
        }
        leftover = Arrays.copyOfRange(buf, cut, len);
        submit(buf, cut, last, firstOfFile, headerLines);
        if (last) {
            in.close();
            in = null;
        }
    }

    private void submit(byte[] buf, int limit, boolean last, boolean firstOfFile, long headerLines) {
        CsvChunk.Layout l = layout;
        if (sampling) {
            ahead.add(new Piece(file, buf, limit, last, headerLines, firstOfFile, l, null,
                    CsvChunk.parseWithoutFastPath(buf, 0, limit, last, l)));
            return;
        }
        if (firstOfFile && last) {
            // A file that fits one piece is parsed here: no thread is worth starting for it.
            ahead.add(new Piece(file, buf, limit, true, headerLines, true, l, null, CsvChunk.parse(buf, 0, limit, true, l, spares)));
            return;
        }
        if (pool == null) {
            POOLS_STARTED.incrementAndGet();
            pool = Executors.newFixedThreadPool(PARSE_THREADS, r -> {
                Thread t = new Thread(r, "csv-parse");
                t.setDaemon(true);
                return t;
            });
        }
        Future<CsvChunk> f = pool.submit(() -> CsvChunk.parse(buf, 0, limit, last, l, spares));
        ahead.add(new Piece(file, buf, limit, last, headerLines, firstOfFile, l, f, null));
    }

    /** Opens the next file, reads its header and queues its first piece. */
    private boolean openNextFile() throws Exception {
        if (nextFile >= files.size()) {
            return false;
        }
        file = files.get(nextFile++);
        in = supplied != null ? supplied : Files.newInputStream(file);
        byte[] buf = new byte[0];
        int len = 0;
        CsvParser p = new CsvParser(delimiter, quote);
        List<String> header = null;
        int dataStart;
        long lines;
        boolean atEnd = false;
        while (true) {
            if (!atEnd) {
                buf = Arrays.copyOf(buf, Math.max(pieceBytes(), buf.length * 2));
                len += in.readNBytes(buf, len, buf.length - len);
                atEnd = len < buf.length;
            }
            int pos = len >= 3 && (buf[0] & 0xFF) == 0xEF && (buf[1] & 0xFF) == 0xBB && (buf[2] & 0xFF) == 0xBF ? 3 : 0;
            lines = 0;
            dataStart = pos;
            boolean incomplete = false;
            while (pos < len) {
                int next;
                try {
                    next = p.parse(buf, pos, len, atEnd);
                } catch (StageException e) {
                    throw new StageException("line " + (lines + 1) + ": " + e.getMessage());
                }
                if (next == CsvParser.INCOMPLETE) {
                    incomplete = true;
                    break;
                }
                if (!p.isBlankLine()) {
                    header = new ArrayList<>(p.count);
                    for (int f = 0; f < p.count; f++) {
                        header.add(p.field(buf, f));
                    }
                    if (hasHeader) {
                        lines += p.innerLines + (p.terminated ? 1 : 0);
                        dataStart = next;
                    } else {
                        dataStart = pos;
                    }
                    break;
                }
                lines += p.innerLines + (p.terminated ? 1 : 0);
                pos = next;
                dataStart = pos;
            }
            if (header != null || !incomplete) {
                break;
            }
        }
        context.addBytesRead(dataStart);
        if (header == null) {
            // An empty file adds no rows; the header, if any, comes from the other files.
            in.close();
            in = null;
            return true;
        }
        if (!hasHeader) {
            List<String> generated = new ArrayList<>();
            for (int i = 0; i < header.size(); i++) {
                generated.add("column_" + (i + 1));
            }
            header = generated;
        } else {
            header = uniqueNames(header);
        }
        if (names == null) {
            names = List.copyOf(header);
            namesFrom = file;
            startTyping();
        } else if (!names.equals(header)) {
            throw new StageException("file " + file + " has columns " + header + " but " + namesFrom + " has "
                    + names + "; files read by one glob must have the same columns");
        }
        leftover = Arrays.copyOfRange(buf, dataStart, len);
        if (atEnd) {
            submit(leftover, leftover.length, true, true, lines);
            leftover = new byte[0];
            in.close();
            in = null;
        } else {
            readPiece(true, lines);
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

    /** Fails if option {@code option} names a column the file's header does not have. */
    private void requireInHeader(String option, Iterable<String> columns) throws StageException {
        for (String c : columns) {
            if (!names.contains(c)) {
                throw new StageException("option '" + option + "' names column '" + c + "', which is not in " + file
                        + "; its columns are " + names);
            }
        }
    }

    private void startTyping() throws StageException {
        requireInHeader("schema", declared.keySet());
        skipped = new boolean[names.size()];
        if (selected != null) {
            requireInHeader("columns", selected);
            for (int i = 0; i < skipped.length; i++) {
                skipped[i] = !selected.contains(names.get(i));
            }
        }
        typers = new CsvColumnTyper[names.size()];
        boolean[] asText = new boolean[names.size()];
        for (int i = 0; i < typers.length; i++) {
            typers[i] = new CsvColumnTyper();
            asText[i] = !infer || declared.containsKey(names.get(i));
        }
        layout = new CsvChunk.Layout(names, delimiter, quote, nullValues, asText, skipped);
    }

    private RecordBatch build(List<CsvChunk> pieces, List<Piece> from, int[] starts, int[] ends, long[] bases,
                              int n) throws StageException {
        int width = names.size();
        CsvChunk[] parts = pieces.toArray(new CsvChunk[0]);
        Object[][] converted = new Object[width][];
        boolean[] keep = null;
        int kept = n;
        // A top-N cut-off on this output (the plan's, see TopNCutoffPass): its column first, and
        // the other columns only for the rows that pass. Only without declared columns, which
        // convert every row and may reject it to the dead-letter queue.
        RowCutoff.Test cut = outputCutoff == null || !declared.isEmpty() ? null : outputCutoff.current();
        int cutColumn = cut == null ? -1 : names.indexOf(outputCutoff.column());
        if (cutColumn >= 0 && skipped[cutColumn]) {
            cutColumn = -1;
        }
        Column cutValues = null;
        if (cutColumn >= 0) {
            cutValues = typers[cutColumn].build(parts, starts, ends, parts.length, cutColumn, null, n);
            if (cutRows.length < n) {
                cutRows = new int[n];
            }
            int passed = cut.select(cutValues, cutRows);
            if (passed >= 0 && passed < n) {
                keep = new boolean[n];
                for (int i = 0; i < passed; i++) {
                    keep[cutRows[i]] = true;
                }
                kept = passed;
                cutValues = cutValues.take(cutRows, passed);
            }
        }
        for (int c = 0; c < width; c++) {
            DataType t = declared.get(names.get(c));
            if (t == null) {
                continue;
            }
            converted[c] = new Object[n];
            int i = 0;
            for (int p = 0; p < parts.length; p++) {
                for (int r = starts[p]; r < ends[p]; r++, i++) {
                    if (keep != null && !keep[i]) {
                        continue;
                    }
                    String text = parts[p].cls(c, r) == CsvColumnTyper.NULL ? null : parts[p].text(c, r);
                    try {
                        converted[c][i] = t == DataType.JSON ? JsonText.convert(text) : Values.convert(text, t);
                    } catch (IllegalArgumentException e) {
                        if (keep == null) {
                            keep = new boolean[n];
                            Arrays.fill(keep, true);
                        }
                        keep[i] = false;
                        kept--;
                        context.reject(rowRecord(parts[p], r), where(from.get(p).file()) + "line "
                                + (bases[p] + parts[p].lines[r]) + ": column '" + names.get(c) + "': " + e.getMessage());
                    }
                }
            }
        }
        List<Field> fields = new ArrayList<>(width);
        List<Column> columns = new ArrayList<>(width);
        for (int c = 0; c < width; c++) {
            if (skipped[c]) {
                continue;
            }
            Column col;
            DataType t = declared.get(names.get(c));
            if (t != null) {
                ColumnBuilder b = new ColumnBuilder(t, kept);
                for (int i = 0; i < n; i++) {
                    if (keep == null || keep[i]) {
                        b.append(converted[c][i]);
                    }
                }
                col = b.build();
            } else if (c == cutColumn) {
                col = cutValues;
            } else {
                // Rows the cut-off drops still type the column (the rows a declared column rejects do not).
                col = typers[c].build(parts, starts, ends, parts.length, c, cut != null ? null : keep, keep, kept);
            }
            fields.add(new Field(names.get(c), col.type()));
            columns.add(col);
        }
        return new RecordBatch(new Schema(fields), columns, kept);
    }

    private Map<String, Object> rowRecord(CsvChunk part, int r) {
        Map<String, Object> record = new LinkedHashMap<>();
        for (int i = 0; i < names.size(); i++) {
            record.put(names.get(i), part.cls(i, r) == CsvColumnTyper.NULL ? null : part.text(i, r));
        }
        return record;
    }

    @Override
    public void close() throws IOException {
        if (pool != null) {
            pool.shutdownNow();
        }
        ahead.clear();
        if (in != null) {
            in.close();
            in = null;
        }
    }
}
