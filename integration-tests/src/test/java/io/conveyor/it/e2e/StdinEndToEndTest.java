package io.conveyor.it.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.conveyor.it.e2e.ConveyorProcess.Outcome;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code source.stdin} in the real jar: text piped into the process (as {@code cat x | conveyor
 * p.toml} does) comes out of {@code sink.stdout} and {@code sink.csv} with its values, types,
 * empty strings and nulls intact; a bad line goes to the dead-letter queue, or fails the run
 * saying how to set it aside when there is none.
 */
class StdinEndToEndTest {
    /** Quoted comma, quoted newline, non-ASCII text, an empty string and a null ("NA"). */
    private static final String CSV = """
            id,name,amount,active
            1,"Smith, Jane",10.5,true
            2,"two
            lines",-3.25,false
            3,Zoë,NA,true
            4,"",0.0,NA
            """;
    private static final List<String> CSV_AS_JSONL = List.of(
            "{\"id\":1,\"name\":\"Smith, Jane\",\"amount\":10.5,\"active\":true}",
            "{\"id\":2,\"name\":\"two\\nlines\",\"amount\":-3.25,\"active\":false}",
            "{\"id\":3,\"name\":\"Zoë\",\"amount\":null,\"active\":true}",
            "{\"id\":4,\"name\":\"\",\"amount\":0.0,\"active\":null}");
    private static final String JSONL = """
            {"id": 1, "name": "Smith, Jane", "tags": ["a", "b"], "meta": {"k": "", "n": {"x": 1}}}
            {"id": 2, "name": "", "tags": [], "meta": null}
            """;

    @TempDir
    Path dir;

    private ConveyorProcess conveyor(String input) {
        return new ConveyorProcess(dir, dir.resolve("tmp")).stdin(input);
    }

    /** @return the path of a pipeline reading stdin with {@code source} options into {@code sink} */
    private Path pipeline(String source, String sink, boolean deadLetters) throws Exception {
        String toml = """
                [pipeline]
                name = "from_stdin"

                [[stages]]
                id = "in"
                type = "source.stdin"
                [stages.config]
                %s
                [[stages]]
                id = "out"
                inputs = ["in"]
                %s
                """.formatted(source, sink);
        if (deadLetters) {
            toml += """

                    [error_handling.dead_letter_queue]
                    path = "rejected.jsonl"
                    """;
        }
        Path file = dir.resolve("pipeline.toml");
        Files.writeString(file, toml);
        return file;
    }

    private static final String TO_STDOUT_JSONL = "type = \"sink.stdout\"\n[stages.config]\nformat = \"jsonl\"";
    private static final String TO_CSV = "type = \"sink.csv\"\n[stages.config]\npath = \"out.csv\"";

    private static void assertClean(Outcome o) {
        assertEquals(0, o.exit(), o::toString);
        assertFalse(o.stderr().contains("\tat "), () -> "stack trace on stderr:\n" + o);
        assertTrue(o.stderr().contains("Pipeline 'from_stdin' succeeded in "), o::toString);
    }

    @Test
    void csvFromStdinToStdoutJsonlKeepsTypesEmptyStringsAndNulls() throws Exception {
        Path p = pipeline("format = \"csv\"\nnull_values = [\"NA\"]", TO_STDOUT_JSONL, false);
        Outcome o = conveyor(CSV).run(p.toString());
        assertClean(o);
        assertEquals(CSV_AS_JSONL, o.stdoutLines(), o::toString);
        assertTrue(o.stderr().lines().anyMatch(l -> l.matches("in\\s+succeeded\\s+0\\s+4\\s.*")), o::toString);
    }

    @Test
    void csvFromStdinToCsvFileWritesTheSameRows() throws Exception {
        Path p = pipeline("format = \"csv\"\nnull_values = [\"NA\"]", TO_CSV, false);
        Outcome o = conveyor(CSV).run(p.toString());
        assertClean(o);
        assertEquals("", o.stdout(), "only sink.stdout writes to stdout");
        assertEquals("""
                id,name,amount,active
                1,"Smith, Jane",10.5,true
                2,"two
                lines",-3.25,false
                3,Zoë,,true
                4,"",0.0,
                """, Files.readString(dir.resolve("out.csv")), "a null is an empty field, an empty string \"\"");
    }

