package io.conveyor.engine.internal.stages.transform.join;

import io.conveyor.api.DataType;
import io.conveyor.api.Field;
import io.conveyor.api.Schema;
import io.conveyor.api.Values;
import io.conveyor.engine.internal.stages.transform.columns.ColumnNames;
import io.conveyor.engine.internal.stages.transform.columns.ColumnProblem;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Where each output column of a join comes from, for one left and one right schema: every left
 * column in order, then the right columns in order. With {@code on} the right key columns are
 * left out, the left ones standing for both (filled from the right for unmatched right rows); a
 * right column whose name is taken gets the suffix. Semi and anti joins output the left columns only.
 */
final class JoinLayout {
    final Schema output;
    final int[] leftKeys;
    final int[] rightKeys;
    /** Per left column: the right column that fills it in unmatched right rows (a shared key), or -1. */
    final int[] leftFromRight;
    /** The right columns in the output, as indices into the right schema. */
    final int[] rightColumns;

    private JoinLayout(Schema output, int[] leftKeys, int[] rightKeys, int[] leftFromRight, int[] rightColumns) {
        this.output = output;
        this.leftKeys = leftKeys;
        this.rightKeys = rightKeys;
        this.leftFromRight = leftFromRight;
        this.rightColumns = rightColumns;
    }

    /**
     * @param spec the join
     * @param left the left schema
     * @param right the right schema, or null when unknown (a semi or anti join, or a right input without batches)
     * @return the layout
     * @throws ColumnProblem for an unknown key column or a name the suffix cannot resolve
     */
    static JoinLayout of(JoinSpec spec, Schema left, Schema right) throws ColumnProblem {
        String leftKey = spec.sharedKeys() ? "on" : "left_on";
        String rightKey = spec.sharedKeys() ? "on" : "right_on";
        int[] lk = new int[spec.leftKeys().size()];
        int[] rk = new int[lk.length];
        for (int i = 0; i < lk.length; i++) {
            lk[i] = ColumnNames.require(left, spec.leftKeys().get(i), leftKey, " in the left input");
            rk[i] = right == null ? -1 : ColumnNames.require(right, spec.rightKeys().get(i), rightKey,
                    " in the right input");
        }
        int[] fromRight = new int[left.size()];
        java.util.Arrays.fill(fromRight, -1);
        if (spec.leftOnly() || right == null) {
            return new JoinLayout(left, lk, rk, fromRight, new int[0]);
        }
        List<Field> fields = new ArrayList<>(left.fields());
        Set<Integer> skipped = new HashSet<>();
        if (spec.sharedKeys()) {
            for (int i = 0; i < lk.length; i++) {
                skipped.add(rk[i]);
                fromRight[lk[i]] = rk[i];
                if (spec.keepsUnmatchedRight()) {
                    DataType t = Values.widen(left.field(lk[i]).type(), right.field(rk[i]).type());
                    fields.set(lk[i], new Field(left.field(lk[i]).name(), t));
                }
            }
        }
        Set<String> taken = new HashSet<>(left.names());
        for (int c = 0; c < right.size(); c++) {
            if (!skipped.contains(c) && !left.names().contains(right.field(c).name())) {
                taken.add(right.field(c).name());
            }
        }
        List<Integer> rightCols = new ArrayList<>();
        for (int c = 0; c < right.size(); c++) {
            if (skipped.contains(c)) {
                continue;
            }
            String name = right.field(c).name();
            if (left.indexOf(name) >= 0) {
                String renamed = name + spec.suffix();
                if (!taken.add(renamed)) {
                    throw new ColumnProblem("suffix", "column '" + name + "' is in both inputs and '" + renamed
                            + "' is taken too; choose another `suffix`");
                }
                name = renamed;
            }
            fields.add(new Field(name, right.field(c).type()));
            rightCols.add(c);
        }
        return new JoinLayout(new Schema(fields), lk, rk, fromRight,
                rightCols.stream().mapToInt(Integer::intValue).toArray());
    }
}
