package io.conveyor.engine.internal.stages.csv;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.conveyor.api.Column;
import io.conveyor.api.DataType;
import io.conveyor.api.Field;
import io.conveyor.api.RecordBatch;
import io.conveyor.api.Schema;
import io.conveyor.api.Values;
import java.io.StringWriter;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Doubles are written without making a String each; the text must stay what
 * {@link Values#formatDouble} gives, quoted when it holds the delimiter, for every double
 * and every delimiter a double's text can hold.
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
}
