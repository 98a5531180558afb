package io.conveyor.engine.internal.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.conveyor.engine.internal.stages.csv.CsvSourceFactory;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
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
 * Fuzzes {@code source.csv} through its factory on a temp file: random bytes made of CSV's
 * meaningful characters (quotes, delimiters, CR, LF, BOMs, invalid UTF-8) under random options
 * must read or fail cleanly ({@link SourceOutcome}); well-formed generated tables, correctly
 * quoted, read back exactly as the strings written.
 */
class CsvReaderFuzzTest {
    private final CsvSourceFactory factory = new CsvSourceFactory();

    /** The options of one read. */
    record Dialect(char delimiter, char quote, boolean header, long batchSize, boolean infer, List<String> nulls) {
        Map<String, Object> options() {
            Map<String, Object> o = new HashMap<>();
            o.put("path", "in.csv");
            o.put("delimiter", delimiter == '\t' ? "\\t" : String.valueOf(delimiter));
            o.put("quote", String.valueOf(quote));
            o.put("has_header", header);
            o.put("batch_size", batchSize);
            o.put("infer_schema", infer);
            o.put("null_values", nulls);
            return o;
        }
    }

    @Property(edgeCases = EdgeCasesMode.NONE)
    void randomBytesReadOrFailCleanly(@ForAll("csvBytes") byte[] content, @ForAll("dialects") Dialect dialect)
            throws Exception {
        SourceOutcome.Read read = SourceOutcome.check(factory, "in.csv", content, dialect.options());
        net.jqwik.api.statistics.Statistics.label("outcome").collect(read == null ? "stage error"
                : read.context().rejected().isEmpty() ? "read" : "read with rejects");
    }

    @Property(edgeCases = EdgeCasesMode.NONE)
    void wellFormedTablesReadBackExactly(@ForAll("tables") List<List<String>> table, @ForAll("dialects") Dialect d,
                                         @ForAll boolean quoteAll, @ForAll boolean crlf, @ForAll boolean bom,
                                         @ForAll boolean finalNewline) throws Exception {
        Dialect dialect = new Dialect(d.delimiter(), d.quote(), true, d.batchSize(), false, List.of());
        List<String> header = table.get(0);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        if (bom) {
            out.writeBytes(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
        }
        String newline = crlf ? "\r\n" : "\n";
        StringBuilder text = new StringBuilder();
        for (int r = 0; r < table.size(); r++) {
            List<String> row = table.get(r);
            for (int c = 0; c < row.size(); c++) {
                if (c > 0) {
                    text.append(dialect.delimiter());
                }
                text.append(field(row.get(c), dialect, quoteAll || row.size() == 1));
            }
            if (r < table.size() - 1 || finalNewline) {
                text.append(newline);
            }
        }
        out.writeBytes(text.toString().getBytes(StandardCharsets.UTF_8));
        SourceOutcome.Read read = SourceOutcome.check(factory, "in.csv", out.toByteArray(), dialect.options());
        assertNotNull(read, "a well-formed table failed to read");
        List<Map<String, Object>> expected = new ArrayList<>();
        for (List<String> row : table.subList(1, table.size())) {
            Map<String, Object> m = new LinkedHashMap<>();
            for (int c = 0; c < header.size(); c++) {
                m.put(header.get(c), row.get(c));
            }
            expected.add(m);
        }
        assertEquals(List.of(), read.context().rejected());
        assertEquals(expected, read.rows());
        assertTrue(read.batches().size() >= 1);
        assertEquals(header, read.batches().get(0).schema().names());
    }

    /** Long runs (a huge field, a huge header, endless quotes or blank lines): slow parsers show here. */
    @Property(tries = 40, edgeCases = EdgeCasesMode.NONE)
    void longRepetitiveInput(@ForAll("csvPrefixes") String prefix, @ForAll("csvFragments") String fragment,
                             @ForAll("repeats") int count, @ForAll("dialects") Dialect dialect) throws Exception {
        SourceOutcome.check(factory, "in.csv", (prefix + fragment.repeat(count)).getBytes(StandardCharsets.UTF_8),
                dialect.options());
    }

    @Provide
    Arbitrary<String> csvPrefixes() {
        return Arbitraries.of("", "a,b\n", "a\n", "a,b\n1,\"", "\uFEFF");
    }

    @Provide
    Arbitrary<String> csvFragments() {
        return Arbitraries.of(",", "\"", "\"\"", "\n", "\r\n", "\r", "x", "1,2\n", "\"a\",", ";", "\t", "'");
    }

    @Provide
    Arbitrary<Integer> repeats() {
        return Arbitraries.of(1_000, 50_000, 300_000);
    }

    /** A field as a careful writer writes it: quoted when it must be (or always), quotes doubled. */
    private static String field(String value, Dialect d, boolean always) {
        boolean must = value.isEmpty() || value.indexOf(d.delimiter()) >= 0 || value.indexOf(d.quote()) >= 0
                || value.indexOf('\n') >= 0 || value.indexOf('\r') >= 0;
        if (!always && !must) {
            return value;
        }
        String q = String.valueOf(d.quote());
        return q + value.replace(q, q + q) + q;
    }

    @Provide
    Arbitrary<byte[]> csvBytes() {
        Arbitrary<byte[]> meaningful = Arbitraries.strings().withChars("ab1.,;\t|\"'\r\n \uFEFF\u00e9")
                .ofMaxLength(120).map(s -> s.getBytes(StandardCharsets.UTF_8));
        Arbitrary<byte[]> raw = Arbitraries.bytes().array(byte[].class).ofMaxSize(120);
        Arbitrary<byte[]> withBom = meaningful.map(b -> {
            byte[] out = new byte[b.length + 3];
            out[0] = (byte) 0xEF;
            out[1] = (byte) 0xBB;
            out[2] = (byte) 0xBF;
            System.arraycopy(b, 0, out, 3, b.length);
            return out;
        });
        return Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(6, meaningful), net.jqwik.api.Tuple.of(2, raw),
                net.jqwik.api.Tuple.of(2, withBom));
    }

