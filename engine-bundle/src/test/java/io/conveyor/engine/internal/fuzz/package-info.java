/**
 * Property-based fuzz tests (jqwik) of what reads user input: the pipeline compiler, and the
 * {@code source.csv} and {@code source.json} readers. Every generated input must give a result or
 * a clear error (a {@code CompileException} with located problems, a rejected record with a
 * reason, a {@code StageException} with a message) within {@link
 * io.conveyor.engine.internal.fuzz.BoundedRun#LIMIT_SECONDS} seconds; never another exception,
 * a hang, or text that reads like a stack trace. Round-trip properties check that well-formed
 * CSV and JSON read back as written.
 *
 * <p>Tries per property come from {@code jqwik.tries.default} in {@code junit-platform.properties}
 * (500, the suite runs in well under a minute); the {@code longRepetitive*} properties, whose
 * inputs are up to 300 000 repeats, keep a fixed 40 to 60 tries. A longer hunt:
 * {@code mvn -pl engine-bundle test -Dtest='*FuzzTest' -Djqwik.tries.default=5000}. Inputs that found
 * a bug are kept, shrunk, in the {@code corpus} package as fixed regression cases.
 */
package io.conveyor.engine.internal.fuzz;
