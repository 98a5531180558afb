package io.conveyor.engine.internal.stages.json;

import io.conveyor.api.RecordBatch;
import io.conveyor.api.Values;
import io.conveyor.api.output.WholeNumbers;
import java.io.IOException;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Writes rows as JSON objects (every column, nulls as {@code null}, in column order):
 * {@code records} as one array, {@code jsonl} as one compact object per line. Compact records
 * are {@code [{...},{...}]}; pretty output indents by two spaces. Timestamps and dates are
 * ISO-8601 strings (see {@link Values#writeJson}). Every output ends with a line break. A
 * column that widened from long to double keeps its whole numbers whole ({@link WholeNumbers}).
 */
public final class JsonRowWriter {
    private final Appendable out;
    private final boolean lines;
    private final boolean pretty;
    private boolean any;
    private final StringBuilder buf = new StringBuilder(256);
    /** Whole doubles of a column that started as longs are written as longs (see that class). */
    private final WholeNumbers wholeNumbers = new WholeNumbers();

    /**
     * @param out where text goes
     * @param jsonLines true for one object per line, false for one array
     * @param pretty indent records (ignored for JSON lines)
     */
    public JsonRowWriter(Appendable out, boolean jsonLines, boolean pretty) {
        this.out = out;
        this.lines = jsonLines;
        this.pretty = pretty && !jsonLines;
    }

    /**
     * @param batch rows to write, in order
     * @throws IOException if writing fails
     */
    public void write(RecordBatch batch) throws IOException {
        boolean[] whole = wholeNumbers.wholeDoubles(batch);
        for (int r = 0; r < batch.rowCount(); r++) {
            buf.setLength(0);
            if (!lines) {
                buf.append(any ? (pretty ? ",\n  " : ",") : (pretty ? "[\n  " : "["));
            }
            any = true;
            Map<String, Object> row = WholeNumbers.row(batch, r, whole);
            if (pretty) {
                writePretty(row, 1, buf);
            } else {
                Values.writeJson(row, buf);
            }
            if (lines) {
                buf.append('\n');
            }
            out.append(buf);
        }
    }

    /**
     * Ends the output: closes the array of {@code records}.
     *
     * @throws IOException if writing fails
     */
    public void finish() throws IOException {
        if (lines) {
            return;
        }
        out.append(!any ? "[]\n" : pretty ? "\n]\n" : "]\n");
    }

    private static void writePretty(Object v, int depth, StringBuilder sb) {
        if (v instanceof Map && !((Map<?, ?>) v).isEmpty()) {
            sb.append("{\n");
            Iterator<? extends Map.Entry<?, ?>> it = ((Map<?, ?>) v).entrySet().iterator();
            while (it.hasNext()) {
                Map.Entry<?, ?> e = it.next();
                indent(depth + 1, sb);
                Values.quote(String.valueOf(e.getKey()), sb);
                sb.append(": ");
                writePretty(e.getValue(), depth + 1, sb);
                sb.append(it.hasNext() ? ",\n" : "\n");
            }
            indent(depth, sb);
            sb.append('}');
        } else if (v instanceof List && !((List<?>) v).isEmpty()) {
            List<?> l = (List<?>) v;
            sb.append("[\n");
            for (int i = 0; i < l.size(); i++) {
                indent(depth + 1, sb);
                writePretty(l.get(i), depth + 1, sb);
                sb.append(i + 1 < l.size() ? ",\n" : "\n");
            }
            indent(depth, sb);
            sb.append(']');
        } else {
            Values.writeJson(v, sb);
        }
    }

    private static void indent(int depth, StringBuilder sb) {
        for (int i = 0; i < depth; i++) {
            sb.append("  ");
        }
    }
}