    @Test
    void jsonlFromStdinToStdoutJsonlKeepsNestedValues() throws Exception {
        Path p = pipeline("format = \"jsonl\"", TO_STDOUT_JSONL, false);
        Outcome o = conveyor(JSONL).run(p.toString());
        assertClean(o);
        assertEquals(List.of(
                "{\"id\":1,\"name\":\"Smith, Jane\",\"tags\":[\"a\",\"b\"],\"meta\":{\"k\":\"\",\"n\":{\"x\":1}}}",
                "{\"id\":2,\"name\":\"\",\"tags\":[],\"meta\":null}"), o.stdoutLines(), o::toString);
    }

    @Test
    void jsonlFromStdinToCsvFileWritesNestedValuesAsJsonText() throws Exception {
        Path p = pipeline("format = \"jsonl\"", TO_CSV, false);
        Outcome o = conveyor(JSONL).run(p.toString());
        assertClean(o);
        assertEquals("id,name,tags,meta\n"
                + "1,\"Smith, Jane\",\"[\"\"a\"\",\"\"b\"\"]\",\"{\"\"k\"\":\"\"\"\",\"\"n\"\":{\"\"x\"\":1}}\"\n"
                + "2,\"\",[],\n", Files.readString(dir.resolve("out.csv")));
    }

    @Test
    void aBadJsonLineGoesToTheDeadLetterQueueAndTheRestIsWritten() throws Exception {
        Path p = pipeline("format = \"jsonl\"", TO_STDOUT_JSONL, true);
        Outcome o = conveyor("{\"id\": 1}\n{\"id\": 2,\n[3]\n{\"id\": 4}\n").run(p.toString());
        assertClean(o);
        assertEquals(List.of("{\"id\":1}", "{\"id\":4}"), o.stdoutLines(), o::toString);
        List<String> dead = Files.readAllLines(dir.resolve("rejected.jsonl"));
        assertEquals(2, dead.size(), dead::toString);
        assertTrue(dead.get(0).startsWith("{\"record\":{\"_raw\":\"{\\\"id\\\": 2,\"},\"error\":\"line 2: "), dead.get(0));
        assertTrue(dead.get(0).contains(",\"stage_id\":\"in\",\"timestamp\":\""), dead.get(0));
        assertTrue(dead.get(1).startsWith("{\"record\":{\"_raw\":\"[3]\"},\"error\":\"line 3: expected a JSON object, "
                + "found an array\",\"stage_id\":\"in\""), dead.get(1));
    }

    @Test
    void aCsvRowWithTheWrongFieldCountGoesToTheDeadLetterQueue() throws Exception {
        Path p = pipeline("format = \"csv\"", TO_CSV, true);
        Outcome o = conveyor("id,name\n1,Ann\n2,Bob,extra\n3,Cy\n").run(p.toString());
        assertClean(o);
        assertEquals("id,name\n1,Ann\n3,Cy\n", Files.readString(dir.resolve("out.csv")));
        List<String> dead = Files.readAllLines(dir.resolve("rejected.jsonl"));
        assertEquals(1, dead.size(), dead::toString);
        assertTrue(dead.get(0).startsWith("{\"record\":{\"id\":\"2\",\"name\":\"Bob\",\"column_3\":\"extra\"},"
                + "\"error\":\"line 3: expected 2 fields, found 3\",\"stage_id\":\"in\""), dead.get(0));
    }

    @Test
    void aBadLineWithoutADeadLetterQueueFailsTheRunSayingWhatToDo() throws Exception {
        Path p = pipeline("format = \"jsonl\"", TO_STDOUT_JSONL, false);
        Outcome o = conveyor("{\"id\": 1}\nnot json\n").run(p.toString());
        assertEquals(1, o.exit(), o::toString);
        assertFalse(o.stderr().contains("\tat "), () -> "stack trace on stderr:\n" + o);
        assertTrue(o.stderr().contains("line 2: "), o::toString);
        assertTrue(o.stderr().contains("(record: {\"_raw\":\"not json\"}); enable [error_handling.dead_letter_queue] "
                + "to set such records aside and go on"), o::toString);
        assertFalse(Files.exists(dir.resolve("rejected.jsonl")));
    }
}
