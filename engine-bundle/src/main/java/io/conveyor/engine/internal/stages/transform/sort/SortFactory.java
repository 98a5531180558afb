package io.conveyor.engine.internal.stages.transform.sort;

import io.conveyor.api.BatchStream;
import io.conveyor.api.Column;
import io.conveyor.api.ConfigException;
import io.conveyor.api.OptionSpec;
import io.conveyor.api.OptionType;
import io.conveyor.api.RecordBatch;
import io.conveyor.api.Schema;
import io.conveyor.api.StageConfig;
import io.conveyor.api.StageContext;
import io.conveyor.api.StageDescriptor;
import io.conveyor.api.StageException;
import io.conveyor.api.StageKind;
import io.conveyor.api.TransformFactory;
import io.conveyor.engine.internal.exec.RowCutoff;
import io.conveyor.engine.internal.stages.ColumnNeeds;
import io.conveyor.engine.internal.stages.SchemaAware;
import io.conveyor.engine.internal.stages.transform.columns.ColumnNames;
import io.conveyor.engine.internal.stages.transform.columns.ColumnProblem;
import io.conveyor.engine.internal.stages.transform.columns.SchemaMerger;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** {@code transform.sort}: orders all rows by one or more key columns; stable. */
public final class SortFactory implements TransformFactory, SchemaAware, ColumnNeeds {
    /** Rows per output batch. */
    static final int OUTPUT_BATCH = 8192;
    /**
     * With {@code limit}, buffered rows beyond the limit are cut back once they reach this many
     * (or the limit, if larger). Small, so that the first cut, which sets the {@link TopNBound}
     * that drops most later rows as they arrive, comes early and sorts few rows.
     */
    static final int TOP_N_CHUNK = 8192;
    private static final StageDescriptor DESCRIPTOR = StageDescriptor.builder(StageKind.TRANSFORM, "sort")
            .description("Orders the rows by the key columns; rows with equal keys keep their input order (stable). "
                    + "Blocking: it holds every row until its input ends. With `limit` it keeps only the first rows "
                    + "of the order (top-N) and holds about that many.")
            .option(OptionSpec.of("by", OptionType.STRING_OR_ARRAY).required()
                            .describe("The key column, or an array of them, most significant first"),
                    OptionSpec.of("descending", OptionType.BOOLEAN_OR_ARRAY).defaultValue(false)
                            .describe("true for descending order; one bool for every key, or an array of one per key"),
                    OptionSpec.string("nulls").defaultValue("last").allowed("last", "first")
                            .describe("Where null keys go, whatever the direction: last or first"),
                    OptionSpec.integer("limit")
                            .describe("Keep only this many rows of the order (top-N in bounded memory)"))
            .blocking()
            .build();

    @Override
    public StageDescriptor descriptor() {
        return DESCRIPTOR;
    }

    /** What to sort by, read from the configuration. */
    private record Spec(List<String> by, boolean[] descending, boolean nullsFirst, long limit) {
        static Spec of(StageConfig config) throws ConfigException {
            List<String> by = config.getStringList("by");
            if (by.isEmpty()) {
                throw config.error("by", "name at least one column to sort by");
            }
            ColumnNames.requireUnique(config, "by", by);
            boolean[] desc = new boolean[by.size()];
            Object d = config.get("descending");
            if (d instanceof List<?> list) {
                if (list.size() != by.size()) {
                    throw config.error("descending", "has " + list.size() + " entries for " + by.size()
                            + " sort keys; give one bool per key in `by`, or a single bool for all");
                }
                for (int i = 0; i < list.size(); i++) {
                    if (!(list.get(i) instanceof Boolean b)) {
                        throw config.error("descending", "entry " + (i + 1) + " must be true or false; found "
                                + list.get(i));
                    }
                    desc[i] = b;
                }
            } else if (Boolean.TRUE.equals(d)) {
                java.util.Arrays.fill(desc, true);
            }
            long limit = config.getLong("limit", -1);
            if (config.has("limit") && limit < 0) {
                throw config.error("limit", "must be 0 or more; found " + limit);
            }
            return new Spec(by, desc, "first".equals(config.getString("nulls", "last")), limit);
        }

        int[] keys(Schema schema) throws ColumnProblem {
            int[] idx = new int[by.size()];
            for (int i = 0; i < idx.length; i++) {
                idx[i] = ColumnNames.require(schema, by.get(i), "by", "");
            }
            return idx;
        }
    }

    @Override
    public void validate(StageConfig config) throws ConfigException {
        Spec.of(config);
    }

    @Override
    public Schema outputSchema(StageConfig config, List<Schema> inputs) throws ConfigException {
        Spec spec = Spec.of(config);
        return ColumnProblem.atCompileTime(config, inputs.get(0), in -> {
            spec.keys(in);
            return in;
        });
    }

