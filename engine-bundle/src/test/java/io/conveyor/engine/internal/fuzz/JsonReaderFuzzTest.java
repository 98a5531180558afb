package io.conveyor.engine.internal.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.conveyor.engine.internal.stages.json.JsonSourceFactory;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.statistics.Statistics;

/**
 * Fuzzes {@code source.json} (records and jsonl) through its factory on a temp file: random and
 * mutated JSON must read or fail cleanly ({@link SourceOutcome}); generated valid records read
 * back equal to what was written, allowing for the widening {@link io.conveyor.api.RowBatcher}
 * does (a column holding longs and doubles reads as doubles from the first batch with a double).
 */
class JsonReaderFuzzTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private final JsonSourceFactory factory = new JsonSourceFactory();

    @Property(edgeCases = EdgeCasesMode.NONE)
    void randomAndMutatedJsonReadsOrFailsCleanly(@ForAll("jsonText") String text, @ForAll boolean jsonLines,
                                                @ForAll("batchSizes") long batchSize) throws Exception {
        Map<String, Object> options = Map.of("path", jsonLines ? "in.jsonl" : "in.json", "batch_size", batchSize);
        SourceOutcome.Read read = SourceOutcome.check(factory, jsonLines ? "in.jsonl" : "in.json",
                text.getBytes(StandardCharsets.UTF_8), options);
        Statistics.label("outcome").collect(read == null ? "stage error"
                : read.context().rejected().isEmpty() ? "read" : "read with rejects");
    }

    @Property(edgeCases = EdgeCasesMode.NONE)
    void validRecordsReadBackEqual(@ForAll("records") List<Map<String, Object>> records, @ForAll boolean jsonLines,
                                   @ForAll boolean pretty, @ForAll("batchSizes") long batchSize) throws Exception {
        String text = write(records, jsonLines, pretty);
        Map<String, Object> options = Map.of("path", "in.txt", "format", jsonLines ? "jsonl" : "records",
                "batch_size", batchSize);
        SourceOutcome.Read read = SourceOutcome.check(factory, "in.txt", text.getBytes(StandardCharsets.UTF_8), options);
        assertNotNull(read, "valid JSON failed to read: " + text);
        assertEquals(List.of(), read.context().rejected());
        List<Map<String, Object>> rows = read.rows();
        assertEquals(records.size(), rows.size(), text);
        for (int i = 0; i < records.size(); i++) {
            Map<String, Object> expected = records.get(i);
            Map<String, Object> actual = rows.get(i);
            assertTrue(actual.keySet().containsAll(expected.keySet()), "row " + i + " lost keys: " + actual);
            for (Map.Entry<String, Object> e : actual.entrySet()) {
                Object want = JsonValues.normalize(expected.get(e.getKey()));
                Object got = JsonValues.normalize(e.getValue());
                assertTrue(JsonValues.same(want, got), "row " + i + " key '" + e.getKey() + "': wrote " + want
                        + ", read " + got + " in " + text);
            }
        }
    }

    /** Deep nesting and long runs: stack overflows and slow paths show here. */
    @Property(tries = 40, edgeCases = EdgeCasesMode.NONE)
    void longRepetitiveInput(@ForAll("jsonPrefixes") String prefix, @ForAll("jsonFragments") String fragment,
                             @ForAll("repeats") int count, @ForAll boolean jsonLines) throws Exception {
        SourceOutcome.check(factory, jsonLines ? "in.jsonl" : "in.json",
                (prefix + fragment.repeat(count)).getBytes(StandardCharsets.UTF_8), Map.of("path",
                        jsonLines ? "in.jsonl" : "in.json"));
    }

    @Provide
    Arbitrary<String> jsonPrefixes() {
        return Arbitraries.of("", "[", "{\"a\":", "[{\"a\":\"", "\uFEFF");
    }

    @Provide
    Arbitrary<String> jsonFragments() {
        return Arbitraries.of("[", "{\"a\":", "{\"a\":1}\n", "{\"a\":1},", "\n", " ", "9", "\\u0041", "\"", "{}",
                "[1,", "{\"k", "]");
    }

    @Provide
    Arbitrary<Integer> repeats() {
        return Arbitraries.of(1_000, 50_000, 300_000);
    }

    private static String write(List<Map<String, Object>> records, boolean jsonLines, boolean pretty)
            throws Exception {
        if (!jsonLines) {
            return pretty ? MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(records)
                    : MAPPER.writeValueAsString(records);
        }
        StringBuilder sb = new StringBuilder();
        for (Map<String, Object> r : records) {
            sb.append(MAPPER.writeValueAsString(r)).append(pretty ? "\r\n\n" : "\n");
        }
        return sb.toString();
    }

    @Provide
    Arbitrary<Long> batchSizes() {
        return Arbitraries.longs().between(1, 4);
    }

    @Provide
    Arbitrary<String> jsonText() {
        Arbitrary<String> valid = records().map(r -> {
            try {
                return MAPPER.writeValueAsString(r);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        Arbitrary<String> lines = valid.map(s -> s.replace("},{", "}\n{").replaceFirst("^\\[", "").replaceFirst("]$", ""));
        Arbitrary<String> base = Arbitraries.oneOf(valid, lines);
        Arbitrary<String> mutated = Combinators.combine(base, TextMutation.any().list().ofMinSize(1).ofMaxSize(6))
                .as(TextMutation::applyAll);
        Arbitrary<String> noise = Arbitraries.strings().withChars("[]{}\":,.-+eE0123456789tnulfrsa \n\r\t\\/u\uFEFF")
                .ofMaxLength(80);
        return Arbitraries.frequencyOf(Tuple.of(5, mutated), Tuple.of(3, noise), Tuple.of(1, Arbitraries.strings()
                .ofMaxLength(60)), Tuple.of(1, Arbitraries.of("", "[", "]", "[]", "{}", "[{}]", "\uFEFF", "[{\"a\":1}",
                "{\"a\":1", "null", "[null]", "[1e999999]", "[{\"a\":1e999999}]", "{\"a\":-}", "[[[[[[[[[[]]]]]]]]]]",
                "{\"a\":\"\\ud800\"}", "[{\"a\":1},]", "{\"a\":1}{\"b\":2}")));
    }

    /** Records whose keys each hold one kind of value (or null, or are missing). */
    @Provide
    Arbitrary<List<Map<String, Object>>> records() {
        Arbitrary<String> key = Arbitraries.oneOf(Arbitraries.of("a", "b", "id", "name", "", "é", "a b", "\"q\""),
                JsonValues.text().ofMinLength(1).ofMaxLength(4));
        Arbitrary<Map<String, JsonValues.Kind>> columns = Arbitraries.maps(key, Arbitraries.of(JsonValues.Kind.class))
                .ofMaxSize(4);
        return columns.flatMap(kinds -> row(kinds).list().ofMaxSize(10));
    }

    private static Arbitrary<Map<String, Object>> row(Map<String, JsonValues.Kind> kinds) {
        List<Arbitrary<Object>> cells = new ArrayList<>();
        List<String> keys = new ArrayList<>(kinds.keySet());
        for (String k : keys) {
            cells.add(Arbitraries.frequencyOf(Tuple.of(8, JsonValues.of(kinds.get(k))), Tuple.of(1, Arbitraries.just(null)),
                    Tuple.of(1, Arbitraries.just(JsonValues.MISSING))));
        }
        return Combinators.combine(cells).as(values -> {
            Map<String, Object> m = new LinkedHashMap<>();
            for (int i = 0; i < keys.size(); i++) {
                if (values.get(i) != JsonValues.MISSING) {
                    m.put(keys.get(i), values.get(i));
                }
            }
            return m;
        });
    }
}
