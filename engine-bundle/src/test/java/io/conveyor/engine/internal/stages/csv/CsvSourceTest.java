package io.conveyor.engine.internal.stages.csv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.conveyor.api.DataType;
import io.conveyor.api.RecordBatch;
import io.conveyor.engine.internal.stages.StageHarness;
import io.conveyor.testkit.RecordingStageContext.Rejected;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The parallel, byte-level reading of {@code source.csv} on files of several pieces: rows keep
 * their order and values, a quoted field holding line breaks across the place where the file is
 * cut is read whole, rejected rows keep their line numbers, and numbers parse exactly as
 * {@link Double#parseDouble} and {@link Long#parseLong} do.
 */
class CsvSourceTest {
    @TempDir
    Path dir;

    /** What the test wrote, to compare with what is read. */
    private record Expected(List<Long> ids, List<String> texts, List<String> amounts, List<Long> rejectLines) {
    }

    @Test
    void aFileOfManyPiecesReadsInOrderWithQuotedLineBreaksAcrossTheCuts() throws Exception {
        StringBuilder csv = new StringBuilder("id,text,amount\n");
        Expected expected = new Expected(new ArrayList<>(), new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
        SplittableRandom random = new SplittableRandom(7);
        long line = 2;
        long id = 0;
        // The first cut is at the last line break before byte 2 * PIECE_BYTES (the header's read
        // and one piece); a long quoted field full of line breaks sits across it, and others
        // across later places.
        long[] traps = {2L * CsvSource.PIECE_BYTES, 3L * CsvSource.PIECE_BYTES + 12345, 4L * CsvSource.PIECE_BYTES};
        int trap = 0;
        while (csv.length() < 5 * CsvSource.PIECE_BYTES) {
            id++;
            String text;
            if (trap < traps.length && csv.length() > traps[trap] - 20_000) {
                trap++;
                StringBuilder t = new StringBuilder();
                while (t.length() < 40_000) {
                    t.append("line, with \"quotes\"\n");
                }
                text = t.toString();
            } else {
                text = random.nextInt(10) == 0 ? "a, b" : "plain " + random.nextInt(100);
            }
            String amount = random.nextInt(4) == 0 ? random.nextInt(1000) + "." + random.nextInt(10)
                    : random.nextInt(3) == 0 ? (random.nextDouble() * 1e6) + "" : random.nextInt(100_000) / 100 + "."
                    + String.format("%02d", random.nextInt(100));
            if (id % 40_000 == 0) {
                csv.append(id).append(",too,many,fields\n");
                expected.rejectLines().add(line++);
                continue;
            }
            String quoted = "\"" + text.replace("\"", "\"\"") + "\"";
            csv.append(id).append(',').append(text.contains(",") ? quoted : text).append(',').append(amount).append('\n');
            expected.ids().add(id);
            expected.texts().add(text);
            expected.amounts().add(amount);
            line += 1 + text.chars().filter(c -> c == '\n').count();
        }
        Path p = dir.resolve("big.csv");
        Files.writeString(p, csv, StandardCharsets.UTF_8);

        StageHarness h = new StageHarness(dir);
        List<RecordBatch> batches = h.read(new CsvSourceFactory(), Map.of("path", "big.csv", "batch_size", 5000L));
        List<Long> ids = new ArrayList<>();
        List<String> texts = new ArrayList<>();
        List<Double> amounts = new ArrayList<>();
        for (RecordBatch b : batches) {
            assertEquals(DataType.LONG, b.schema().field(0).type());
            assertEquals(DataType.DOUBLE, b.schema().field(2).type());
            assertTrue(b.rowCount() <= 5000);
            for (int r = 0; r < b.rowCount(); r++) {
                ids.add(b.column(0).getLong(r));
                texts.add(b.column(1).getString(r));
                amounts.add(b.column(2).getDouble(r));
            }
        }
        assertEquals(expected.ids(), ids);
        assertEquals(expected.texts(), texts);
        for (int i = 0; i < amounts.size(); i++) {
            assertEquals(Double.parseDouble(expected.amounts().get(i)), amounts.get(i), 0.0, expected.amounts().get(i));
        }
        assertEquals(expected.rejectLines().size(), h.context.rejected().size());
        for (int i = 0; i < expected.rejectLines().size(); i++) {
            Rejected r = h.context.rejected().get(i);
            assertEquals("line " + expected.rejectLines().get(i) + ": expected 3 fields, found 4", r.error());
        }
        assertEquals(Files.size(p), h.context.bytesRead());
    }

    @Test
    void aRepeatedValueIsOneStringInTheWholeFile() throws Exception {
        // Many pieces, parsed on several threads into arrays with string caches of their own:
        // a group-by or join downstream then compares equal keys by reference.
        String[] countries = {"DE", "FR", "GB", "JP", "US", "Zürich"};
        StringBuilder csv = new StringBuilder("id,country\n");
        for (int i = 0; i < 300_000; i++) {
            csv.append(i).append(',').append(countries[i % 7 % countries.length]).append('\n');
        }
        Files.writeString(dir.resolve("countries.csv"), csv, StandardCharsets.UTF_8);
        List<RecordBatch> batches = new StageHarness(dir).read(new CsvSourceFactory(), Map.of("path", "countries.csv"));
        java.util.Map<String, String> first = new java.util.HashMap<>();
        int rows = 0;
        for (RecordBatch b : batches) {
            for (int r = 0; r < b.rowCount(); r++, rows++) {
                String c = b.column(1).getString(r);
                assertEquals(countries[rows % 7 % countries.length], c);
                assertTrue(first.computeIfAbsent(c, k -> c) == c, "row " + rows + ": another String for " + c);
            }
        }
        assertEquals(300_000, rows);
        assertTrue(batches.size() > 4, batches.size() + " batches");
    }

    @Test
    void piecesParsedIntoTheArraysOfPiecesBeforeReadAsTheirOwnText() throws Exception {
        // Twenty pieces: the parsers reuse the arrays and buffers of consumed pieces. A column
        // of integers turns to text half-way (its earlier integers are then read back from the
        // bytes), another mixes integers, decimals and nulls, another few and many strings.
        StringBuilder csv = new StringBuilder("id,code,amount,label\n");
        List<String[]> rows = new ArrayList<>();
        SplittableRandom random = new SplittableRandom(3);
        String[] labels = {"CH", "GB", "leave at door", ""};
        for (int i = 1; csv.length() < 20 * CsvSource.PIECE_BYTES; i++) {
            String code = csv.length() > 10 * CsvSource.PIECE_BYTES && random.nextInt(1000) == 0
                    ? "x" + i : Long.toString(random.nextLong(1_000_000_000L));
            String amount = switch (random.nextInt(3)) {
                case 0 -> Integer.toString(random.nextInt(1000));
                case 1 -> random.nextInt(1000) + "." + random.nextInt(100);
                default -> "NA";
            };
            String label = random.nextInt(3) == 0 ? "note " + i : labels[random.nextInt(labels.length)];
            String[] row = {Integer.toString(i), code, amount, label};
            rows.add(row);
            csv.append(String.join(",", row)).append('\n');
        }
        Files.writeString(dir.resolve("many.csv"), csv, StandardCharsets.UTF_8);

        StageHarness h = new StageHarness(dir);
        List<RecordBatch> batches = h.read(new CsvSourceFactory(),
                Map.of("path", "many.csv", "batch_size", 3000L, "null_values", List.of("NA")));
        int i = 0;
        boolean codeTurnedToText = false;
        for (RecordBatch b : batches) {
            for (int r = 0; r < b.rowCount(); r++, i++) {
                String[] row = rows.get(i);
                assertEquals(Long.parseLong(row[0]), b.column(0).getLong(r));
                if (b.schema().field(1).type() == DataType.STRING) {
                    codeTurnedToText = true;
                    assertEquals(row[1], b.column(1).getString(r));
                } else {
                    assertEquals(Long.parseLong(row[1]), b.column(1).getLong(r));
                }
                if (row[2].equals("NA")) {
                    assertTrue(b.column(2).isNull(r));
                } else {
                    assertEquals(Double.parseDouble(row[2]), b.column(2).getDouble(r), 0.0, row[2]);
                }
                assertEquals(row[3], b.column(3).getString(r));
            }
        }
        assertEquals(rows.size(), i);
        assertTrue(codeTurnedToText);
    }

    @Test
    void fieldsAreClassifiedAndParsedAsTheirTextSays() {
        SplittableRandom random = new SplittableRandom(11);
        long[] out = new long[1];
        for (int i = 0; i < 200_000; i++) {
            double d = switch (i % 4) {
                case 0 -> random.nextDouble() * 1000;
                case 1 -> random.nextInt(100_000) / 100.0;
                case 2 -> Double.longBitsToDouble(random.nextLong() & 0x7fefffffffffffffL);
                default -> -random.nextDouble() * 1e-5;
            };
            String text = Double.toString(d).replace("E", i % 2 == 0 ? "e" : "E");
            byte[] b = text.getBytes(StandardCharsets.US_ASCII);
            assertEquals(CsvColumnTyper.DOUBLE, CsvColumnTyper.classify(b, 0, b.length, out, 0), text);
            assertEquals(Double.parseDouble(text), Double.longBitsToDouble(out[0]), 0.0, text);
        }
        String[][] cases = {
            {"0", "LONG"}, {"-0", "LONG"}, {"9223372036854775807", "LONG"}, {"-9223372036854775808", "LONG"},
            {"9223372036854775808", "STRING"}, {"12345678901234567890", "STRING"}, {"-123456789012345678901", "STRING"},
            {"12345678901234567890.5", "DOUBLE"}, {"1.2345678901234567e19", "DOUBLE"}, {"007", "STRING"},
            {"1.", "STRING"}, {".5", "STRING"}, {"-", "STRING"}, {"+1", "STRING"}, {"1e5", "DOUBLE"},
            {"1e", "STRING"}, {"TRUE", "BOOL"}, {"fAlSe", "BOOL"}, {"truth", "STRING"}, {"", "STRING"},
            {"1 ", "STRING"}, {"1e400", "STRING"}, {"0.1", "DOUBLE"}, {"-0.0", "DOUBLE"},
        };
        for (String[] c : cases) {
            byte[] b = c[0].getBytes(StandardCharsets.US_ASCII);
            byte cls = CsvColumnTyper.classify(b, 0, b.length, out, 0);
            assertEquals(c[1], List.of("NULL", "LONG", "DOUBLE", "BOOL", "STRING").get(cls), c[0]);
            if (c[1].equals("LONG")) {
                assertEquals(Long.parseLong(c[0]), out[0], c[0]);
            }
        }
        byte[] negZero = "-0.0".getBytes(StandardCharsets.US_ASCII);
        CsvColumnTyper.classify(negZero, 0, negZero.length, out, 0);
        assertEquals(Double.doubleToRawLongBits(-0.0), out[0]);
    }
}
