package io.conveyor.engine.internal.stages.transform.join;

import io.conveyor.api.BatchStream;
import io.conveyor.api.Column;
import io.conveyor.api.DataType;
import io.conveyor.api.RecordBatch;
import io.conveyor.api.Schema;
import io.conveyor.api.StageContext;
import io.conveyor.api.StageException;
import io.conveyor.engine.internal.stages.transform.columns.ColumnConverter;
import io.conveyor.engine.internal.stages.transform.columns.ColumnGather;
import io.conveyor.engine.internal.stages.transform.columns.ColumnNames;
import io.conveyor.engine.internal.stages.transform.columns.ColumnProblem;
import io.conveyor.engine.internal.stages.transform.columns.SchemaMerger;
import io.conveyor.engine.internal.stages.transform.keys.KeyIndex;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The join at run time. First reads the whole right input into one batch and numbers its keys
 * with a {@link KeyIndex}, chaining the rows of each key in right order; then streams the left
 * input a batch at a time, emitting each left row's matches in right order (so the output keeps
 * left order). A right or full join then emits the right rows no left row matched, in right
 * order. A key with a null in it never matches.
 */
final class HashJoin implements BatchStream {
    private static final int OUTPUT_BATCH = 8192;
    private final JoinSpec spec;
    private final BatchStream left;
    private final BatchStream right;
    private final StageContext context;
    private RecordBatch table;
    private KeyIndex index;
    private int[] head;
    private int[] chain;
    private boolean[] matched;
    private boolean built;
    private boolean leftDone;
    private Schema lastLeft;
    /** The schema of the last batch this join emitted, to pass each on at least once. */
    private Schema lastPassed;
    private JoinLayout layout;
    private int unmatchedFrom;
    private int[] leftRows = new int[OUTPUT_BATCH];
    private int[] rightRows = new int[OUTPUT_BATCH];
    private int[] groups = new int[0];

    HashJoin(JoinSpec spec, BatchStream left, BatchStream right, StageContext context) {
        this.spec = spec;
        this.left = left;
        this.right = right;
        this.context = context;
    }

    @Override
    public RecordBatch next() throws Exception {
        if (!built) {
            build();
            // Without right rows an inner, semi or right join has nothing to match: the left input is not read.
            leftDone = index == null && !spec.keepsUnmatchedLeft() && !spec.how().equals("anti");
        }
        while (!leftDone) {
            RecordBatch batch = left.next();
            if (batch == null) {
                leftDone = true;
                break;
            }
            RecordBatch out = probe(batch);
            if (out != null) {
                return out;
            }
        }
        return spec.keepsUnmatchedRight() ? unmatchedRight() : null;
    }

    private void build() throws Exception {
        built = true;
        List<RecordBatch> batches = new ArrayList<>();
        RecordBatch b;
        while ((b = right.next()) != null) {
            batches.add(b);
            if (context.isCancelled()) {
                // Blocking stages check between batches: a cancelled run must not look like a finished input.
                throw new StageException("the run was cancelled before the input ended");
            }
        }
        if (batches.isEmpty()) {
            return;
        }
        table = SchemaMerger.concat(batches);
        int[] keys = new int[spec.rightKeys().size()];
        for (int i = 0; i < keys.length; i++) {
            try {
                keys[i] = ColumnNames.require(table.schema(), spec.rightKeys().get(i),
                        spec.sharedKeys() ? "on" : "right_on", " in the right input");
            } catch (ColumnProblem e) {
                throw e.toStage();
            }
        }
        int n = table.rowCount();
        List<Column> keyCols = columns(table, keys);
        List<DataType> types = new ArrayList<>();
        keyCols.forEach(c -> types.add(c.type()));
        index = new KeyIndex(types);
        int[] rowGroups = new int[n];
        index.groups(keyCols, n, true, rowGroups);
        boolean[] nullKey = KeyIndex.anyNull(keyCols, n);
        head = new int[index.size()];
        Arrays.fill(head, -1);
        chain = new int[n];
        for (int r = n - 1; r >= 0; r--) {
            if (!nullKey[r]) {
                chain[r] = head[rowGroups[r]];
                head[rowGroups[r]] = r;
            }
        }
        matched = new boolean[n];
    }

    private static List<Column> columns(RecordBatch batch, int[] idx) {
        List<Column> out = new ArrayList<>(idx.length);
        for (int i : idx) {
            out.add(batch.column(i));
        }
        return out;
    }

