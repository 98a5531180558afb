package io.conveyor.engine.internal.shell;

import io.conveyor.api.Problem;
import io.conveyor.api.ValidationResult;
import io.conveyor.engine.internal.cli.ProblemReport;
import java.util.List;

/**
 * What {@code conveyor:validate} returns: the file, the pipeline name and every problem
 * found (empty when the file is valid).
 *
 * @param file the file as the user named it
 * @param pipelineName the name in {@code [pipeline]}, or null
 * @param problems every problem, in file order
 */
public record ValidationReport(String file, String pipelineName, List<Problem> problems) {
    /** @param file as above
     *  @param pipelineName as above
     *  @param problems as above */
    public ValidationReport {
        problems = List.copyOf(problems);
    }

    /** @param file the file as named
     *  @param result what the engine found
     *  @return the report */
    public static ValidationReport of(String file, ValidationResult result) {
        return new ValidationReport(file, result.pipelineName(), result.problems());
    }

    /** @return true when there is no problem */
    public boolean valid() {
        return problems.isEmpty();
    }

    @Override
    public String toString() {
        if (valid()) {
            return file + " is valid: pipeline '" + pipelineName + "'";
        }
        return ProblemReport.format(file, problems).stripTrailing();
    }
}
