package io.conveyor.engine.internal.stages.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.conveyor.api.RecordBatch;
import io.conveyor.api.RowBatcher;
import io.conveyor.api.StageException;
import io.conveyor.engine.internal.stages.StageHarness;
import java.io.BufferedReader;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * source.json reads JSON lines straight into typed columns; this checks, on random lines,
 * that it gives exactly what parsing each line to a {@code Map} and handing it to
 * {@link RowBatcher} gives: the same schemas batch by batch (order, widening), the same
 * values, and the same rejections with the same messages.
 */
class JsonSourceEquivalenceTest {
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(DeserializationFeature.USE_LONG_FOR_INTS);
    private static final String[] KEYS = {"a", "b", "c", "d", "é"};
    private static final String[] VALUES = {"1", "-7", "0", "9223372036854775807", "-9223372036854775808",
        "9223372036854775808", "123456789012345678901234567890", "2.5", "-0.0", "1e3", "1E-400", "1e400", "3.0", "1e-7", "1.5e20",
        "0.1", "true", "false", "null", "\"x\"", "\"\"", "\"tab\\there \\u00e9 \\\"q\\\"\"", "\"1\"",
        // plain forms the flat-line reader takes, and near misses it must leave to Jackson
        "538.18", "-12.75", "100", "0.000123", "123456789012345678", "1234567890123456789", "-0",
        "12345678901234567.5", "9007199254740993.0", "0.30000000000000004", "4.35", "1.0000000000000002",
        "\"caf\u00e9\"", "\"\u20ac\"", "\"with space\"", "\"~!@#$%^&*()\"", "\"\u007f\"",
        "{\"n\":1,\"m\":[1,2.5,\"s\",null,{}]}", "[]", "[1,2]", "{}", "[{\"k\":true}]"};
    private static final String[] BAD = {"[1, 2]", "5", "\"s\"", "null", "true", "{\"a\": oops}", "{\"a\":1",
        "{\"a\":1,}", "{\"a\" 1}", "{a:1}", "{\"a\":1} trailing", "{\"a\":1}{\"b\":2}", "  ", "", "\t{\"a\":2}",
        "{\"a\":[1,}", "{\"a\":01}", "\u00a0{\"a\":1}", "{\"a\":1, \"a\":\"dup\"}", "{\"a\":null, \"a\":{\"z\":1}}",
        "{\"a\":1.}", "{\"a\":-}", "{\"a\":+1}", "{\"a\":tru}", "{\"a\":truex}", "{\"a\":nul}", "{\"a\":.5}",
        "{\"a\":\"x\u0001\"}", "{\"a\":\"open}", "{\"a\" : 1 , \"b\" :\t2 }", "{ }", "{\"a\":1}  ", "{\"a\":-01}",
        "{\"a\":1.5x}", "{\"a\":2,,\"b\":3}", "{,\"a\":1}", "{\"a\":1 \"b\":2}", "{\"a\":\"q\"\"}", "{\"\":5}"};

    @TempDir
    Path dir;

    @Test
    void randomJsonLinesReadAsRowBatcherWouldReadThem() throws Exception {
        Random random = new Random(42);
        for (int round = 0; round < 500; round++) {
            StringBuilder text = new StringBuilder();
            int lines = random.nextInt(30);
            for (int i = 0; i < lines; i++) {
                text.append(random.nextInt(6) == 0 ? BAD[random.nextInt(BAD.length)] : object(random));
                text.append(random.nextInt(10) == 0 ? "\r\n" : random.nextInt(20) == 0 ? "\r" : "\n");
            }
            int batchSize = 1 + random.nextInt(6);
            Path file = dir.resolve("in" + round + ".jsonl");
            Files.writeString(file, text);
            StageHarness h = new StageHarness(dir);
            List<RecordBatch> actual = h.read(new JsonSourceFactory(),
                    Map.of("path", file.getFileName().toString(), "batch_size", (long) batchSize));
            List<String> rejected = new ArrayList<>();
            List<RecordBatch> expected = reference(text.toString(), batchSize, rejected);
            String what = "input:\n" + text + "\nbatch size " + batchSize;
            assertEquals(expected.size(), actual.size(), what);
            for (int b = 0; b < expected.size(); b++) {
                assertEquals(expected.get(b).schema(), actual.get(b).schema(), what);
                assertEquals(expected.get(b).rows(), actual.get(b).rows(), what);
            }
            List<String> actualRejected = new ArrayList<>();
            h.context.rejected().forEach(r -> actualRejected.add(r.error() + " " + r.record()));
            assertEquals(rejected, actualRejected, what);
        }
    }

