package io.conveyor.engine.internal.stages.transform.validate;

import io.conveyor.api.Column;
import io.conveyor.api.ConfigException;
import io.conveyor.api.DataType;
import io.conveyor.api.StageConfig;
import io.conveyor.api.Values;
import io.conveyor.engine.internal.stages.transform.InvalidRows;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * One entry of {@code transform.validate}'s {@code rules}: the checks on one column. Every
 * check but {@code required} and {@code not_null} passes a null, so "may be empty, but if set
 * must match" is written without {@code not_null}. Checks run a column vector at a time.
 */
final class ValidationRule {
    static final List<String> KEYS = List.of("column", "required", "not_null", "unique", "type", "allowed", "pattern",
            "min", "max");

    final String column;
    final boolean required;
    private final boolean notNull;
    final boolean unique;
    final DataType type;
    private final List<Object> allowed;
    private final Pattern pattern;
    private final Number min;
    private final Number max;
    /** Canonical text of the values seen by a unique rule; grows with the distinct values of the input. */
    private final Set<String> seen = new HashSet<>();

    private ValidationRule(String column, boolean required, boolean notNull, boolean unique, DataType type,
                           List<Object> allowed, Pattern pattern, Number min, Number max) {
        this.column = column;
        this.required = required;
        this.notNull = notNull;
        this.unique = unique;
        this.type = type;
        this.allowed = allowed;
        this.pattern = pattern;
        this.min = min;
        this.max = max;
    }

    /**
     * @param config the stage config, for positioned errors
     * @param index the rule's place in {@code rules}, from 0
     * @param value the rule as written
     * @return the rule
     * @throws ConfigException naming {@code rules[i].key} when the rule is malformed
     */
    static ValidationRule parse(StageConfig config, int index, Object value) throws ConfigException {
        String at = "rules[" + index + "]";
        if (!(value instanceof Map<?, ?> table)) {
            throw config.error(at, "each rule is a table such as { column = \"id\", not_null = true }; found "
                    + InvalidRows.quote(value));
        }
        for (Object key : table.keySet()) {
            if (!KEYS.contains(key)) {
                throw config.error(at + "." + key, "unknown rule key '" + key + "'; a rule takes "
                        + String.join(", ", KEYS));
            }
        }
        if (!(table.get("column") instanceof String column) || column.isEmpty()) {
            throw config.error(at, "a rule needs column = \"NAME\", the column it checks");
        }
        DataType type = null;
        if (table.containsKey("type")) {
            type = table.get("type") instanceof String t ? DataType.fromId(t) : null;
            if (type == null) {
                throw config.error(at + ".type", "unknown type " + InvalidRows.quote(table.get("type"))
                        + "; use one of bool, long, double, string, timestamp, date, json");
            }
        }
        List<Object> allowed = null;
        if (table.containsKey("allowed")) {
            if (!(table.get("allowed") instanceof List<?> list) || list.isEmpty()) {
                throw config.error(at + ".allowed", "must be a non-empty array of the values allowed, "
                        + "e.g. allowed = [\"gold\", \"silver\"]");
            }
            allowed = new ArrayList<>(list);
        }
        Pattern pattern = null;
        if (table.containsKey("pattern")) {
            if (!(table.get("pattern") instanceof String p)) {
                throw config.error(at + ".pattern", "must be a regular expression in a string");
            }
            try {
                pattern = Pattern.compile(p);
            } catch (PatternSyntaxException e) {
                throw config.error(at + ".pattern", "invalid regular expression '" + p + "': " + e.getDescription()
                        + " at index " + e.getIndex() + " (0-based, within the pattern)");
            }
        }
        Number min = number(config, at, table, "min");
        Number max = number(config, at, table, "max");
        if (min != null && max != null && min.doubleValue() > max.doubleValue()) {
            throw config.error(at + ".min", "min " + Values.toText(min) + " is greater than max " + Values.toText(max));
        }
        return new ValidationRule(column, flag(config, at, table, "required", true),
                flag(config, at, table, "not_null", false), flag(config, at, table, "unique", false), type, allowed,
                pattern, min, max);
    }

