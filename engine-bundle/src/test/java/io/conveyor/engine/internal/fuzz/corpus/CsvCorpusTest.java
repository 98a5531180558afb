package io.conveyor.engine.internal.fuzz.corpus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.conveyor.engine.internal.fuzz.SourceOutcome;
import io.conveyor.engine.internal.stages.csv.CsvSourceFactory;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Example;

/** CSV inputs with which CsvReaderFuzzTest found a bug, kept as regression cases. */
class CsvCorpusTest {
    /**
     * Found by longRepetitiveInput (a BOM and 300 000 commas: a header of 300 001 empty names):
     * every renamed column logged its own warning line, so reading took longer than 5 s and would
     * have flooded a user's terminal. Renames are now reported in one line.
     */
    @Example
    void aHeaderOfManyEmptyNamesIsRenamedWithOneWarning() throws Exception {
        byte[] content = ("\uFEFF" + ",".repeat(300_000)).getBytes(StandardCharsets.UTF_8);
        SourceOutcome.Read read = SourceOutcome.check(new CsvSourceFactory(), "in.csv", content,
                Map.of("path", "in.csv", "null_values", List.of("", "NA"), "batch_size", 3L));
        assertNotNull(read);
        List<String> warnings = read.context().logs().stream().filter(l -> l.startsWith("WARN")).toList();
        assertEquals(1, warnings.size(), () -> warnings.size() + " warning lines");
        assertTrue(warnings.get(0).startsWith("WARN in.csv: column 1 '' is read as 'column_1', column 2 '' is read as "
                + "'column_2'"), warnings.get(0));
        assertTrue(warnings.get(0).endsWith(" (and 299996 more)"), warnings.get(0));
    }

    /**
     * Found by longRepetitiveInput ({@code "a",} 50 000 times: a header of 50 000 equal names):
     * finding a free suffix started at 2 for every column, quadratic in the header's width.
     */
    @Example
    void aHeaderOfManyEqualNamesGetsSuffixesInLinearTime() throws Exception {
        byte[] content = "\"a\",".repeat(50_000).getBytes(StandardCharsets.UTF_8);
        SourceOutcome.Read read = SourceOutcome.check(new CsvSourceFactory(), "in.csv", content,
                Map.of("path", "in.csv", "batch_size", 1L));
        assertNotNull(read);
        List<String> names = read.batches().isEmpty() ? List.of() : read.batches().get(0).schema().names();
        String warning = read.context().logs().stream().filter(l -> l.startsWith("WARN")).findFirst().orElseThrow();
        assertTrue(warning.contains("column 2 'a' is read as 'a_2', column 3 'a' is read as 'a_3'"), warning);
        assertTrue(names.isEmpty() || names.get(49_999).equals("a_50000"), () -> String.valueOf(names.size()));
    }
}
