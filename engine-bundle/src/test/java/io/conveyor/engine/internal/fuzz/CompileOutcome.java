package io.conveyor.engine.internal.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.conveyor.api.Problem;
import io.conveyor.engine.internal.config.CompileException;
import io.conveyor.engine.internal.config.CompiledPipeline;
import io.conveyor.engine.internal.config.CompiledStage;
import io.conveyor.engine.internal.config.PipelineCompiler;
import io.conveyor.engine.internal.stages.BuiltinStages;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The property every pipeline text must satisfy: {@code compile} returns a pipeline or throws a
 * {@link CompileException} whose problems each say what is wrong and where (a line and column
 * inside the text, or 0 when unknown); nothing else is thrown, it does not hang, and the value
 * of an environment variable (a secret) never shows in a problem.
 */
public final class CompileOutcome {
    /** The name problems give the text. */
    public static final String FILE = "fuzz.toml";
    /** An environment variable fuzzed pipelines may reference; its value must never be shown. */
    public static final String SECRET_VALUE = "s3cr3t-Value-42";
    /** Environment variables fuzzed pipelines may reference. */
    public static final Map<String, String> ENVIRONMENT = Map.of("API_TOKEN", SECRET_VALUE, "DATA_DIR", "data",
            "EMPTY", "");

    private static final PipelineCompiler COMPILER = new PipelineCompiler(BuiltinStages.standard(),
            new FuzzPluginLoader(), ENVIRONMENT);
    private static final Path BASE = Path.of("/fuzz/pipelines");

    private CompileOutcome() {
    }

    /**
     * Compiles the text and asserts the property.
     *
     * @param toml the pipeline text
     * @param overrides {@code --var} values
     * @return the pipeline, or null when the text was rejected with problems
     */
    public static CompiledPipeline check(String toml, Map<String, String> overrides) throws Exception {
        try {
            CompiledPipeline p = BoundedRun.within("compiling", () -> COMPILER.compile(toml, FILE, BASE, overrides));
            assertNotNull(p, "compile returned null");
            assertRunnableOrder(p);
            return p;
        } catch (CompileException e) {
            assertFalse(e.problems().isEmpty(), "CompileException without problems");
            String[] lines = toml.split("\n", -1);
            for (Problem p : e.problems()) {
                assertProblem(p, lines);
            }
            assertFalse(e.getMessage().contains(SECRET_VALUE), "secret shown: " + e.getMessage());
            return null;
        }
    }

    /** @see #check(String, Map) */
    public static CompiledPipeline check(String toml) throws Exception {
        return check(toml, Map.of());
    }

    /**
     * @param toml a pipeline text that must not compile
     * @return the problems as the user sees them, after asserting the property
     */
    public static List<String> problems(String toml) throws Exception {
        try {
            COMPILER.compile(toml, FILE, BASE, Map.of());
        } catch (CompileException e) {
            check(toml);
            return e.problems().stream().map(Problem::toString).toList();
        }
        throw new AssertionError("compiled: " + toml);
    }

    /** A compiled pipeline lists each stage after its inputs, once, with a non-null config. */
    private static void assertRunnableOrder(CompiledPipeline p) {
        Set<String> seen = new HashSet<>();
        for (CompiledStage s : p.stages()) {
            assertNotNull(s, "null stage in " + p.stages());
            assertNotNull(s.config(), "stage without config: " + s.id());
            for (String in : s.inputs()) {
                assertTrue(seen.contains(in), "stage '" + s.id() + "' comes before its input '" + in + "'");
            }
            assertTrue(seen.add(s.id()), "stage '" + s.id() + "' listed twice");
        }
    }

    private static void assertProblem(Problem p, String[] lines) {
        UserText.assertReadable("problem message of " + p, p.message());
        if (p.hint() != null) {
            UserText.assertReadable("hint of " + p, p.hint());
        }
        assertEquals(FILE, p.file(), "problem names another file: " + p);
        assertTrue(p.line() >= 0 && p.line() <= lines.length, "line outside the text (" + lines.length
                + " lines): " + p);
        if (p.line() == 0) {
            assertEquals(0, p.column(), "column without a line: " + p);
        } else {
            int width = lines[p.line() - 1].length();
            assertTrue(p.column() >= 0 && p.column() <= width + 1, "column outside line " + p.line() + " (" + width
                    + " chars): " + p);
        }
    }
}
