package io.conveyor.engine.internal.config;

import io.conveyor.api.Problem;
import io.conveyor.api.ValidationResult;
import java.util.List;

/**
 * A pipeline file that does not compile, with every problem found (not only the first),
 * in file order. The message lists each problem's {@link Problem#toString()} on its own
 * line, so printing it tells the user everything to fix in one go.
 */
public final class CompileException extends Exception {
    private static final long serialVersionUID = 1L;
    private final transient List<Problem> problems;
    private final String pipelineName;

    /**
     * @param pipelineName the pipeline's name, or null if it could not be read
     * @param problems the problems, in file order; at least one
     */
    public CompileException(String pipelineName, List<Problem> problems) {
        super(format(problems));
        this.pipelineName = pipelineName;
        this.problems = List.copyOf(problems);
    }

    private static String format(List<Problem> problems) {
        StringBuilder sb = new StringBuilder();
        for (Problem p : problems) {
            if (sb.length() > 0) {
                sb.append('\n');
            }
            sb.append(p);
        }
        return sb.toString();
    }

    /** @return the problems, in file order */
    public List<Problem> problems() {
        return problems;
    }

    /** @return the problems as the API's {@link ValidationResult}, for {@code validate} */
    public ValidationResult toValidationResult() {
        return new ValidationResult(pipelineName, problems);
    }

    /** @return the pipeline name, or null if unknown */
    public String pipelineName() {
        return pipelineName;
    }
}
