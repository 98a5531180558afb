package io.conveyor.engine.internal.stages.transform;

import io.conveyor.api.BatchStream;
import io.conveyor.api.RecordBatch;
import io.conveyor.api.StageException;
import io.conveyor.engine.internal.stages.transform.columns.ColumnProblem;

/**
 * A streaming transform that turns each input batch into one output batch, re-planning only
 * when the input schema changes (a source widened a column), so per-batch work stays on the
 * column vectors.
 *
 * @param <P> what is planned from an input schema
 */
abstract class BatchMapping<P> implements BatchStream {
    private final BatchStream input;
    private io.conveyor.api.Schema plannedFor;
    private P plan;

    BatchMapping(BatchStream input) {
        this.input = input;
    }

    /** @return what to do with batches of this schema
     *  @throws ColumnProblem if the configuration does not fit it */
    abstract P plan(io.conveyor.api.Schema schema) throws ColumnProblem;

    /** @return the output batch for {@code batch}, using {@code plan} */
    abstract RecordBatch apply(P plan, RecordBatch batch) throws StageException;

    @Override
    public RecordBatch next() throws Exception {
        RecordBatch batch = input.next();
        if (batch == null) {
            return null;
        }
        if (!batch.schema().equals(plannedFor)) {
            try {
                plan = plan(batch.schema());
            } catch (ColumnProblem e) {
                throw e.toStage();
            }
            plannedFor = batch.schema();
        }
        return apply(plan, batch);
    }

    @Override
    public void close() throws Exception {
        input.close();
    }
}