    @Test
    void randomArraysOfRecordsReadAsRowBatcherWouldReadThem() throws Exception {
        Random random = new Random(7);
        for (int round = 0; round < 200; round++) {
            List<String> objects = new ArrayList<>();
            int count = random.nextInt(20);
            for (int i = 0; i < count; i++) {
                objects.add(object(random));
            }
            String text = "[" + String.join(",\n", objects) + "]";
            int batchSize = 1 + random.nextInt(6);
            Path file = dir.resolve("in" + round + ".json");
            Files.writeString(file, text);
            Map<String, Object> options = Map.of("path", file.getFileName().toString(), "batch_size", (long) batchSize);
            List<?> elements;
            try {
                elements = MAPPER.readValue(text, List.class);
            } catch (JsonProcessingException e) {
                // a whole number beyond long fails the array, as it always did
                StageException thrown = assertThrows(StageException.class,
                        () -> new StageHarness(dir).read(new JsonSourceFactory(), options));
                assertTrue(thrown.getMessage().endsWith(e.getOriginalMessage()), thrown.getMessage());
                continue;
            }
            List<RecordBatch> actual = new StageHarness(dir).read(new JsonSourceFactory(), options);
            List<RecordBatch> expected = batches(elements, batchSize);
            assertEquals(expected.size(), actual.size(), text);
            for (int b = 0; b < expected.size(); b++) {
                assertEquals(expected.get(b).schema(), actual.get(b).schema(), text);
                assertEquals(expected.get(b).rows(), actual.get(b).rows(), text);
            }
        }
    }

    private static String object(Random random) {
        StringBuilder sb = new StringBuilder("{");
        int fields = random.nextInt(5);
        for (int f = 0; f < fields; f++) {
            if (f > 0) {
                sb.append(random.nextBoolean() ? "," : ", ");
            }
            sb.append('"').append(KEYS[random.nextInt(KEYS.length)]).append("\":")
                    .append(VALUES[random.nextInt(VALUES.length)]);
        }
        return sb.append('}').toString();
    }

    /** What source.json did before it read into columns: a Map per line, through RowBatcher. */
    private static List<RecordBatch> reference(String text, int batchSize, List<String> rejected) throws Exception {
        List<Object> objects = new ArrayList<>();
        BufferedReader lines = new BufferedReader(new StringReader(text));
        String line;
        int number = 0;
        while ((line = lines.readLine()) != null) {
            number++;
            if (line.isBlank()) {
                continue;
            }
            Object value;
            try {
                // From its UTF-8 bytes, as the source reads it (Jackson words a few errors differently for text).
                value = MAPPER.readValue(line.getBytes(java.nio.charset.StandardCharsets.UTF_8), Object.class);
            } catch (JsonProcessingException e) {
                rejected.add("line " + number + ": " + e.getOriginalMessage() + " " + Map.of("_raw", line));
                continue;
            }
            if (!(value instanceof Map)) {
                rejected.add("line " + number + ": expected a JSON object, found " + JsonSource.kind(value) + " "
                        + Map.of("_raw", line));
                continue;
            }
            objects.add(value);
        }
        return batches(objects, batchSize);
    }

    /** {@code objects} (plain Maps) through {@link RowBatcher}. */
    @SuppressWarnings("unchecked")
    private static List<RecordBatch> batches(List<?> objects, int batchSize) {
        RowBatcher batcher = new RowBatcher(batchSize);
        List<RecordBatch> out = new ArrayList<>();
        for (Object o : objects) {
            RecordBatch full = batcher.add((Map<String, Object>) o);
            if (full != null) {
                out.add(full);
            }
        }
        RecordBatch last = batcher.finish();
        if (last != null) {
            out.add(last);
        }
        return out;
    }
}
