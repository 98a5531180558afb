package io.conveyor.engine.internal.exec;

import io.conveyor.api.Column;
import io.conveyor.api.RecordBatch;

/**
 * A test on rows that one stage sets while it runs and the input of another stage upstream of
 * it applies: the rows it rejects are dropped as they arrive, before that stage reads them. A
 * top-N sort sets its cut-off here once it holds its first N rows, so that rows that can never
 * enter its top N stop before the joins and filters on the way to it (the plan says where:
 * {@link io.conveyor.engine.internal.config.CompiledStage#inputCutoff}).
 *
 * <p>The test only ever narrows (a later cut-off drops at least what an earlier one did), and
 * before the first one is set every row passes. Thread-safe: set on one stage's thread, read on another's.
 */
public final class RowCutoff {
    /** Which rows may still matter, by the values of one column. */
    public interface Test {
        /**
         * @param values the column's values for a batch of rows
         * @param rows receives the indices of the rows that may still matter, in order; at least
         *        as long as the column
         * @return how many rows may still matter, or -1 when the test does not apply to this
         *         column (another type: every row may)
         */
        int select(Column values, int[] rows);
    }

    /** What a stage's context offers the stage whose cut-off the plan passes upstream. */
    public interface Publisher {
        /** @return where this stage publishes its cut-off, or null when the plan passes none upstream */
        RowCutoff rowCutoff();
    }

    /**
     * What a source's context offers a source whose output the plan cuts: the source may apply
     * the cut-off itself as it builds batches, before it converts the other columns.
     */
    public interface Reader {
        /** @return the cut-off of this stage's output, or null */
        At outputCutoff();
    }

    /**
     * A cut-off as one stage input applies it: by the column that carries the sort's key there,
     * which has another name where a rename is on the way.
     *
     * @param cutoff the cut-off the sort publishes
     * @param column the name of the key column where it is applied
     */
    public record At(RowCutoff cutoff, String column) {
        /** @return the cut-off now, or null before the first one */
        public Test current() {
            return cutoff.test;
        }

        /**
         * @param batch a batch that arrived
         * @param rows scratch space, at least as long as the batch
         * @return the rows that may still matter: the batch, a part of it, or an empty part of it
         *         (so that its schema still reaches the stage)
         */
        RecordBatch admit(RecordBatch batch, int[] rows) {
            Test t = cutoff.test;
            RecordBatch kept = t == null ? batch : narrow(t, column, batch, rows);
            return kept != null ? kept : batch.slice(0, 0);
        }
    }

    private volatile Test test;

    /** @param next the cut-off from now on */
    public void publish(Test next) {
        test = next;
    }

    /**
     * @param test which rows may still matter
     * @param column the column it reads
     * @param batch a batch of rows
     * @param rows scratch space, at least as long as the batch
     * @return the rows of {@code batch} that {@code test} keeps, in order: the batch itself (also
     *         when the batch lacks the test's column or the test does not apply), a part of it, or
     *         null for none
     */
    public static RecordBatch narrow(Test test, String column, RecordBatch batch, int[] rows) {
        Column values = batch.column(column);
        int kept = values == null ? -1 : test.select(values, rows);
        if (kept < 0 || kept == batch.rowCount()) {
            return batch;
        }
        return kept == 0 ? null : batch.take(rows, kept);
    }
}