    private static boolean flag(StageConfig config, String at, Map<?, ?> table, String key, boolean fallback)
            throws ConfigException {
        Object v = table.get(key);
        if (v == null) {
            return fallback;
        }
        if (!(v instanceof Boolean b)) {
            throw config.error(at + "." + key, "must be true or false; found " + InvalidRows.quote(v));
        }
        return b;
    }

    private static Number number(StageConfig config, String at, Map<?, ?> table, String key) throws ConfigException {
        Object v = table.get(key);
        if (v == null) {
            return null;
        }
        if (!(v instanceof Number n)) {
            throw config.error(at + "." + key, "must be a number; found " + InvalidRows.quote(v));
        }
        return n;
    }

    /**
     * Marks the rows of {@code col} this rule rejects, except the unique check (see {@link #checkUnique}).
     *
     * @param col the column, or null when the batch lacks it
     * @param rows the batch size
     * @param invalid where to mark rows
     */
    void check(Column col, int rows, InvalidRows invalid) {
        if (col == null) {
            if (required) {
                for (int r = 0; r < rows; r++) {
                    invalid.mark(r, "column '" + column + "' fails rule 'required': the column is missing");
                }
            }
            return;
        }
        Set<String> allowedText = allowed == null ? null : allowedText(col.type());
        for (int r = 0; r < rows; r++) {
            if (col.isNull(r)) {
                if (notNull) {
                    invalid.mark(r, "column '" + column + "' fails rule 'not_null': the value is null");
                }
                continue;
            }
            if (type == null && allowedText == null && pattern == null && min == null && max == null) {
                continue;
            }
            Object v = col.get(r);
            String failure = failure(v, col.type(), allowedText);
            if (failure != null) {
                invalid.mark(r, "column '" + column + "' fails rule " + failure);
            }
        }
    }

    private String failure(Object v, DataType have, Set<String> allowedText) {
        if (type != null && have != type && !conforms(v)) {
            return "'type': " + InvalidRows.quote(v) + " is not a " + type.id();
        }
        if (allowedText != null && !allowedText.contains(Values.toText(v))) {
            return "'allowed': " + InvalidRows.quote(v) + " is not one of " + listed(allowed);
        }
        if (pattern != null && !pattern.matcher(Values.toText(v)).matches()) {
            return "'pattern': " + InvalidRows.quote(v) + " does not match " + pattern.pattern();
        }
        if (min != null || max != null) {
            Double d = v instanceof Number n ? Double.valueOf(n.doubleValue()) : parse(v);
            if (d == null) {
                return "'" + (min != null ? "min" : "max") + "': " + InvalidRows.quote(v) + " is not a number";
            }
            if (min != null && d < min.doubleValue()) {
                return "'min': " + InvalidRows.quote(v) + " is less than " + Values.toText(min);
            }
            if (max != null && d > max.doubleValue()) {
                return "'max': " + InvalidRows.quote(v) + " is greater than " + Values.toText(max);
            }
        }
        return null;
    }

    private boolean conforms(Object v) {
        if (type == DataType.JSON) {
            return v instanceof Map || v instanceof List;
        }
        try {
            Values.convert(v, type);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static Double parse(Object v) {
        if (!(v instanceof String s)) {
            return null;
        }
        try {
            return Double.parseDouble(s.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** The allowed values as the column's canonical text, so allowed = [1] matches 1 in a double column. */
    private Set<String> allowedText(DataType have) {
        Set<String> out = new LinkedHashSet<>();
        for (Object a : allowed) {
            try {
                out.add(Values.toText(Values.convert(a, have)));
            } catch (IllegalArgumentException e) {
                out.add(Values.toText(a));
            }
        }
        return out;
    }

    private static String listed(List<Object> values) {
        List<String> out = new ArrayList<>();
        for (Object v : values) {
            out.add(Values.toText(v));
        }
        return String.join(", ", out);
    }

    /**
     * @param key a value of this rule's column, as canonical text
     * @return true if a row that passed every rule had it before
     */
    boolean seenBefore(String key) {
        return seen.contains(key);
    }

    /** @param key a key of a row that passed every rule; later rows with it fail 'unique' */
    void remember(String key) {
        seen.add(key);
    }
}
