package io.conveyor.engine.internal.exec;

import io.conveyor.api.StageResult;
import java.util.List;

/**
 * Progress callbacks of a run, for a live display. Called from stage threads, so an
 * implementation must be thread-safe and quick; whatever it throws is ignored.
 */
public interface RunListener {
    /** @param stageId a stage that has its inputs ready and starts working */
    default void stageStarted(String stageId) {
    }

    /** @param result the final counters and status of a stage that has ended */
    default void stageFinished(StageResult result) {
    }

    /**
     * Called about every {@value PipelineExecutor#PROGRESS_MILLIS} ms while the run goes on, from
     * the thread that called {@link PipelineExecutor#run}.
     *
     * @param stages the current counters of every stage, in pipeline order
     */
    default void progress(List<StageResult> stages) {
    }
}
