package io.conveyor.testkit;

import io.conveyor.api.Problem;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Thrown when a {@link TestStageConfig} is built from options the engine would refuse to
 * compile: an unknown key, a value of the wrong type, a value that is not allowed, a missing
 * required key. Unchecked, so a test that means to build a valid config need not declare it.
 */
public final class InvalidStageConfigException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    /** The problems, in the order the engine would report them. */
    private final transient List<Problem> problems;

    /** @param problems what is wrong, at least one */
    InvalidStageConfigException(List<Problem> problems) {
        super(problems.stream().map(Problem::toString).collect(Collectors.joining("\n")));
        this.problems = List.copyOf(problems);
    }

    /** @return the problems, in the order the engine would report them */
    public List<Problem> problems() {
        return problems;
    }
}
