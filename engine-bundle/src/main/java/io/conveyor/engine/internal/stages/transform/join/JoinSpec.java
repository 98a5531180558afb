package io.conveyor.engine.internal.stages.transform.join;

import io.conveyor.api.ConfigException;
import io.conveyor.api.StageConfig;
import io.conveyor.engine.internal.stages.transform.columns.ColumnNames;
import java.util.List;

/**
 * A join's configuration, checked for shape.
 *
 * @param how inner, left, right, full, semi or anti
 * @param leftKeys the key columns of the left input
 * @param rightKeys the key columns of the right input, one per left key
 * @param sharedKeys true when the keys were given with {@code on}: they then appear once in the output
 * @param suffix appended to the name of a right column that clashes with a left one
 */
record JoinSpec(String how, List<String> leftKeys, List<String> rightKeys, boolean sharedKeys, String suffix) {
    static final List<String> HOWS = List.of("inner", "left", "right", "full", "semi", "anti");

    static JoinSpec of(StageConfig config) throws ConfigException {
        String how = config.getString("how", "inner");
        boolean on = config.has("on");
        boolean split = config.has("left_on") || config.has("right_on");
        if (on && split) {
            throw config.error("on", "give either `on` (the same column names on both sides) or `left_on` and "
                    + "`right_on`, not both");
        }
        if (!on && !split) {
            throw config.error("on", "name the join keys with `on`, or with `left_on` and `right_on`");
        }
        if (!on && (!config.has("left_on") || !config.has("right_on"))) {
            String missing = config.has("left_on") ? "right_on" : "left_on";
            throw config.error(config.has("left_on") ? "left_on" : "right_on", "`left_on` and `right_on` go together; "
                    + "add `" + missing + "`");
        }
        List<String> left = config.getStringList(on ? "on" : "left_on");
        List<String> right = config.getStringList(on ? "on" : "right_on");
        String key = on ? "on" : "left_on";
        if (left.isEmpty() || right.isEmpty()) {
            throw config.error(left.isEmpty() ? key : "right_on", "name at least one key column");
        }
        if (left.size() != right.size()) {
            throw config.error("right_on", "has " + right.size() + " columns for " + left.size()
                    + " in `left_on`; give one right key per left key");
        }
        ColumnNames.requireUnique(config, key, left);
        ColumnNames.requireUnique(config, on ? "on" : "right_on", right);
        String suffix = config.getString("suffix", "_right");
        if (suffix.isEmpty()) {
            throw config.error("suffix", "must not be empty: clashing right columns need a different name");
        }
        return new JoinSpec(how, left, right, on, suffix);
    }

    /** @return true if the output holds only left columns */
    boolean leftOnly() {
        return how.equals("semi") || how.equals("anti");
    }

    /** @return true if unmatched right rows are output */
    boolean keepsUnmatchedRight() {
        return how.equals("right") || how.equals("full");
    }

    /** @return true if unmatched left rows are output (with null right columns) */
    boolean keepsUnmatchedLeft() {
        return how.equals("left") || how.equals("full");
    }
}
