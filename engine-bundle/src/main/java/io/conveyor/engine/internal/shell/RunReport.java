package io.conveyor.engine.internal.shell;

import io.conveyor.api.RunResult;
import io.conveyor.api.RunStatus;
import io.conveyor.engine.internal.cli.ProblemReport;
import io.conveyor.engine.internal.cli.RunSummary;

/**
 * What {@code conveyor:run} returns: the outcome of the run with its per-stage counters,
 * printed as the summary the command line prints after a run (or the problems of a file
 * that does not compile).
 *
 * @param file the file as the user named it
 * @param result the outcome
 */
public record RunReport(String file, RunResult result) {
    /** @return how the run ended */
    public RunStatus status() {
        return result.status();
    }

    @Override
    public String toString() {
        if (result.status() == RunStatus.INVALID) {
            return ProblemReport.format(file, result.problems()).stripTrailing();
        }
        return RunSummary.format(result).stripTrailing();
    }
}
