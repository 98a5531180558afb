package io.conveyor.engine.internal.expr;

import io.conveyor.api.Column;
import io.conveyor.api.ColumnBuilder;
import io.conveyor.api.DataType;
import java.util.List;

/**
 * Runs a function down its argument vectors: each argument is evaluated once for the batch,
 * then the function's value is computed for each active row from that row's argument values.
 */
final class RowFunction {
    private RowFunction() {
    }

    /**
     * @param result the result type
     * @param args the argument evaluators, already of the parameter types
     * @param impl the per-value computation
     * @param strict true if a null argument gives null without calling {@code impl}
     * @return the evaluator
     */
    static Eval of(DataType result, List<Eval> args, FunctionCatalog.Impl impl, boolean strict) {
        return (batch, active) -> {
            int n = batch.rowCount();
            Column[] cols = new Column[args.size()];
            for (int a = 0; a < cols.length; a++) {
                cols[a] = args.get(a).eval(batch, active);
            }
            ColumnBuilder out = new ColumnBuilder(result, n);
            Object[] values = new Object[cols.length];
            rows:
            for (int i = 0; i < n; i++) {
                if (!Masks.on(active, i)) {
                    out.appendNull();
                    continue;
                }
                for (int a = 0; a < cols.length; a++) {
                    values[a] = cols[a].get(i);
                    if (strict && values[a] == null) {
                        out.appendNull();
                        continue rows;
                    }
                }
                Object v;
                try {
                    v = impl.apply(values);
                } catch (RuntimeException e) {
                    v = null;
                }
                Casts.append(out, v);
            }
            return out.build();
        };
    }
}
