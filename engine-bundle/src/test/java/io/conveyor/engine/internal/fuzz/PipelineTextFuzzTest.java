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
