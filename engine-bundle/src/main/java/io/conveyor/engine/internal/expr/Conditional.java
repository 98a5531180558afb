package io.conveyor.engine.internal.expr;

import io.conveyor.api.Column;
import io.conveyor.api.DataType;
import java.util.List;

/**
 * {@code case when ... then ... else ... end} (also {@code if(c, a, b)}) and
 * {@code coalesce}: each branch is computed only for the rows still undecided when it is
 * reached, and the result is assembled row by row from the branch vectors.
 */
final class Conditional {
    private Conditional() {
    }

    /**
     * @param type the result type (every value evaluator already has it)
     * @param conditions bool evaluators
     * @param values one value evaluator per condition
     * @param otherwise the else value, or null for null
     * @return the case
     */
    static Eval caseWhen(DataType type, List<Eval> conditions, List<Eval> values, Eval otherwise) {
        return (batch, active) -> {
            int n = batch.rowCount();
            ResultBuffer out = new ResultBuffer(type, n);
            boolean[] open = new boolean[n];
            for (int i = 0; i < n; i++) {
                open[i] = Masks.on(active, i);
            }
            for (int b = 0; b < conditions.size(); b++) {
                Column cond = conditions.get(b).eval(batch, open);
                boolean[] take = new boolean[n];
                boolean any = false;
                for (int i = 0; i < n; i++) {
                    if (open[i] && Logic.isTrue(cond, i)) {
                        take[i] = true;
                        open[i] = false;
                        any = true;
                    }
                }
                if (any) {
                    Column v = values.get(b).eval(batch, take);
                    for (int i = 0; i < n; i++) {
                        if (take[i]) {
                            out.copy(v, i);
                        }
                    }
                }
            }
            if (otherwise != null) {
                Column v = otherwise.eval(batch, open);
                for (int i = 0; i < n; i++) {
                    if (open[i]) {
                        out.copy(v, i);
                    }
                }
            }
            return out.build();
        };
    }

    /**
     * @param type the result type of every argument
     * @param args the arguments, in order
     * @return the first non-null argument per row
     */
    static Eval coalesce(DataType type, List<Eval> args) {
        return (batch, active) -> {
            int n = batch.rowCount();
            ResultBuffer out = new ResultBuffer(type, n);
            boolean[] open = new boolean[n];
            for (int i = 0; i < n; i++) {
                open[i] = Masks.on(active, i);
            }
            for (Eval arg : args) {
                Column v = arg.eval(batch, open);
                boolean any = false;
                for (int i = 0; i < n; i++) {
                    if (open[i] && !v.isNull(i)) {
                        out.copy(v, i);
                        open[i] = false;
                    }
                    any |= open[i];
                }
                if (!any) {
                    break;
                }
            }
            return out.build();
        };
    }
}
