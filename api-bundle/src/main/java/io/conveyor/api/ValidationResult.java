package io.conveyor.api;

import java.util.List;

/** Every problem found when compiling a pipeline file; none means it is valid. Immutable. */
public final class ValidationResult {
    private final String pipelineName;
    private final List<Problem> problems;

    /**
     * @param pipelineName the pipeline name, or null if it could not be read
     * @param problems the problems in file order
     */
    public ValidationResult(String pipelineName, List<Problem> problems) {
        this.pipelineName = pipelineName;
        this.problems = List.copyOf(problems);
    }

    /** @return the pipeline name, or null */
    public String pipelineName() {
        return pipelineName;
    }

    /** @return true if there are no problems */
    public boolean isValid() {
        return problems.isEmpty();
    }

    /** @return the problems in file order */
    public List<Problem> problems() {
        return problems;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        for (Problem p : problems) {
            sb.append(p).append('\n');
        }
        return sb.toString();
    }
}
