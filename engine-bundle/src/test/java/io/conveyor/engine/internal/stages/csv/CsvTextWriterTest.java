package io.conveyor.engine.internal.stages.csv;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.conveyor.api.Column;
import io.conveyor.api.DataType;
import io.conveyor.api.Field;
import io.conveyor.api.RecordBatch;
import io.conveyor.api.Schema;
import io.conveyor.api.Values;
import java.io.ByteArrayOutputStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Values are formatted straight into UTF-8 bytes; the text must stay what {@link Values#toText}
 * gives ({@link Values#formatDouble} for doubles), quoted when it needs to be, for every
 * delimiter a value's text can hold, and the same whether the output takes bytes or text.
 */
class CsvTextWriterTest {
    @Test
    void doublesAreWrittenAsFormatDoubleWritesThem() throws Exception {
        SplittableRandom random = new SplittableRandom(17);
        int n = 20_000;
        double[] values = new double[n];
        boolean[] nulls = new boolean[n];
        double[] edges = {0.0, -0.0, Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.MIN_VALUE,
            Double.MAX_VALUE, 1e-3, Math.nextDown(1e-3), 1e7, Math.nextDown(1e7), 538.18, -854.78, 1e21, 123456789.0};
        for (int i = 0; i < n; i++) {
            values[i] = switch (i % 5) {
                case 0 -> edges[random.nextInt(edges.length)];
                case 1 -> random.nextInt(100_000) / 100.0;
                case 2 -> Double.longBitsToDouble(random.nextLong());
                case 3 -> (random.nextDouble() - 0.5) * Math.pow(10, random.nextInt(-12, 12));
                default -> random.nextLong(-1_000_000_000L, 1_000_000_000L) / 1000.0;
            };
            nulls[i] = random.nextInt(50) == 0;
        }
        RecordBatch batch = new RecordBatch(new Schema(List.of(new Field("x", DataType.DOUBLE))),
                List.of(Column.ofDoubles(values, nulls, n)), n);
        for (char delimiter : new char[] {',', '.', '-', 'E', '5', 'N'}) {
            StringWriter out = new StringWriter();
            CsvTextWriter writer = new CsvTextWriter(out, delimiter, false);
            writer.write(batch);
            writer.write(batch);
            StringBuilder expected = new StringBuilder();
            for (int copy = 0; copy < 2; copy++) {
                for (int i = 0; i < n; i++) {
                    if (!nulls[i]) {
                        String text = Values.formatDouble(values[i]);
                        expected.append(text.indexOf(delimiter) >= 0 ? "\"" + text + "\"" : text);
                    }
                    expected.append('\n');
                }
            }
            assertEquals(expected.toString(), out.toString(), "delimiter " + delimiter);
        }
    }

    @Test
    void longsBoolsAndStringsAreWrittenAsTheirTextQuotedWhereNeeded() throws Exception {
        long[] longs = {0, 7, -7, 9, 10, 99, 100, 123456789, -1000000000000L, 999999999999999999L,
            1000000000000000000L, Long.MAX_VALUE, Long.MIN_VALUE, Long.MIN_VALUE + 1, Integer.MAX_VALUE,
            Integer.MAX_VALUE + 1L, Integer.MIN_VALUE, 1999999999L, 4294967295L, 4294967296L, 21474836470L};
        String[] strings = {"plain", "", " lead", "trail ", "a,b", "say \"hi\"", "two\nlines", "cr\rhere",
            "caf\u00e9", "\u00e9,\u00e9", "\u65e5\u672c \"\u8a9e\"", "\ud83d\ude00 emoji", "x;y", "x\u00a7y", "1.5"};
        int n = Math.max(longs.length, strings.length);
        long[] ls = new long[n];
        boolean[] lNulls = new boolean[n];
        boolean[] bs = new boolean[n];
        Object[] ss = new Object[n];
        for (int i = 0; i < n; i++) {
            lNulls[i] = i >= longs.length;
            ls[i] = lNulls[i] ? 0 : longs[i];
            bs[i] = i % 3 == 0;
            ss[i] = i < strings.length ? strings[i] : null;
        }
        RecordBatch batch = new RecordBatch(new Schema(List.of(new Field("n", DataType.LONG),
                new Field("b", DataType.BOOL), new Field("s", DataType.STRING))),
                List.of(Column.ofLongs(DataType.LONG, ls, lNulls, n), Column.ofBools(bs, null, n),
                        Column.ofObjects(DataType.STRING, ss, n)), n);
        for (char delimiter : new char[] {',', ';', '\t', '\u00a7', '1', '-', 'e'}) {
            StringBuilder expected = new StringBuilder("n" + delimiter + "b" + delimiter + "s\n");
            for (int i = 0; i < n; i++) {
                if (!lNulls[i]) {
                    expected.append(quoted(Long.toString(ls[i]), delimiter));
                }
                expected.append(delimiter).append(bs[i]).append(delimiter);
                if (ss[i] != null) {
                    expected.append(quoted((String) ss[i], delimiter));
                }
                expected.append('\n');
            }
            StringWriter text = new StringWriter();
            new CsvTextWriter(text, delimiter, true).write(batch);
            assertEquals(expected.toString(), text.toString(), "text, delimiter " + delimiter);
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            new CsvTextWriter(bytes, delimiter, true).write(batch);
            assertEquals(expected.toString(), bytes.toString(StandardCharsets.UTF_8), "bytes, delimiter " + delimiter);
        }
    }

    @Test
    void blocksLargerThanTheBufferAreWrittenWhole() throws Exception {
        char[] wide = new char[200_000];
        Arrays.fill(wide, '\u00e9');
        String big = new String(wide);
        int n = 50;
        Object[] ss = new Object[n];
        for (int i = 0; i < n; i++) {
            ss[i] = i % 2 == 0 ? big : "row " + i;
        }
        RecordBatch batch = new RecordBatch(new Schema(List.of(new Field("s", DataType.STRING))),
                List.of(Column.ofObjects(DataType.STRING, ss, n)), n);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        CsvTextWriter writer = new CsvTextWriter(bytes, ',', false);
        writer.write(batch);
        writer.write(batch);
        StringBuilder expected = new StringBuilder();
        for (int copy = 0; copy < 2; copy++) {
            for (Object s : ss) {
                expected.append(s).append('\n');
            }
        }
        assertEquals(expected.toString(), bytes.toString(StandardCharsets.UTF_8));
    }

    private static String quoted(String text, char delimiter) {
        boolean quote = text.isEmpty() || text.startsWith(" ") || text.endsWith(" ") || text.indexOf(delimiter) >= 0
                || text.indexOf('"') >= 0 || text.indexOf('\n') >= 0 || text.indexOf('\r') >= 0;
        return quote ? "\"" + text.replace("\"", "\"\"") + "\"" : text;
    }
    @Test
    void aColumnThatWidensFromLongToDoubleKeepsItsWholeNumbersWhole() throws Exception {
        // n: longs, then doubles (a source met its first fraction); d: doubles from the start.
        Schema longs = new Schema(List.of(new Field("n", DataType.LONG), new Field("d", DataType.DOUBLE)));
        Schema doubles = new Schema(List.of(new Field("n", DataType.DOUBLE), new Field("d", DataType.DOUBLE)));
        double[] later = {2.0, 7.5, -0.0, Double.NaN, 1e21, 0x1p63, -0x1p63, 0x1p53 + 2, -4.0, 0.0};
        for (char delimiter : new char[] {',', '5'}) {
            StringWriter out = new StringWriter();
            CsvTextWriter writer = new CsvTextWriter(out, delimiter, false);
            writer.write(new RecordBatch(longs, List.of(Column.ofLongs(DataType.LONG, new long[] {5, 0},
                    new boolean[] {false, true}, 2), Column.ofDoubles(new double[] {1.0, 2.0}, null, 2)), 2));
            double[] d = new double[later.length];
            Arrays.fill(d, 3.0);
            writer.write(new RecordBatch(doubles, List.of(Column.ofDoubles(later, null, later.length),
                    Column.ofDoubles(d, null, d.length)), later.length));
            String sep = String.valueOf(delimiter);
            String three = quoted("3.0", delimiter);
            String expected = quoted("5", delimiter) + sep + quoted("1.0", delimiter) + "\n"
                    + sep + quoted("2.0", delimiter) + "\n";
            String[] whole = {"2", "7.5", "-0.0", "NaN", Values.formatDouble(1e21), Values.formatDouble(0x1p63),
                "-9223372036854775808", "9007199254740994", "-4", "0"};
            for (String w : whole) {
                expected += quoted(w, delimiter) + sep + three + "\n";
            }
            assertEquals(expected, out.toString(), "delimiter " + delimiter);
        }
    }
}
