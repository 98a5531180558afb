package io.conveyor.engine.internal.cli;

import java.util.ArrayList;
import java.util.List;

/**
 * A plain-text table with a header row and aligned columns, for the terminal. Columns named
 * in {@link #rightAligned} (numbers) are right-aligned. Trailing spaces are trimmed.
 */
final class TextTable {
    private final List<String> header;
    private final List<List<String>> rows = new ArrayList<>();
    private final boolean[] right;

    /** @param header the column titles */
    TextTable(String... header) {
        this.header = List.of(header);
        this.right = new boolean[header.length];
    }

    /** @param columns indexes of columns to right-align
     *  @return this */
    TextTable rightAligned(int... columns) {
        for (int c : columns) {
            right[c] = true;
        }
        return this;
    }

    /** @param cells one value per column; null prints as "-"
     *  @return this */
    TextTable row(Object... cells) {
        List<String> r = new ArrayList<>();
        for (int i = 0; i < header.size(); i++) {
            Object v = i < cells.length ? cells[i] : null;
            r.add(v == null ? "-" : v.toString());
        }
        rows.add(r);
        return this;
    }

    /** @return true if no row was added */
    boolean isEmpty() {
        return rows.isEmpty();
    }

    /** @param indent prefix of every line
     *  @return the table, one line per row after the header, each ending in a newline */
    String render(String indent) {
        int[] width = new int[header.size()];
        for (int i = 0; i < width.length; i++) {
            width[i] = header.get(i).length();
            for (List<String> r : rows) {
                width[i] = Math.max(width[i], r.get(i).length());
            }
        }
        StringBuilder sb = new StringBuilder();
        line(sb, indent, header, width);
        for (List<String> r : rows) {
            line(sb, indent, r, width);
        }
        return sb.toString();
    }

    private void line(StringBuilder sb, String indent, List<String> cells, int[] width) {
        StringBuilder l = new StringBuilder(indent);
        for (int i = 0; i < cells.size(); i++) {
            String c = cells.get(i);
            String pad = " ".repeat(width[i] - c.length());
            l.append(right[i] ? pad + c : c + pad);
            if (i < cells.size() - 1) {
                l.append("  ");
            }
        }
        sb.append(l.toString().stripTrailing()).append('\n');
    }
}
