package io.conveyor.engine.internal.fuzz;

import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Fuzzes the pipeline compiler with text: arbitrary strings, and valid pipeline files damaged
 * by a few character edits. Each must compile or be rejected with located problems
 * ({@link CompileOutcome}). Tries per property: {@code jqwik.tries.default}.
 */
class PipelineTextFuzzTest {
    @Example
    void seedsCompile() throws Exception {
        for (String seed : SeedPipelines.ALL) {
            assertNotNull(CompileOutcome.check(seed), seed);
        }
    }

    @Property
    void arbitraryText(@ForAll("anyText") String toml) throws Exception {
        Outcomes.count(CompileOutcome.check(toml));
    }

    @Property(edgeCases = EdgeCasesMode.NONE)
    void mutatedPipelineFiles(@ForAll("seed") String seed, @ForAll("edits") List<TextMutation> edits) throws Exception {
        Outcomes.count(CompileOutcome.check(TextMutation.applyAll(seed, edits)));
    }

    /** Deep nesting and long runs, where recursive parsers overflow their stack or go quadratic. */
    @Property(tries = 60, edgeCases = EdgeCasesMode.NONE)
    void longRepetitiveText(@ForAll("prefixes") String prefix, @ForAll("fragments") String fragment,
                            @ForAll("counts") int count) throws Exception {
        Outcomes.count(CompileOutcome.check(prefix + fragment.repeat(count)));
    }

    @Provide
    Arbitrary<String> prefixes() {
        return Arbitraries.of("", "a = ", "[pipeline]\nname = ", "[[stages]]\nid = \"a\"\nconfig = ", "a = \"", "a = \"\"\"");
    }

    @Provide
    Arbitrary<String> fragments() {
        return Arbitraries.of("[", "{", "{a=", "[[", "a.", "${", "${A:-", "\\", "\n", "#", "'", "\"", "[a]\n", "[[stages]]\n",
                "x = 1\n", "${A}", "$");
    }

    @Provide
    Arbitrary<Integer> counts() {
        // Up to ~300 kB: far beyond a real pipeline file. At 100 000 lines of errors tomlj alone takes
        // seconds (linear, about 30 µs a line), which is slow, not a hang.
        return Arbitraries.of(1_000, 10_000, 30_000);
    }

    @Provide
    Arbitrary<String> anyText() {
        return Arbitraries.oneOf(
                Arbitraries.strings().ofMaxLength(200),
                Arbitraries.strings().withChars("[]{}\"'=.,#\\$:-_ \n\tabcdefgilnoprstuy0123456789").ofMaxLength(300));
    }

    @Provide
    Arbitrary<String> seed() {
        return Arbitraries.of(SeedPipelines.ALL);
    }

    @Provide
    Arbitrary<List<TextMutation>> edits() {
        return TextMutation.any().list().ofMinSize(1).ofMaxSize(8);
    }
}
