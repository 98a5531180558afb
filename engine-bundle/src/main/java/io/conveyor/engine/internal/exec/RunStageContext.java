package io.conveyor.engine.internal.exec;

import io.conveyor.api.StageContext;
import io.conveyor.api.StageException;
import io.conveyor.api.StageLogger;
import io.conveyor.api.Values;
import io.conveyor.engine.internal.config.SecretMasker;
import java.io.IOException;
import java.util.Map;

/** The {@link StageContext} the executor gives one stage of one run. */
final class RunStageContext implements StageContext, RowCutoff.Publisher, RowCutoff.Reader {
    private final String stageId;
    private final StageLogger logger;
    private final StageCounters counters;
    private final DeadLetterQueue deadLetters;
    private final SecretMasker masker;
    private final RunState run;
    private volatile boolean stageCancelled;
    private volatile String firstRejectFailure;
    private final RowCutoff cutoff;
    private final RowCutoff.At outputCutoff;

    /**
     * @param deadLetters the run's dead-letter queue, or null when it is disabled
     * @param cutoff where the stage publishes a cut-off the plan passes upstream, or null
     * @param outputCutoff a cut-off the stage may apply to its own output, or null
     */
    RunStageContext(String stageId, StageLogger logger, StageCounters counters, DeadLetterQueue deadLetters,
                    SecretMasker masker, RunState run, RowCutoff cutoff, RowCutoff.At outputCutoff) {
        this.stageId = stageId;
        this.logger = logger;
        this.counters = counters;
        this.deadLetters = deadLetters;
        this.masker = masker;
        this.run = run;
        this.cutoff = cutoff;
        this.outputCutoff = outputCutoff;
    }

    @Override
    public RowCutoff rowCutoff() {
        return cutoff;
    }

    @Override
    public RowCutoff.At outputCutoff() {
        return outputCutoff;
    }

    @Override
    public String stageId() {
        return stageId;
    }

    @Override
    public StageLogger log() {
        return logger;
    }

    @Override
    public void reject(Map<String, Object> record, String error) throws StageException {
        String message = masker.mask(error == null ? "rejected" : error);
        counters.errors.incrementAndGet();
        if (deadLetters == null) {
            String failure = firstRejectFailure;
            if (failure == null) {
                StringBuilder json = new StringBuilder();
                Values.writeJson(record, json);
                failure = message + " (record: " + masker.mask(json.toString())
                        + "); enable [error_handling.dead_letter_queue] to set such records aside and go on";
                firstRejectFailure = failure;
            }
            // Always the first bad record: a stage that caught the first failure and went on
            // still fails with the position where the data first went wrong.
            throw new StageException(failure);
        }
        try {
            deadLetters.write(stageId, record, message);
        } catch (IOException e) {
            throw new StageException("cannot write to the dead-letter queue " + deadLetters.path() + ": "
                    + e.getClass().getSimpleName() + ": " + e.getMessage(), e);
        }
        counters.deadLettered.incrementAndGet();
    }

    /** @param text any text
     *  @return the text with the pipeline's secrets masked */
    String mask(String text) {
        return masker.mask(text);
    }

    /**
     * Fails the stage if it rejected a record while the dead-letter queue is disabled, even
     * though the stage code caught that failure and went on. Called before a stage emits a
     * batch and before a sink commits.
     *
     * @throws StageException naming the first rejected record
     */
    void throwIfRejectFailed() throws StageException {
        String failure = firstRejectFailure;
        if (failure != null) {
            throw new StageException(failure);
        }
    }

    /** Cancels this stage only (its timeout); {@link #isCancelled()} is true from now on. */
    void cancelStage() {
        stageCancelled = true;
    }

    @Override
    public boolean isCancelled() {
        return stageCancelled || run.isStopping();
    }

    @Override
    public void addBytesRead(long bytes) {
        counters.bytesRead.addAndGet(bytes);
    }

    @Override
    public void addBytesWritten(long bytes) {
        counters.bytesWritten.addAndGet(bytes);
    }

    @Override
    public void addErrors(long errors) {
        counters.errors.addAndGet(errors);
    }

    @Override
    public void report(String key, Object value) {
        // Reports are printed in the summary and the metrics file: text is masked like a log line.
        counters.report(key, value instanceof CharSequence text ? masker.mask(text.toString()) : value);
    }
}
