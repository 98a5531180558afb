package io.conveyor.engine.internal.stages.console;

import static io.conveyor.engine.internal.stages.Batches.row;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.conveyor.api.RecordBatch;
import io.conveyor.engine.internal.stages.Batches;
import io.conveyor.engine.internal.stages.StageHarness;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StdoutSinkFactoryTest {
    private final List<RecordBatch> input = List.of(
            Batches.of(row("id", 1L, "name", "alice", "score", 10.5), row("id", 20L, "name", "bob\nby", "score", null)),
            Batches.of(row("id", 3L, "name", "c", "score", 7.0)));

    private String print(Map<String, ?> options) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        StdoutSinkFactory factory = new StdoutSinkFactory(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        new StageHarness(Path.of(".")).write(factory, options, input);
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void tableIsTheDefault() throws Exception {
        assertEquals(""
                + "+----+---------+-------+\n"
                + "| id | name    | score |\n"
                + "+----+---------+-------+\n"
                + "|  1 | alice   |  10.5 |\n"
                + "| 20 | bob\\nby |  null |\n"
                + "|  3 | c       |   7.0 |\n"
                + "+----+---------+-------+\n"
                + "(3 rows)\n", print(Map.of()));
    }

    @Test
    void limitShowsTheFirstRowsAndCountsAll() throws Exception {
        assertEquals(""
                + "+----+-------+-------+\n"
                + "| id | name  | score |\n"
                + "+----+-------+-------+\n"
                + "|  1 | alice |  10.5 |\n"
                + "+----+-------+-------+\n"
                + "(showing 1 of 3 rows)\n", print(Map.of("limit", 1L)));
    }

    @Test
    void csvJsonAndJsonLines() throws Exception {
        assertEquals("id,name,score\n1,alice,10.5\n20,\"bob\nby\",\n3,c,7.0\n", print(Map.of("format", "csv")));
        assertEquals("{\"id\":1,\"name\":\"alice\",\"score\":10.5}\n{\"id\":20,\"name\":\"bob\\nby\",\"score\":null}\n",
                print(Map.of("format", "jsonl", "limit", 2L)));
        assertEquals("[{\"id\":1,\"name\":\"alice\",\"score\":10.5},{\"id\":20,\"name\":\"bob\\nby\",\"score\":null},"
                + "{\"id\":3,\"name\":\"c\",\"score\":7.0}]\n", print(Map.of("format", "json")));
    }
    @Test
    void aColumnThatWidensFromLongToDoubleKeepsItsWholeNumbersWholeInEveryFormat() throws Exception {
        List<RecordBatch> widening = List.of(Batches.of(row("n", 5L)), Batches.of(row("n", 2.0), row("n", 7.5)));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        StdoutSinkFactory factory = new StdoutSinkFactory(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        for (String format : List.of("table", "csv", "jsonl")) {
            new StageHarness(Path.of(".")).write(factory, Map.of("format", format), widening);
        }
        assertEquals(""
                + "+-----+\n"
                + "| n   |\n"
                + "+-----+\n"
                + "|   5 |\n"
                + "|   2 |\n"
                + "| 7.5 |\n"
                + "+-----+\n"
                + "(3 rows)\n"
                + "n\n5\n2\n7.5\n"
                + "{\"n\":5}\n{\"n\":2}\n{\"n\":7.5}\n", bytes.toString(StandardCharsets.UTF_8));
    }
}
