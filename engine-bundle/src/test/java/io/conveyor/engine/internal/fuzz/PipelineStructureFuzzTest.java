package io.conveyor.engine.internal.fuzz;

import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Fuzzes the pipeline compiler with syntactically valid TOML built from the real section and key
 * names, near misses of them, random values, random stage graphs (cycles, unknown inputs,
 * duplicate and invalid ids, unknown types) and random {@code ${...}} references. Each must
 * compile or be rejected with located problems ({@link CompileOutcome}).
 */
class PipelineStructureFuzzTest {
    @Property(edgeCases = EdgeCasesMode.NONE)
    void generatedPipelines(@ForAll("pipelines") String toml, @ForAll("overrides") Map<String, String> overrides)
            throws Exception {
        Outcomes.count(CompileOutcome.check(toml, overrides));
    }

    @Provide
    Arbitrary<String> pipelines() {
        return PipelineGenerator.pipelines();
    }

    @Provide
    Arbitrary<Map<String, String>> overrides() {
        return Arbitraries.maps(Arbitraries.of("REGION", "data_dir", "OUT", "API_TOKEN", ""),
                PipelineGenerator.interpolatedText()).ofMaxSize(2);
    }
}
