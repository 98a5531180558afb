package io.conveyor.engine.internal.exec;

import io.conveyor.api.StageLogger;
import io.conveyor.engine.internal.config.SecretMasker;
import io.conveyor.engine.internal.log.Log;
import io.conveyor.engine.internal.log.LogLevel;

/** A stage's logger: the engine log with the stage id as scope and the pipeline's secrets masked. */
final class StageLog implements StageLogger {
    private final Log log;
    private final String stageId;
    private final SecretMasker masker;

    StageLog(Log log, String stageId, SecretMasker masker) {
        this.log = log;
        this.stageId = stageId;
        this.masker = masker;
    }

    @Override
    public void debug(String message) {
        log.debug(stageId, masker.mask(message));
    }

    @Override
    public void info(String message) {
        log.info(stageId, masker.mask(message));
    }

    @Override
    public void warn(String message) {
        log.warn(stageId, masker.mask(message));
    }

    @Override
    public void error(String message) {
        log.error(stageId, masker.mask(message));
    }

    @Override
    public boolean isDebugEnabled() {
        return log.isEnabled(LogLevel.DEBUG);
    }
}
