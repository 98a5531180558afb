package io.conveyor.engine.internal.stages.transform;

import io.conveyor.api.BatchStream;
import io.conveyor.api.Column;
import io.conveyor.api.RecordBatch;
import io.conveyor.api.StageException;

/**
 * The output of a streaming one-input transform: each input batch mapped to one output
 * batch, in order. Closing it closes the input.
 */
public final class MappedStream implements BatchStream {
    /** Turns one input batch into the output batch. */
    @FunctionalInterface
    public interface Mapping {
        /**
         * @param batch an input batch
         * @return the output batch (possibly with fewer rows, never null)
         * @throws Exception if the batch cannot be processed; the stage fails
         */
        RecordBatch apply(RecordBatch batch) throws Exception;
    }

    private final BatchStream input;
    private final Mapping mapping;

    /**
     * @param input the transform's input
     * @param mapping what it does to each batch
     */
    public MappedStream(BatchStream input, Mapping mapping) {
        this.input = input;
        this.mapping = mapping;
    }

    @Override
    public RecordBatch next() throws Exception {
        RecordBatch batch = input.next();
        return batch == null ? null : mapping.apply(batch);
    }

    @Override
    public void close() throws Exception {
        input.close();
    }

    /**
     * @param batch a batch
     * @param name a column a stage needs
     * @return the column
     * @throws StageException naming it and the columns there are, when the batch lacks it
     */
    public static Column require(RecordBatch batch, String name) throws StageException {
        Column c = batch.column(name);
        if (c == null) {
            throw new StageException("column '" + name + "' not found; available columns: "
                    + String.join(", ", batch.schema().names()));
        }
        return c;
    }
}
