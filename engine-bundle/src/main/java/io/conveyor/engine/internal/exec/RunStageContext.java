package io.conveyor.engine.internal.exec;

import io.conveyor.api.StageContext;
import io.conveyor.api.StageException;
import io.conveyor.api.StageLogger;
import io.conveyor.api.Values;
import io.conveyor.engine.internal.config.SecretMasker;
import java.io.IOException;
import java.util.Map;

/** The {@link StageContext} the executor gives one stage of one run. */
final class RunStageContext implements StageContext {
    private final String stageId;
    private final StageLogger logger;
    private final StageCounters counters;
    private final DeadLetterQueue deadLetters;
    private final SecretMasker masker;
    private final RunState run;

    /**
     * @param deadLetters the run's dead-letter queue, or null when it is disabled
     */
    RunStageContext(String stageId, StageLogger logger, StageCounters counters, DeadLetterQueue deadLetters,
                    SecretMasker masker, RunState run) {
        this.stageId = stageId;
        this.logger = logger;
        this.counters = counters;
        this.deadLetters = deadLetters;
        this.masker = masker;
        this.run = run;
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
            StringBuilder json = new StringBuilder();
            Values.writeJson(record, json);
            throw new StageException(message + " (record: " + masker.mask(json.toString())
                    + "); enable [error_handling.dead_letter_queue] to set such records aside and go on");
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

    @Override
    public boolean isCancelled() {
        return run.isStopping();
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
        counters.report(key, value);
    }
}
