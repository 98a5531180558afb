package io.conveyor.engine.internal.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.conveyor.api.RunResult;
import io.conveyor.api.RunStatus;
import io.conveyor.api.StageException;
import io.conveyor.engine.internal.exec.FakeStages.NumberSource;
import io.conveyor.engine.internal.exec.TestPipeline;
import io.conveyor.engine.internal.stages.csv.CsvSinkFactory;
import io.conveyor.engine.internal.stages.csv.CsvSourceFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Property: a record a stage rejects goes to the dead-letter queue and the run goes on; with
 * the queue disabled the stage fails with the first bad record's position, even if the
 * stage code caught that failure and carried on, and nothing is committed downstream.
 */
class RejectedRecordsTest {
    @TempDir
    Path dir;
    private FaultBench bench;

    @BeforeEach
    void setUp() throws Exception {
        bench = new FaultBench(dir);
        Files.writeString(dir.resolve("in.csv"), "id,name\n1,ann\n2\n3,cy\n4,dee,extra\n5,eve\n");
    }

    private TestPipeline csvToCsv() {
        return new TestPipeline()
                .stage("read", new CsvSourceFactory(), null, Map.of("path", dir.resolve("in.csv").toString()))
                .stage("out", new CsvSinkFactory(), null, bench.csvConfig("out.csv"), "read");
    }

    @Test
    void withTheQueueTheBadLinesAreSetAsideAndTheRunGoesOn() throws Exception {
        Path dlq = dir.resolve("errors/bad.jsonl");
        RunResult r = bench.run(csvToCsv().deadLetters(dlq).build());
        assertEquals(RunStatus.SUCCEEDED, r.status(), r::toString);
        assertEquals(List.of("id,name", "1,ann", "3,cy", "5,eve"), bench.read("out.csv"));
        assertEquals(2, r.stage("read").deadLettered());
        List<String> lines = Files.readAllLines(dlq);
        assertEquals(2, lines.size());
        JsonNode first = new ObjectMapper().readTree(lines.get(0));
        assertEquals("line 3: expected 2 fields, found 1", first.get("error").asText());
        assertEquals("read", first.get("stage_id").asText());
        assertTrue(FaultBench.summary(r).contains("dead-lettered"));
    }

    @Test
    void withoutTheQueueTheRealCsvSourceFailsAtTheFirstBadLine() throws Exception {
        RunResult r = bench.run(csvToCsv().build());
        assertEquals(RunStatus.FAILED, r.status());
        assertTrue(r.error().startsWith("stage 'read' failed: line 3: expected 2 fields, found 1 (record: "), r.error());
        assertTrue(r.error().endsWith("enable [error_handling.dead_letter_queue] to set such records aside and go on"),
                r.error());
        assertEquals(List.of("in.csv"), bench.files(), "no output, no temporary file");
    }

    @Test
    void aStageThatSwallowsTheFailureStillFailsWithTheFirstBadRecord() throws Exception {
        NumberSource careless = new NumberSource(5, 10, 0, (i, c) -> {
            if (i == 1 || i == 3) {
                try {
                    c.reject(Map.of("row", (long) i * 10), "row " + i * 10 + ": amount is not a number");
                } catch (StageException ignored) {
                    // a stage that ignores the failure: the engine must not let it through
                }
            }
        });
        RunResult r = bench.run(new TestPipeline()
                .stage("src", careless)
                .stage("out", new CsvSinkFactory(), null, bench.csvConfig("out.csv"), "src").build());
        assertEquals(RunStatus.FAILED, r.status());
        assertEquals("stage 'src' failed: row 10: amount is not a number (record: {\"row\":10}); enable "
                + "[error_handling.dead_letter_queue] to set such records aside and go on", r.error());
        assertEquals(List.of("in.csv"), bench.files(), "nothing was committed");
    }
}
