package io.conveyor.plugin.http.format;

import java.util.List;

/**
 * Writes RFC 4180 CSV rows: a field is quoted when it holds a comma, a quote (doubled), a
 * line break or leading/trailing spaces, and when it is the empty string (so that it reads
 * back as "" rather than null). Null is written as an empty unquoted field. Rows end in LF.
 */
public final class CsvWriter {
    private final StringBuilder out;

    /** @param out where rows are appended */
    public CsvWriter(StringBuilder out) {
        this.out = out;
    }

    /** @param fields the row's fields; null for a missing value */
    public void row(List<String> fields) {
        for (int i = 0; i < fields.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            field(fields.get(i));
        }
        out.append('\n');
    }

    private void field(String f) {
        if (f == null) {
            return;
        }
        boolean quote = f.isEmpty() || f.charAt(0) == ' ' || f.charAt(f.length() - 1) == ' ';
        for (int i = 0; i < f.length() && !quote; i++) {
            char c = f.charAt(i);
            quote = c == ',' || c == '"' || c == '\n' || c == '\r';
        }
        if (!quote) {
            out.append(f);
            return;
        }
        out.append('"');
        for (int i = 0; i < f.length(); i++) {
            char c = f.charAt(i);
            if (c == '"') {
                out.append('"');
            }
            out.append(c);
        }
        out.append('"');
    }
}