    private RecordBatch probe(RecordBatch batch) throws Exception {
        if (!batch.schema().equals(lastLeft)) {
            try {
                layout = JoinLayout.of(spec, batch.schema(), table == null ? null : table.schema());
            } catch (ColumnProblem e) {
                throw e.toStage();
            }
            lastLeft = batch.schema();
        }
        int n = batch.rowCount();
        if (groups.length < n) {
            groups = new int[n];
        }
        List<Column> keyCols = columns(batch, layout.leftKeys);
        if (index == null) {
            Arrays.fill(groups, 0, n, -1);
        } else {
            index.groups(keyCols, n, false, groups);
        }
        boolean[] nullKey = KeyIndex.anyNull(keyCols, n);
        // Read once per batch: string comparisons per row cost more than the probe itself.
        boolean leftOnly = spec.leftOnly();
        boolean semi = spec.how().equals("semi");
        boolean keepUnmatched = spec.keepsUnmatchedLeft();
        int count = 0;
        for (int r = 0; r < n; r++) {
            int m = groups[r] < 0 || nullKey[r] ? -1 : head[groups[r]];
            if (leftOnly) {
                if ((m >= 0) == semi) {
                    count = add(count, r, -1);
                }
                continue;
            }
            if (m < 0) {
                if (keepUnmatched) {
                    count = add(count, r, -1);
                }
                continue;
            }
            for (; m >= 0; m = chain[m]) {
                count = add(count, r, m);
                matched[m] = true;
            }
        }
        Schema out = layout.output;
        if (count == 0) {
            // No row of it goes on, but its column types do, once per schema, as a batch of no
            // rows: later stages that merge batches (a sort) widen by them whichever rows a
            // cut-off upstream dropped, as they would without it.
            if (out.equals(lastPassed)) {
                return null;
            }
            lastPassed = out;
            List<Column> none = new ArrayList<>(out.size());
            for (int c = 0; c < out.size(); c++) {
                none.add(Column.nulls(out.field(c).type(), 0));
            }
            return new RecordBatch(out, none, 0);
        }
        lastPassed = out;
        List<Column> cols = new ArrayList<>(out.size());
        for (int c = 0; c < batch.schema().size(); c++) {
            Column col = ColumnConverter.widen(batch.column(c), out.field(c).type());
            cols.add(count == n && isIdentity(count) ? col : col.take(leftRows, count));
        }
        for (int c : layout.rightColumns) {
            cols.add(ColumnGather.take(table.column(c), rightRows, count));
        }
        return new RecordBatch(out, cols, count);
    }

    private boolean isIdentity(int count) {
        for (int i = 0; i < count; i++) {
            if (leftRows[i] != i) {
                return false;
            }
        }
        return true;
    }

    private int add(int count, int leftRow, int rightRow) {
        if (count == leftRows.length) {
            leftRows = Arrays.copyOf(leftRows, count * 2);
            rightRows = Arrays.copyOf(rightRows, count * 2);
        }
        leftRows[count] = leftRow;
        rightRows[count] = rightRow;
        return count + 1;
    }

    /** @return the next batch of right rows no left row matched, with null left columns */
    private RecordBatch unmatchedRight() throws Exception {
        if (table == null) {
            return null;
        }
        int n = table.rowCount();
        int count = 0;
        while (unmatchedFrom < n && count < OUTPUT_BATCH) {
            if (!matched[unmatchedFrom]) {
                count = add(count, -1, unmatchedFrom);
            }
            unmatchedFrom++;
        }
        if (count == 0) {
            return null;
        }
        if (layout == null) {
            // The left input sent no batch: its columns are unknown, so the right columns stand alone.
            return table.take(rightRows, count);
        }
        Schema out = layout.output;
        List<Column> cols = new ArrayList<>(out.size());
        for (int c = 0; c < layout.leftFromRight.length; c++) {
            DataType t = out.field(c).type();
            int from = layout.leftFromRight[c];
            cols.add(from >= 0 ? ColumnConverter.widen(ColumnGather.take(table.column(from), rightRows, count), t)
                    : Column.nulls(t, count));
        }
        for (int c : layout.rightColumns) {
            cols.add(ColumnGather.take(table.column(c), rightRows, count));
        }
        return new RecordBatch(out, cols, count);
    }

    @Override
    public void close() throws Exception {
        try {
            left.close();
        } finally {
            right.close();
        }
    }
}
