package io.conveyor.it.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.conveyor.it.e2e.ConveyorProcess.Outcome;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Invalid pipeline files: every problem on its own line with its position, then the count;
 * exit status 2 for run and validate alike; a valid file validates. Needs the compiler.
 */
class InvalidPipelineEndToEndTest {
    @TempDir
    Path dir;
    private ConveyorProcess conveyor;

    @BeforeEach
    void copyExamples() throws Exception {
        ConveyorProcess.copyExamples(dir, "broken", "csv-basics");
        conveyor = new ConveyorProcess(dir, dir.resolve("tmp"));
    }

    @Test
    void validateReportsEveryProblemWithPositionsAndExits2() throws Exception {
        Outcome o = conveyor.run("validate", "broken/pipeline.toml");
        assertEquals(2, o.exit(), o::toString);
        assertEquals("", o.stdout());
        List<String> lines = o.stderr().lines().toList();
        List<String> positioned = lines.stream().filter(l -> l.matches("broken/pipeline\\.toml:\\d+:\\d+: .*")).toList();
        assertTrue(positioned.size() >= 5, () -> "several problems, each with line and column:\n" + o);
        String count = lines.stream().filter(l -> l.matches("\\d+ problems found in broken/pipeline\\.toml"))
                .findFirst().orElseThrow(() -> new AssertionError("no 'N problems found in FILE' line:\n" + o));
        assertTrue(lines.indexOf(count) > lines.indexOf(positioned.get(positioned.size() - 1)), "count after the problems");
        assertTrue(Integer.parseInt(count.split(" ")[0]) >= positioned.size(), count);

        assertTrue(o.stderr().contains("stage 'orders', key 'type'"), o::toString);
        assertTrue(o.stderr().contains("did you mean 'source.csv'?"), o::toString);
        assertTrue(o.stderr().contains("did you mean 'orders'?"), o::toString);
        assertTrue(o.stderr().contains("colour"), o::toString);
        assertTrue(o.stderr().contains("OUT_DIR"), o::toString);
        assertFalse(o.stderr().contains("\tat "), o::toString);
    }

    @Test
    void runOfAnInvalidFileReportsTheSameProblemsAndRunsNothing() throws Exception {
        Outcome validate = conveyor.run("validate", "broken/pipeline.toml");
        Outcome run = conveyor.run("broken/pipeline.toml");
        assertEquals(2, run.exit(), run::toString);
        assertEquals("", run.stdout());
        assertEquals(problemLines(validate), problemLines(run), "run compiles exactly as validate does");
    }

    /** The problem report without log lines (which carry timestamps). */
    private static java.util.List<String> problemLines(Outcome o) {
        return o.stderr().lines().filter(l -> l.startsWith("broken/pipeline.toml") || l.matches("\\d+ problems? found in .*"))
                .toList();
    }

    @Test
    void aValidFileValidates() throws Exception {
        Outcome o = conveyor.run("validate", "csv-basics/pipeline.toml");
        assertEquals(0, o.exit(), o::toString);
        assertEquals("csv-basics/pipeline.toml is valid: pipeline 'csv_basics', 6 stages\n", o.stdout());
        assertEquals(List.of(), conveyor.leftInTmp());
    }
}