    @Provide
    Arbitrary<Dialect> dialects() {
        return Combinators.combine(Arbitraries.of(',', ';', '\t', '|'), Arbitraries.of('"', '\''),
                Arbitraries.of(true, false), Arbitraries.longs().between(1, 5), Arbitraries.of(true, false),
                Arbitraries.of(List.<String>of(), List.of(""), List.of("", "NA"))).as(Dialect::new);
    }

    /** A header of distinct, non-empty names, then rows of as many cells. */
    @Provide
    Arbitrary<List<List<String>>> tables() {
        Arbitrary<String> cell = Arbitraries.oneOf(
                Arbitraries.strings().withChars("ab1 .,;\t|\"'\r\n\u00e9\u4e2d").ofMaxLength(8),
                Arbitraries.strings().ofMaxLength(5).map(s -> s.replace("\uFEFF", "")),
                Arbitraries.of("", " ", "\"", "\"\"", ",", "\r\n", "NA", "1", "-0", "1e5", "true"));
        Arbitrary<String> name = Arbitraries.strings().withChars("abcxyz_ ,\"'\n").ofMinLength(1).ofMaxLength(5)
                .filter(n -> !n.startsWith("\uFEFF"));
        return Arbitraries.integers().between(1, 5).flatMap(width -> {
            Arbitrary<List<String>> header = name.list().ofSize(width).uniqueElements()
                    .filter(h -> !(h.size() == 1 && h.get(0).isBlank()));
            Arbitrary<List<List<String>>> rows = cell.list().ofSize(width).list().ofMaxSize(12);
            return Combinators.combine(header, rows).as((h, rs) -> {
                List<List<String>> all = new ArrayList<>();
                all.add(h);
                all.addAll(rs);
                return all;
            });
        });
    }
}
