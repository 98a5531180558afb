package io.conveyor.engine.internal.stages.csv;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The fast path of {@link CsvChunk#parse} (unquoted records read and typed in one pass) against
 * the general path it stands in for, on random CSV text full of what sends a record back to the
 * general path: quotes, wrong field counts, blank lines, CR and CRLF, null texts, numbers at the
 * edges of the fast number rules, other delimiters, and pieces cut anywhere.
 */
class CsvChunkTest {
    private static final String[] NUMBERS = {
        "0", "-0", "7", "-12", "007", "-", "1.", ".5", "1.5", "-0.0", "00.5", "1e5", "1E-3", "2.5e+10", "+1",
        "123456789012345678", "-999999999999999999", "1234567890123456789", "9223372036854775807",
        "-9223372036854775808", "9223372036854775808", "12345678901234567890", "123456789012345.6",
        "12345.6789012345", "1234567.89012345678", "0.000000000000001", "538.18", "99999999999999.9",
        "1e400", "true", "FALSE", "truth",
    };
    private static final String[] TEXTS = {"", " ", "a", "CH", "leave at door", "a\"b", "x y", "NA", "null", "é€"};

    @Test
    void theFastPathReadsEveryRecordAsTheGeneralPathDoes() {
        SplittableRandom random = new SplittableRandom(42);
        // Pieces of one width share their arrays, as a source's pieces do: what a piece leaves in
        // them (texts of records the fast path gave up on, fields of skipped columns) must never
        // show through in the next piece parsed into them.
        Map<Integer, CsvChunk.Spares> spares = new HashMap<>();
        for (int round = 0; round < 3000; round++) {
            char delimiter = ",;\t|§e".charAt(random.nextInt(round % 5 == 0 ? 6 : 4));
            char quote = random.nextInt(10) == 0 ? '\'' : '"';
            int width = 1 + random.nextInt(5);
            List<String> names = new ArrayList<>();
            boolean[] asText = new boolean[width];
            boolean[] skipped = new boolean[width];
            for (int c = 0; c < width; c++) {
                names.add("c" + c);
                asText[c] = random.nextInt(6) == 0;
                skipped[c] = random.nextInt(5) == 0;
            }
            byte[][] nullValues = switch (random.nextInt(4)) {
                case 0 -> new byte[][] {new byte[0]};
                case 1 -> new byte[][] {"NA".getBytes(StandardCharsets.UTF_8), "0".getBytes(StandardCharsets.UTF_8)};
                default -> new byte[0][];
            };
            CsvChunk.Layout layout = new CsvChunk.Layout(names, delimiter, quote, nullValues, asText, skipped);
            byte[] bytes = randomCsv(random, width, delimiter, quote).getBytes(StandardCharsets.UTF_8);
            int limit = random.nextInt(4) == 0 ? random.nextInt(bytes.length + 1) : bytes.length;
            boolean atEnd = random.nextBoolean();
            CsvChunk.Spares reused = spares.computeIfAbsent(width, w -> new CsvChunk.Spares());
            CsvChunk fast = CsvChunk.parse(bytes, 0, limit, atEnd, layout, reused);
            CsvChunk general = CsvChunk.parseWithoutFastPath(bytes, 0, limit, atEnd, layout);
            // A skipped column's fields are read back only for the dead-letter record of a row whose
            // declared (text) column does not convert; without such a column nothing reads them.
            boolean[] unread = new boolean[width];
            boolean declared = false;
            for (boolean t : asText) {
                declared |= t;
            }
            for (int c = 0; c < width; c++) {
                unread[c] = skipped[c] && !declared;
            }
            assertSame(general, fast, unread, new String(bytes, 0, limit, StandardCharsets.UTF_8));
            reused.giveBack(fast);
        }
    }

    @Test
    void plainNumbersReadOnTheFastPathEqualTheJdksParse() {
        SplittableRandom random = new SplittableRandom(5);
        List<String> column = new ArrayList<>();
        for (int i = 0; i < 200_000; i++) {
            int intDigits = 1 + random.nextInt(18);
            StringBuilder n = new StringBuilder(random.nextBoolean() ? "-" : "");
            n.append(1 + random.nextInt(9));
            for (int k = 1; k < intDigits; k++) {
                n.append(random.nextInt(10));
            }
            if (random.nextInt(3) > 0) {
                int frac = 1 + random.nextInt(17);
                n.append('.');
                for (int k = 0; k < frac; k++) {
                    n.append(random.nextInt(10));
                }
            }
            column.add(random.nextInt(20) == 0 ? n.substring(0, n.length() - 1) + "0" : n.toString());
        }
        byte[] bytes = (String.join("\n", column) + "\n").getBytes(StandardCharsets.US_ASCII);
        CsvChunk chunk = CsvChunk.parse(bytes, 0, bytes.length, true,
                new CsvChunk.Layout(List.of("n"), ',', '"', new byte[0][], new boolean[1], new boolean[1]), null);
        assertEquals(column.size(), chunk.rows);
        for (int r = 0; r < chunk.rows; r++) {
            String text = column.get(r);
            long bits = chunk.values[r];
            if (text.indexOf('.') < 0) {
                assertEquals(CsvColumnTyper.LONG, chunk.cls(0, r), text);
                assertEquals(Long.parseLong(text), bits, text);
            } else {
                assertEquals(CsvColumnTyper.DOUBLE, chunk.cls(0, r), text);
                assertEquals(Double.doubleToRawLongBits(Double.parseDouble(text)), bits, text);
            }
            assertEquals(text, chunk.text(0, r));
        }
    }

    private static String randomCsv(SplittableRandom random, int width, char delimiter, char quote) {
        StringBuilder csv = new StringBuilder();
        int records = random.nextInt(12);
        for (int i = 0; i < records; i++) {
            int fields = random.nextInt(8) == 0 ? Math.max(1, width + random.nextInt(3) - 1) : width;
            if (random.nextInt(12) == 0) {
                fields = 0; // a blank line
            }
            for (int f = 0; f < fields; f++) {
                if (f > 0) {
                    csv.append(delimiter);
                }
                String v = random.nextBoolean() ? NUMBERS[random.nextInt(NUMBERS.length)]
                        : TEXTS[random.nextInt(TEXTS.length)];
                int q = random.nextInt(12);
                if (q >= 10) {
                    csv.append(quote).append(v).append(q == 10 ? String.valueOf(delimiter) : "").append(quote);
                } else if (q == 0) {
                    csv.append(quote).append(v.replace(String.valueOf(quote), "" + quote + quote)).append(quote);
                } else if (q == 1) {
                    csv.append(quote).append(v).append(delimiter).append('\n').append(quote).append(quote).append(quote);
                } else if (q == 2) {
                    csv.append(v).append(quote).append(v);
                } else {
                    csv.append(v);
                }
            }
            csv.append(switch (random.nextInt(8)) {
                case 0 -> "\r\n";
                case 1 -> "\r";
                default -> "\n";
            });
        }
        if (random.nextBoolean() && csv.length() > 0) {
            csv.setLength(csv.length() - 1); // no line break after the last record
        }
        return csv.toString();
    }

    @Test
    void lineBreaksCountsEveryNewlineByteAndAPieceHasRoomForAllItsRecords() {
        java.util.Random random = new java.util.Random(7);
        for (int round = 0; round < 200; round++) {
            byte[] b = new byte[random.nextInt(300)];
            for (int i = 0; i < b.length; i++) {
                // Newlines, carriage returns, bytes above 0x7F (negative) and the rest.
                int k = random.nextInt(6);
                b[i] = (byte) (k == 0 ? '\n' : k == 1 ? '\r' : k == 2 ? 0x8A : k == 3 ? 0xFF : random.nextInt(256));
            }
            int from = b.length == 0 ? 0 : random.nextInt(b.length);
            int expected = 0;
            for (int i = from; i < b.length; i++) {
                expected += b[i] == '\n' ? 1 : 0;
            }
            assertEquals(expected, CsvChunk.lineBreaks(b, from, b.length));
        }
        // Records of two bytes, far shorter than any guess from the byte count: the arrays are
        // sized once, from the line breaks, and every row fits.
        StringBuilder csv = new StringBuilder();
        for (int i = 0; i < 5000; i++) {
            csv.append(i % 10).append('\n');
        }
        byte[] bytes = csv.toString().getBytes(StandardCharsets.UTF_8);
        CsvChunk chunk = CsvChunk.parse(bytes, 0, bytes.length, true,
                new CsvChunk.Layout(List.of("n"), ',', '"', new byte[0][], new boolean[1], new boolean[1]), null);
        assertEquals(5000, chunk.rows);
        assertEquals(5001, chunk.lines.length);
        // Once a piece has been read, the next is sized from its bytes per row, without counting.
        CsvChunk.Spares spares = new CsvChunk.Spares();
        CsvChunk.Layout layout = new CsvChunk.Layout(List.of("n"), ',', '"', new byte[0][], new boolean[1], new boolean[1]);
        CsvChunk first = CsvChunk.parse(bytes, 0, bytes.length, false, layout, spares);
        spares.giveBack(first);
        assertEquals(5000 * 5 / 4 + 16, spares.roomFor(bytes.length));
        CsvChunk second = CsvChunk.parse(bytes, 0, bytes.length, false, layout, spares);
        assertEquals(5000, second.rows);
        assertEquals(5000 * 5 / 4 + 16, second.lines.length);
    }

    /** @param unread columns whose fields nothing reads, and which are not compared */
    private static void assertSame(CsvChunk expected, CsvChunk actual, boolean[] unread, String csv) {
        assertEquals(expected.rows, actual.rows, csv);
        assertEquals(expected.lineCount, actual.lineCount, csv);
        assertEquals(expected.openRecordAt, actual.openRecordAt, csv);
        assertEquals(expected.unclosedLine, actual.unclosedLine, csv);
        assertEquals(expected.rejected, actual.rejected, csv);
        for (int r = 0; r < expected.rows; r++) {
            assertEquals(expected.lines[r], actual.lines[r], csv);
            assertEquals(expected.rowEnds[r], actual.rowEnds[r], csv);
            for (int c = 0; c < expected.width; c++) {
                if (unread[c]) {
                    continue;
                }
                byte cls = expected.cls(c, r);
                String where = csv + " row " + r + " column " + c;
                assertEquals(cls, actual.cls(c, r), where);
                int at = r * expected.width + c;
                if (cls != CsvColumnTyper.STRING) {
                    assertEquals(expected.values[at], actual.values[at], where);
                }
                if (cls == CsvColumnTyper.NULL) {
                    continue;
                }
                assertEquals(expected.text(c, r), actual.text(c, r), where);
                assertEquals(expected.texts[at] == null, actual.texts[at] == null, where);
            }
        }
    }
}
