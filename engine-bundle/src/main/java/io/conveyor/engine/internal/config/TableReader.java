package io.conveyor.engine.internal.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads the keys of one fixed-shape table of the pipeline file ({@code [global]}, one
 * {@code [[stages]]} entry, ...), reporting unknown keys, missing keys, wrong types and
 * values out of range as positioned problems. A getter that finds a problem reports it and
 * returns the default, so reading goes on and every problem is found.
 */
final class TableReader {
    private final Map<String, Object> table;
    private final String path;
    private final String keyPrefix;
    private final String stageId;
    private final TomlDocument doc;
    private final ProblemCollector problems;

    /**
     * @param table the table's values
     * @param path the table's dotted path in the document (for positions), e.g. {@code stages[2]}
     * @param keyPrefix what problem keys start with, e.g. {@code global.}, or empty inside a stage
     * @param stageId the stage the table belongs to, or null
     * @param doc the document, for positions
     * @param problems where problems go
     */
    TableReader(Map<String, Object> table, String path, String keyPrefix, String stageId, TomlDocument doc,
                ProblemCollector problems) {
        this.table = table;
        this.path = path;
        this.keyPrefix = keyPrefix;
        this.stageId = stageId;
        this.doc = doc;
        this.problems = problems;
    }

    /** @return the table's values */
    Map<String, Object> values() {
        return table;
    }

    /** @return the table's position in the file */
    SourcePosition position() {
        return doc.positionOf(path);
    }

    /** @param key a key of this table
     *  @return the dotted document path of the key */
    String pathOf(String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    /** @param key a key of this table
     *  @return the key's position, or the table's when the key is absent */
    SourcePosition positionOf(String key) {
        return doc.firstKnown(pathOf(key), path);
    }

    /** Reports every key that is not one of {@code known}, with a hint. */
    void rejectUnknownKeys(Set<String> known) {
        for (String key : table.keySet()) {
            if (!known.contains(key)) {
                String hint = Suggestions.hint(key, known);
                if (hint == null) {
                    hint = "known keys: " + String.join(", ", known);
                }
                report(key, "unknown key '" + key + "'", hint);
            }
        }
    }

    boolean has(String key) {
        return table.containsKey(key);
    }

    Object raw(String key) {
        return table.get(key);
    }

    /** Reports a problem at {@code key} (or at the table when the key is absent). */
    void report(String key, String message, String hint) {
        problems.add(positionOf(key), stageId, keyPrefix + key, message, hint);
    }

    /** Reports a problem at element {@code index} of array {@code key}. */
    void reportElement(String key, int index, String message, String hint) {
        problems.add(doc.firstKnown(pathOf(key) + "[" + index + "]", pathOf(key), path), stageId,
                keyPrefix + key, message, hint);
    }

    String string(String key, boolean required) {
        Object v = table.get(key);
        if (v == null) {
            if (required) {
                report(key, "missing required key '" + key + "'", null);
            }
            return null;
        }
        if (!(v instanceof String s)) {
            report(key, ValueKinds.mismatch("a string", v), null);
            return null;
        }
        return s;
    }

    /**
     * @param allowed the values allowed, in the order to list them
     * @return the value, or null when absent or not allowed
     */
    String oneOf(String key, List<String> allowed) {
        String s = string(key, false);
        if (s != null && !allowed.contains(s)) {
            report(key, "unknown value '" + s + "'; use one of: " + String.join(", ", allowed),
                    Suggestions.hint(s, allowed));
            return null;
        }
        return s;
    }

    long integer(String key, long min, long fallback) {
        Object v = table.get(key);
        if (v == null) {
            return fallback;
        }
        if (!(v instanceof Long l)) {
            report(key, ValueKinds.mismatch("an integer", v), null);
            return fallback;
        }
        if (l < min) {
            report(key, "must be at least " + min + ", found " + l, null);
            return fallback;
        }
        return l;
    }

    double number(String key, double min, double fallback) {
        Object v = table.get(key);
        if (v == null) {
            return fallback;
        }
        if (!(v instanceof Long) && !(v instanceof Double)) {
            report(key, ValueKinds.mismatch("a number", v), null);
            return fallback;
        }
        double d = ((Number) v).doubleValue();
        if (!(d >= min) || Double.isInfinite(d)) {
            report(key, "must be a finite number of at least " + text(min) + ", found " + text(d), null);
            return fallback;
        }
        return d;
    }

    private static String text(double d) {
        return d == Math.rint(d) && !Double.isInfinite(d) ? Long.toString((long) d) : Double.toString(d);
    }

    boolean bool(String key, boolean fallback) {
        Object v = table.get(key);
        if (v == null) {
            return fallback;
        }
        if (!(v instanceof Boolean b)) {
            report(key, ValueKinds.mismatch("a boolean", v), null);
            return fallback;
        }
        return b;
    }

    /** @return the strings of array {@code key} with their paths (elements that are not strings are reported
     *  and left out) */
    List<LocatedString> stringArray(String key) {
        List<LocatedString> out = new ArrayList<>();
        Object v = table.get(key);
        if (v == null) {
            return out;
        }
        if (!(v instanceof List<?> list)) {
            report(key, ValueKinds.mismatch("an array of strings", v), null);
            return out;
        }
        for (int i = 0; i < list.size(); i++) {
            Object e = list.get(i);
            if (e instanceof String s) {
                out.add(new LocatedString(s, pathOf(key) + "[" + i + "]"));
            } else {
                reportElement(key, i, ValueKinds.mismatch("a string", e), null);
            }
        }
        return out;
    }

    /** @return the sub-table {@code key}, or null when absent or not a table (reported) */
    @SuppressWarnings("unchecked")
    Map<String, Object> table(String key) {
        Object v = table.get(key);
        if (v == null) {
            return null;
        }
        if (!(v instanceof Map)) {
            report(key, ValueKinds.mismatch("a table", v), null);
            return null;
        }
        return (Map<String, Object>) v;
    }

    /**
     * @param key a sub-table key
     * @return a reader for it, or null when absent or not a table (reported)
     */
    TableReader subReader(String key) {
        Map<String, Object> t = table(key);
        return t == null ? null : new TableReader(t, pathOf(key), keyPrefix + key + ".", stageId, doc, problems);
    }
}
