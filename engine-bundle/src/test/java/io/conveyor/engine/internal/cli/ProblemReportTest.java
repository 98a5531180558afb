package io.conveyor.engine.internal.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.conveyor.api.Problem;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProblemReportTest {
    @Test
    void onePositionedProblemPerLineThenTheCount() {
        List<Problem> problems = List.of(
                new Problem("p.toml", 7, 8, "orders", "type", "unknown stage type 'source.cvs'",
                        "did you mean 'source.csv'?"),
                new Problem("p.toml", 12, 1, "out", "inputs", "unknown input 'order'", null));
        assertEquals(""
                + "p.toml:7:8: stage 'orders', key 'type': unknown stage type 'source.cvs' (did you mean 'source.csv'?)\n"
                + "p.toml:12:1: stage 'out', key 'inputs': unknown input 'order'\n"
                + "2 problems found in p.toml\n", ProblemReport.format("p.toml", problems));
    }

    @Test
    void singularForOneProblem() {
        assertEquals("p.toml: [pipeline].name is required\n1 problem found in p.toml\n",
                ProblemReport.format("p.toml", List.of(new Problem("p.toml", 0, 0, null, null,
                        "[pipeline].name is required", null))));
    }
}
