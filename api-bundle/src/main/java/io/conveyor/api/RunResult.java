package io.conveyor.api;

import java.util.List;

/**
 * The outcome of a run: its status, per-stage results in pipeline order, the problems of
 * an invalid file, and the failure message. Immutable.
 */
public final class RunResult {
    private final String pipelineName;
    private final RunStatus status;
    private final List<StageResult> stages;
    private final List<Problem> problems;
    private final String error;
    private final long millis;

    /**
     * @param pipelineName name from {@code [pipeline]}, or null if unknown
     * @param status the outcome
     * @param stages per-stage results
     * @param problems compile problems (status INVALID), else empty
     * @param error the failure message, or null
     * @param millis wall time of the run
     */
    public RunResult(String pipelineName, RunStatus status, List<StageResult> stages, List<Problem> problems,
                     String error, long millis) {
        this.pipelineName = pipelineName;
        this.status = status;
        this.stages = List.copyOf(stages);
        this.problems = List.copyOf(problems);
        this.error = error;
        this.millis = millis;
    }

    /** @return the pipeline name, or null */
    public String pipelineName() {
        return pipelineName;
    }

    /** @return the outcome */
    public RunStatus status() {
        return status;
    }

    /** @return per-stage results in pipeline order */
    public List<StageResult> stages() {
        return stages;
    }

    /** @param stageId a stage id
     *  @return its result, or null */
    public StageResult stage(String stageId) {
        for (StageResult s : stages) {
            if (s.stageId().equals(stageId)) {
                return s;
            }
        }
        return null;
    }

    /** @return compile problems of an INVALID run */
    public List<Problem> problems() {
        return problems;
    }

    /** @return the failure message, or null */
    public String error() {
        return error;
    }

    /** @return wall milliseconds */
    public long millis() {
        return millis;
    }

    /** @return the process exit status: 0 succeeded, 1 failed or cancelled, 2 invalid */
    public int exitCode() {
        switch (status) {
            case SUCCEEDED: return 0;
            case INVALID: return 2;
            default: return 1;
        }
    }

    @Override
    public String toString() {
        return "RunResult[" + pipelineName + " " + status + (error != null ? ": " + error : "") + "]";
    }
}
