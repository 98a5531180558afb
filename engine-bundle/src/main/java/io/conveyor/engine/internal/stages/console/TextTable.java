package io.conveyor.engine.internal.stages.console;

import io.conveyor.api.Column;
import io.conveyor.api.DataType;
import io.conveyor.api.Values;
import io.conveyor.api.output.WholeNumbers;
import java.util.ArrayList;
import java.util.List;

/**
 * A boxed text table for a terminal: column widths from the rows it holds, numbers right
 * aligned, nulls shown as {@code null}, line breaks inside values shown as {@code \n}.
 */
final class TextTable {
    private final List<String> names;
    private final boolean[] rightAligned;
    private final List<String[]> rows = new ArrayList<>();

    TextTable(List<String> names, List<DataType> types) {
        this.names = names;
        this.rightAligned = new boolean[names.size()];
        for (int i = 0; i < types.size(); i++) {
            rightAligned[i] = types.get(i) == DataType.LONG || types.get(i) == DataType.DOUBLE;
        }
    }

    List<String> names() {
        return names;
    }

    int size() {
        return rows.size();
    }

    /**
     * Adds row {@code r} of the given columns.
     *
     * @param whole per column, true where whole doubles are shown as whole numbers
     *              ({@link WholeNumbers#wholeDoubles}), or null for none
     */
    void add(List<Column> columns, int r, boolean[] whole) {
        String[] cells = new String[columns.size()];
        for (int c = 0; c < cells.length; c++) {
            Column col = columns.get(c);
            if (col.isNull(r)) {
                cells[c] = "null";
            } else if (whole != null && whole[c] && WholeNumbers.isWhole(col.getDouble(r))) {
                cells[c] = Long.toString((long) col.getDouble(r));
            } else {
                cells[c] = Values.toText(col.get(r)).replace("\r", "\\r").replace("\n", "\\n");
            }
        }
        rows.add(cells);
    }

    /** @return the table, each line ending in a line break */
    String render() {
        int[] widths = new int[names.size()];
        for (int c = 0; c < widths.length; c++) {
            widths[c] = names.get(c).length();
            for (String[] row : rows) {
                widths[c] = Math.max(widths[c], row[c].length());
            }
        }
        StringBuilder sb = new StringBuilder();
        rule(widths, sb);
        line(names.toArray(new String[0]), widths, new boolean[widths.length], sb);
        rule(widths, sb);
        for (String[] row : rows) {
            line(row, widths, rightAligned, sb);
        }
        if (!rows.isEmpty()) {
            rule(widths, sb);
        }
        return sb.toString();
    }

    private static void rule(int[] widths, StringBuilder sb) {
        sb.append('+');
        for (int w : widths) {
            sb.append("-".repeat(w + 2)).append('+');
        }
        sb.append('\n');
    }

    private static void line(String[] cells, int[] widths, boolean[] right, StringBuilder sb) {
        sb.append('|');
        for (int c = 0; c < widths.length; c++) {
            String pad = " ".repeat(widths[c] - cells[c].length());
            sb.append(' ').append(right[c] ? pad + cells[c] : cells[c] + pad).append(" |");
        }
        sb.append('\n');
    }
}
