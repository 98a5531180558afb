package io.conveyor.engine.internal.fuzz.corpus;

import static org.junit.jupiter.api.Assertions.assertEquals;

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

    private static List<String> problems(String toml) throws Exception {
        return CompileOutcome.problems(toml);
    }
}