    @Override
    public BatchStream open(StageConfig config, List<BatchStream> inputs, StageContext context) throws Exception {
        Spec spec = Spec.of(config);
        BatchStream input = inputs.get(0);
        // Where the plan passes the cut-off up, to drop rows before the stages on their way here (TopNCutoffPass).
        RowCutoff upstream = context instanceof RowCutoff.Publisher p ? p.rowCutoff() : null;
        return new BatchStream() {
            private RecordBatch sorted;
            private int[] order;
            private int emitted;
            private boolean done;

            @Override
            public RecordBatch next() throws Exception {
                if (sorted == null && !done) {
                    load();
                }
                if (sorted == null || (emitted >= order.length && emitted > 0)) {
                    return null;
                }
                int to = Math.min(order.length, emitted + OUTPUT_BATCH);
                int[] rows = java.util.Arrays.copyOfRange(order, emitted, to);
                emitted = to == 0 ? 1 : to;
                return sorted.take(rows, rows.length);
            }

            private void load() throws Exception {
                done = true;
                List<RecordBatch> held = new ArrayList<>();
                long rows = 0;
                RecordBatch b;
                TopNBound bound = null;
                int[] scratch = new int[0];
                while ((b = input.next()) != null) {
                    if (context.isCancelled()) {
                        // Blocking stages check between batches: a cancelled run must not look like a finished input.
                        throw new StageException("the run was cancelled before the input ended");
                    }
                    if (b.rowCount() == 0) {
                        keepTypes(held, b);
                        continue;
                    }
                    if (bound != null) {
                        if (scratch.length < b.rowCount()) {
                            scratch = new int[b.rowCount()];
                        }
                        RecordBatch kept = RowCutoff.narrow(bound, bound.column(), b, scratch);
                        if (kept == null) {
                            // No row of it can enter, but its column types count as they would
                            // without the cut-off: a decimal in it makes the held longs doubles.
                            keepTypes(held, b);
                            continue;
                        }
                        b = kept;
                    }
                    held.add(b);
                    rows += b.rowCount();
                    if (spec.limit >= 0 && rows >= spec.limit + Math.max(spec.limit, TOP_N_CHUNK)) {
                        RecordBatch last = cut(held);
                        // Held: exactly the first `limit` rows so far; what sorts after the last can never enter.
                        rows = spec.limit;
                        bound = last == null ? null
                                : TopNBound.after(last, spec.by.get(0), spec.descending[0], spec.nullsFirst);
                        if (upstream != null && bound != null) {
                            upstream.publish(bound);
                        }
                    }
                }
                if (held.isEmpty()) {
                    return;
                }
                sorted = SchemaMerger.concat(held);
                order = order(sorted);
            }

            /**
             * Keeps, of the held batches, only the rows among the first {@code limit} of the order,
             * each batch's taken from the batch itself and in the order they came. So they keep
             * their batch's own column types, and the last merge widens each once, as a sort
             * without a limit does: widened twice, from long to double and then to string, 71
             * would be written 71.0. A batch without a kept row stays as an empty slice when no
             * other held batch has its schema, so that its types still count.
             *
             * @param held the batches held, in the order they came; changed in place
             * @return the last kept row in the order, as a one-row batch (for the next cut-off), or
             *         null when none is kept
             */
            private RecordBatch cut(List<RecordBatch> held) throws Exception {
                RecordBatch all = SchemaMerger.concat(held);
                int[] o = order(all);
                boolean[] kept = new boolean[all.rowCount()];
                for (int i : o) {
                    kept[i] = true;
                }
                List<RecordBatch> left = new ArrayList<>();
                List<RecordBatch> emptied = new ArrayList<>();
                int base = 0;
                for (RecordBatch h : held) {
                    int n = h.rowCount();
                    int[] rows = new int[n];
                    int k = 0;
                    for (int r = 0; r < n; r++) {
                        if (kept[base + r]) {
                            rows[k++] = r;
                        }
                    }
                    base += n;
                    if (k > 0) {
                        left.add(k == n ? h : h.take(rows, k));
                    } else {
                        emptied.add(h);
                    }
                }
                held.clear();
                held.addAll(left);
                for (RecordBatch e : emptied) {
                    keepTypes(held, e);
                }
                return o.length == 0 ? null : all.take(new int[] {o[o.length - 1]}, 1);
            }

            /** Holds an empty slice of {@code dropped} if no held batch has its schema (its column types). */
            private void keepTypes(List<RecordBatch> held, RecordBatch dropped) {
                for (RecordBatch h : held) {
                    if (h.schema().equals(dropped.schema())) {
                        return;
                    }
                }
                held.add(dropped.slice(0, 0));
            }

            private int[] order(RecordBatch all) throws Exception {
                int[] keys;
                try {
                    keys = spec.keys(all.schema());
                } catch (ColumnProblem e) {
                    throw e.toStage();
                }
                Column[] cols = new Column[keys.length];
                for (int i = 0; i < keys.length; i++) {
                    cols[i] = all.column(keys[i]);
                }
                int n = all.rowCount();
                int[] idx = RowOrder.order(cols, spec.descending, spec.nullsFirst, n);
                return spec.limit >= 0 && spec.limit < n ? java.util.Arrays.copyOf(idx, (int) spec.limit) : idx;
            }

            @Override
            public void close() throws Exception {
                input.close();
            }
        };
    }

    /** Reads what its readers use and its sort keys. */
    @Override
    public List<Set<String>> inputColumns(StageConfig config, List<Schema> inputs, Set<String> needed)
            throws ConfigException {
        Set<String> read = new java.util.LinkedHashSet<>(needed);
        read.addAll(config.getStringList("by"));
        return List.of(read);
    }
}
