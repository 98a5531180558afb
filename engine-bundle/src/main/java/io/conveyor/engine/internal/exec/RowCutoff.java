package io.conveyor.engine.internal.exec;

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
    /** Which rows of a batch may still matter. */
    public interface Test {
        /**
         * @param batch rows as they arrive
         * @param rows scratch space, at least as long as the batch
         * @return the rows that may still matter, in input order: the batch, a part of it, or null for none
         */
        RecordBatch admit(RecordBatch batch, int[] rows);
    }

    /** What a stage's context offers the stage whose cut-off the plan passes upstream. */
    public interface Publisher {
        /** @return where this stage publishes its cut-off, or null when the plan passes none upstream */
        RowCutoff rowCutoff();
    }

    private volatile Test test;

    /** @param next the cut-off from now on */
    public void publish(Test next) {
        test = next;
    }

    /**
     * @param batch a batch that arrived
     * @param rows scratch space, at least as long as the batch
     * @return the rows that may still matter: the batch, a part of it, or an empty part of it
     *         (so that its schema still reaches the stage)
     */
    RecordBatch admit(RecordBatch batch, int[] rows) {
        Test t = test;
        if (t == null) {
            return batch;
        }
        RecordBatch kept = t.admit(batch, rows);
        return kept != null ? kept : batch.slice(0, 0);
    }
}
