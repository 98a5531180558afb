package io.conveyor.engine.internal.fuzz.corpus;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.conveyor.engine.internal.config.CompiledPipeline;
import io.conveyor.engine.internal.fuzz.CompileOutcome;
import java.util.List;
import net.jqwik.api.Example;

/**
 * Pipeline texts with which the compiler fuzzers (PipelineTextFuzzTest, PipelineStructureFuzzTest)
 * found a bug, shrunk, kept as regression cases. Each asserts the fuzz property and the exact
 * problems the user now sees.
 */
class CompilerCorpusTest {
    /**
     * Found by mutatedPipelineFiles: inserting a comment with a control character into a table
     * header made tomlj fail an internal assertion (with -ea, as in tests), which escaped
     * {@code compile} as an AssertionError. Shrunk by hand from the fuzzer's sample to these.
     */
    @Example
    void controlCharacterInACommentAfterATableHeader() throws Exception {
        for (String toml : List.of("[p]#\u0000\n", "[p#\u0000]\n", "[p#\u0001]\n", "[p#\r]\n", "[[p#\u0000]]\n")) {
            CompileOutcome.check(toml);
        }
        assertEquals(List.of("fuzz.toml:1:5: syntax error: control character U+0000 is not allowed in TOML; remove it, "
                + "or write it as \\u0000 inside a \"quoted\" string"), problems("[p]#\u0000\n"));
        assertEquals(List.of("fuzz.toml:1:4: syntax error: control character U+000D is not allowed in TOML; remove it, "
                + "or write it as \\u000D inside a \"quoted\" string"), problems("[p#\r]\n"));
    }

    @Example
    void oneControlCharacterProblemPerLineAndCrlfIsANewline() throws Exception {
        assertEquals(List.of(
                "fuzz.toml:2:7: syntax error: control character U+0001 is not allowed in TOML; remove it, or write it as "
                        + "\\u0001 inside a \"quoted\" string",
                "fuzz.toml:3:1: syntax error: control character U+007F is not allowed in TOML; remove it, or write it as "
                        + "\\u007F inside a \"quoted\" string"),
                problems("[pipeline]\r\nname =\u0001\u0002 \"x\"\r\n\u007f\n"));
    }

    /**
     * Found by PipelineTextFuzzTest.longRepetitiveText: {@code [pipeline] name = } followed by
     * 30 000 newlines did not compile within 5 s. tomlj 2.2.0 slows down faster than the square of
     * a run of blank or comment lines (1 600 took seconds); the compiler now shortens such runs
     * before parsing and maps lines back, so positions still name the file's lines.
     */
    @Example
    void longRunsOfBlankAndCommentLinesCompileQuicklyWithTheirOwnLineNumbers() throws Exception {
        assertEquals(List.of("fuzz.toml:2:8: syntax error: Unexpected end of line, expected a value"),
                problems("[pipeline]\nname = " + "\n".repeat(30_000)));
        assertEquals(List.of("fuzz.toml:102:1: syntax error: a previously defined at line 101, column 1"),
                problems("#\n".repeat(100) + "a=1\na=2\n"));
        assertEquals("fuzz.toml:5002:1: key 'pipeline.name': expected a string, found an integer",
                problems("[pipeline]\n" + "\n".repeat(5_000) + "name = 1\n").get(1));
    }

    /** Shortening runs never touches a multi-line string's content, and positions after it stay right. */
    @Example
    void blankLinesInsideMultiLineStringsAreKept() throws Exception {
        String head = "[pipeline]\nname = \"x\"\ndescription = \"\"\"\n" + "\n".repeat(50) + "# not a comment\"\"\"\n"
                + "  # comment\n".repeat(3_000);
        String stages = "[[stages]]\nid = \"in\"\ntype = \"source.json\"\ninputs = []\nconfig = { path = \"in.jsonl\" }\n"
                + "[[stages]]\nid = \"out\"\ntype = \"sink.stdout\"\ninputs = [%s]\n";
        CompiledPipeline p = CompileOutcome.check(head + stages.formatted("\"in\""));
        assertEquals("\n".repeat(50) + "# not a comment", p.description());
        assertEquals(List.of("fuzz.toml:3063:1: stage 'out', key 'inputs': stage type 'sink.stdout' (sink) needs at "
                + "least 1 input, found 0; list the ids of the upstream stages in inputs"),
                problems(head + stages.formatted("")));
    }

    /**
     * Found by mutatedPipelineFiles at 20 000 tries: inserting {@code ,[#} into an inline table
     * ({@code config = { p,[#ath = ... }}) before a later {@code [[stages]]} made tomlj throw a
     * NullPointerException. Shrunk (by line, then by character) to {@code g={p,[} + {@code [[s]]}.
     * The compiler now reports the errors of the longest prefix tomlj can read and the line it fails on.
     */
    @Example
    void unclosedInlineTableAndArrayBeforeAnArrayOfTablesHeader() throws Exception {
        assertEquals(List.of(
                "fuzz.toml:1:5: syntax error: Unexpected ',', expected . or =",
                "fuzz.toml:1:6: syntax error: Unexpected '[', expected a key, }, or a newline",
                "fuzz.toml:1:7: syntax error: Unexpected end of input, expected }",
                "fuzz.toml:2:1: syntax error: the TOML parser failed on this line; check the brackets [ ] and braces { } "
                        + "on it and on the lines above"), problems("g={p,[\n[[s]]"));
        // After a long comment run the lines are still the file's.
        assertEquals("fuzz.toml:52:1: syntax error: the TOML parser failed on this line; check the brackets [ ] and "
                + "braces { } on it and on the lines above", problems("#\n".repeat(50) + "g={p,[\n[[s]]\n").get(3));
    }

    private static List<String> problems(String toml) throws Exception {
        return CompileOutcome.problems(toml);
    }
}
