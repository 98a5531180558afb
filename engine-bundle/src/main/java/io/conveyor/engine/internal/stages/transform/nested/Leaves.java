package io.conveyor.engine.internal.stages.transform.nested;

import io.conveyor.api.Column;
import io.conveyor.api.StageException;
import io.conveyor.engine.internal.stages.transform.InferredColumn;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The leaf columns of one flattened json column, remembered across batches: their names in
 * order of first appearance, the path each came from (to name both sides of a clash), and
 * their types, widened as batches come.
 */
final class Leaves {
    private final String column;
    private final String separator;
    private final int depth;
    private final boolean indexArrays;
    private final Map<String, String> paths = new LinkedHashMap<>();
    private final Map<String, InferredColumn> types = new LinkedHashMap<>();
    private Map<String, Object[]> values;
    /** Names seen only with a null in this batch so far, to their paths: see {@link #walk}. */
    private final Map<String, String> deferredPaths = new LinkedHashMap<>();
    private int rows;
    private int row;

    Leaves(String column, String separator, int depth, boolean indexArrays) {
        this.column = column;
        this.separator = separator;
        this.depth = depth;
        this.indexArrays = indexArrays;
    }

    /** @return the path a leaf name came from, e.g. {@code payload.a[0].b} */
    String pathOf(String name) {
        return paths.get(name);
    }

    /**
     * @param col the json column of one batch
     * @param n its rows
     * @return every leaf column known so far, in order, for this batch's rows
     * @throws StageException when two paths give one name
     */
    Map<String, Column> flatten(Column col, int n) throws StageException {
        rows = n;
        values = new LinkedHashMap<>();
        for (String name : paths.keySet()) {
            values.put(name, new Object[n]);
        }
        deferredPaths.clear();
        for (row = 0; row < n; row++) {
            if (!col.isNull(row)) {
                walk(col.get(row), column, column, 0);
            }
        }
        for (Map.Entry<String, String> e : deferredPaths.entrySet()) {
            if (!paths.containsKey(e.getKey()) && !opened(e.getValue())) {
                leaf(e.getKey(), e.getValue());
            }
        }
        Map<String, Column> out = new LinkedHashMap<>();
        for (Map.Entry<String, Object[]> e : values.entrySet()) {
            out.put(e.getKey(), types.get(e.getKey()).build(e.getValue(), n));
        }
        return out;
    }

    private void walk(Object v, String name, String path, int level) throws StageException {
        if (level < depth && v instanceof Map<?, ?> map && !map.isEmpty()) {
            for (Map.Entry<?, ?> e : map.entrySet()) {
                String key = String.valueOf(e.getKey());
                walk(e.getValue(), name + separator + key, path + "." + key, level + 1);
            }
            return;
        }
        if (indexArrays && level < depth && v instanceof List<?> list && !list.isEmpty()) {
            for (int i = 0; i < list.size(); i++) {
                walk(list.get(i), name + separator + i, path + "[" + i + "]", level + 1);
            }
            return;
        }
        if (v == null && !paths.containsKey(name)) {
            // A null where other rows have an object ({"addr": null} beside {"addr": {"city": "P"}})
            // is no leaf of its own: the object's leaves are null in this row, and a column of
            // nulls only would say nothing more. It becomes a column only if no row of the batch
            // opens that path. (An empty object does say something, {} and not null: it stays a
            // json value under its own name.)
            deferredPaths.putIfAbsent(name, path);
            return;
        }
        leaf(name, path);
        values.get(name)[row] = v;
    }

    /** Registers a leaf column, its values all null so far. */
    private void leaf(String name, String path) throws StageException {
        String known = paths.putIfAbsent(name, path);
        if (known == null) {
            types.put(name, new InferredColumn());
            values.put(name, new Object[rows]);
        } else if (!known.equals(path)) {
            throw new StageException("flattening gives two columns named '" + name + "': from path " + known
                    + " and from path " + path + "; set another separator or a smaller depth");
        }
    }

    /** @return whether a leaf below {@code path} is known: some row had an object or indexed array there */
    private boolean opened(String path) {
        for (String p : paths.values()) {
            if (p.startsWith(path) && p.length() > path.length()
                    && (p.charAt(path.length()) == '.' || p.charAt(path.length()) == '[')) {
                return true;
            }
        }
        return false;
    }
}
