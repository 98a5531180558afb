package io.conveyor.engine.internal.stages.json;

import static io.conveyor.engine.internal.stages.Batches.row;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.conveyor.api.DataType;
import io.conveyor.api.RecordBatch;
import io.conveyor.api.StageException;
import io.conveyor.engine.internal.stages.StageHarness;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JsonSourceFactoryTest {
    @TempDir
    Path dir;

    private final JsonSourceFactory factory = new JsonSourceFactory();

    @Test
    void readsAnArrayOfRecordsWithNestedValuesAndWidening() throws Exception {
        Files.writeString(dir.resolve("in.json"), "[\n {\"id\": 1, \"tags\": [\"a\", \"b\"], \"price\": 2},\n"
                + " {\"id\": 2, \"price\": 2.5, \"meta\": {\"k\": true}},\n {\"id\": 3, \"price\": null}\n]\n");
        StageHarness h = new StageHarness(dir);
        List<RecordBatch> batches = h.read(factory, Map.of("path", "in.json", "batch_size", 2L));
        assertEquals(2, batches.size());
        assertEquals(List.of(
                row("id", 1L, "tags", List.of("a", "b"), "price", 2.0, "meta", null),
                row("id", 2L, "tags", null, "price", 2.5, "meta", Map.of("k", true)),
                row("id", 3L, "tags", null, "price", null, "meta", null)), StageHarness.rows(batches));
        assertEquals(DataType.JSON, batches.get(0).schema().field(1).type());
        assertEquals(DataType.DOUBLE, batches.get(1).schema().field(2).type());
        assertEquals(Files.size(dir.resolve("in.json")), h.context.bytesRead());
    }

    @Test
    void theSchemaIsKnownAtCompileTimeOnlyWhenTheLinesFitOneSample() throws Exception {
        int rows = io.conveyor.engine.internal.stages.SchemaSample.ROWS;
        StringBuilder fits = new StringBuilder();
        for (int i = 0; i < rows; i++) {
            fits.append("{\"id\": ").append(i).append(i == rows - 1 ? ", \"late\": \"x\"" : "").append("}\n");
        }
        // Blank lines are no records.
        Files.writeString(dir.resolve("fits.jsonl"), fits + "\n  \n");
        Files.writeString(dir.resolve("longer.jsonl"), fits + "{\"id\": -1}\n");
        StageHarness h = new StageHarness(dir);
        io.conveyor.api.Schema known = factory.outputSchema(h.config(factory, Map.of("path", "fits.jsonl")), List.of());
        assertEquals(List.of("id", "late"), known.names());
        // One line more and a later record could still add a column: unknown until the run.
        assertEquals(null, factory.outputSchema(h.config(factory, Map.of("path", "longer.jsonl")), List.of()));
        assertEquals(null, factory.outputSchema(h.config(factory, Map.of("path", "*.jsonl")), List.of()));
        assertEquals(null, factory.outputSchema(h.config(factory, Map.of("path", "missing.jsonl")), List.of()));
    }

    @Test
    void readsJsonLinesAndRejectsBadLines() throws Exception {
        Files.writeString(dir.resolve("in.jsonl"), "{\"a\": 1}\n{\"a\": oops}\n\n[1, 2]\n{\"a\": 4}\n");
        StageHarness h = new StageHarness(dir);
        List<RecordBatch> batches = h.read(factory, Map.of("path", "in.jsonl"));
        assertEquals(List.of(row("a", 1L), row("a", 4L)), StageHarness.rows(batches));
        assertEquals(2, h.context.rejected().size());
        assertEquals(row("_raw", "{\"a\": oops}"), h.context.rejected().get(0).record());
        assertTrue(h.context.rejected().get(0).error().startsWith("line 2: Unrecognized token 'oops'"),
                h.context.rejected().get(0).error());
        assertEquals("line 4: expected a JSON object, found an array", h.context.rejected().get(1).error());
    }

    @Test
    void aLineThatIsNotValidUtf8IsRejectedNotSilentlyAltered() throws Exception {
        // 0xFF can never start a UTF-8 character: the line is kept as a rejection, its
        // neighbours are read, and the line numbers still count every line.
        byte[] bad = "{\"a\": \"caf\u00ff\"}".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        java.io.ByteArrayOutputStream file = new java.io.ByteArrayOutputStream();
        file.writeBytes("{\"a\": \"caf\u00e9\"}\r\n".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        file.writeBytes(bad);
        file.writeBytes("\n{\"a\": \"ok\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        Files.write(dir.resolve("in.jsonl"), file.toByteArray());
        StageHarness h = new StageHarness(dir);
        List<RecordBatch> batches = h.read(factory, Map.of("path", "in.jsonl"));
        assertEquals(List.of(row("a", "caf\u00e9"), row("a", "ok")), StageHarness.rows(batches));
        assertEquals(1, h.context.rejected().size());
        assertTrue(h.context.rejected().get(0).error().startsWith("line 2: Invalid UTF-8"),
                h.context.rejected().get(0).error());
        assertEquals(row("_raw", "{\"a\": \"caf\ufffd\"}"), h.context.rejected().get(0).record());
    }

    @Test
    void numbersAreExactlyWhatTheJdkParsesAndRepeatedStringsKeepTheirValues() throws Exception {
        // The fast double parser must give Double.parseDouble's correctly rounded value for
        // every spelling; field order changes between records must not mix up columns.
        java.util.Random random = new java.util.Random(11);
        StringBuilder text = new StringBuilder();
        List<String> spelled = new java.util.ArrayList<>();
        for (int i = 0; i < 3000; i++) {
            double d = switch (i % 4) {
                case 0 -> Math.round(random.nextDouble() * 100_000) / 100.0;
                case 1 -> random.nextDouble() * Math.pow(10, random.nextInt(40) - 20);
                case 2 -> Double.longBitsToDouble(random.nextLong() & 0x7fefffffffffffffL);
                default -> random.nextGaussian();
            };
            String s = i % 3 == 0 ? Double.toString(d) : new java.math.BigDecimal(d).toString();
            if (!s.contains(".") && !s.contains("E")) {
                s = s + ".0";
            }
            spelled.add(s);
            String country = List.of("CH", "GB", "DE").get(i % 3);
            text.append(i % 2 == 0 ? "{\"v\": " + s + ", \"c\": \"" + country + "\"}\n"
                    : "{\"c\": \"" + country + "\", \"v\": " + s + "}\n");
        }
        Files.writeString(dir.resolve("n.jsonl"), text);
        List<Map<String, Object>> rows = StageHarness.rows(new StageHarness(dir).read(factory, Map.of("path", "n.jsonl")));
        assertEquals(spelled.size(), rows.size());
        for (int i = 0; i < rows.size(); i++) {
            assertEquals(Double.parseDouble(spelled.get(i)), rows.get(i).get("v"), spelled.get(i));
            assertEquals(List.of("CH", "GB", "DE").get(i % 3), rows.get(i).get("c"));
        }
    }

    @Test
    void formatOptionOverridesTheExtensionAndNonObjectsAreRejected() throws Exception {
        Files.writeString(dir.resolve("in.txt"), "\uFEFF{\"a\": 1}\n");
        assertEquals(List.of(row("a", 1L)), StageHarness.rows(new StageHarness(dir)
                .read(factory, Map.of("path", "in.txt", "format", "jsonl"))));
        Files.writeString(dir.resolve("arr.json"), "[{\"a\": 1}, 5, {\"a\": 2}]");
        StageHarness h = new StageHarness(dir);
        assertEquals(List.of(row("a", 1L), row("a", 2L)),
                StageHarness.rows(h.read(factory, Map.of("path", "arr.json"))));
        assertEquals("element 2: expected a JSON object, found a number", h.context.rejected().get(0).error());
    }

    @Test
    void recordsFileThatIsNotAnArrayOrIsBrokenFailsWithItsPosition() throws Exception {
        Files.writeString(dir.resolve("obj.json"), "{\"a\": 1}");
        StageException e = assertThrows(StageException.class,
                () -> new StageHarness(dir).read(factory, Map.of("path", "obj.json")));
        assertEquals(dir.resolve("obj.json") + ": expected a JSON array of objects ([{...}, ...]) but the file starts "
                + "with {; use format = \"jsonl\" for one object per line", e.getMessage());
        Files.writeString(dir.resolve("broken.json"), "[{\"a\": 1},\n {\"a\": }]");
        StageException b = assertThrows(StageException.class,
                () -> new StageHarness(dir).read(factory, Map.of("path", "broken.json")));
        assertTrue(b.getMessage().startsWith(dir.resolve("broken.json") + ": line 2, column 8: Unexpected character"),
                b.getMessage());
    }
}
