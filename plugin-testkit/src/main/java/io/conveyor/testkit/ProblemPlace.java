package io.conveyor.testkit;

/**
 * Where a {@link TestStageConfig} places its problems: a pipeline file, line and column
 * (0 for none).
 */
record ProblemPlace(String file, int line, int column) {
}
