package io.conveyor.engine.internal.stages.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.conveyor.api.Field;
import io.conveyor.api.RecordBatch;
import io.conveyor.api.RowBatcher;
import io.conveyor.api.StageException;
import io.conveyor.engine.internal.stages.StageHarness;
import java.io.BufferedReader;
import java.io.StringReader;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
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
    /** Jackson as source.json sets it up (whole numbers as Long, or BigInteger past a long's range). */
    private static final ObjectMapper MAPPER = PlainJson.mapper(new com.fasterxml.jackson.core.JsonFactory());
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

    /**
     * Lines that are not valid UTF-8 (the bytes as ISO-8859-1 chars), in keys that may or may not
     * be read: each must be rejected, as without option columns.
     */
    private static final String[] NOT_UTF8 = {"{\"a\":1,\"b\":\"caf\u00ff\"}", "{\"c\":\"\u00c3(\",\"a\":2}",
        "{\"d\":{\"x\":\"\u00e2\u0082\"},\"a\":3}", "{\"b\":[\"\u0080\"],\"c\":4}", "{\"a\":\"\u00ed\u00a0\u0080\"}",
        "{\"\u00ff\":1,\"a\":5}"};
    /** Values only Jackson reads, a whole number beyond a long among them, nested too. */
    private static final String[] NESTED = {"[123456789012345678901234567890]", "{\"n\":{\"m\":-9223372036854775809}}",
        "[1,[2,[3,{\"q\":\"\\u00e9\"}]]]", "{\"a\":1,\"a\":[true,false,null]}", "[1e400,-0.0,\"\"]",
        "1234567890123456789", "-9223372036854775808"};

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
            assertReadAsReference(file, text.toString(), batchSize, "input:\n" + text + "\nbatch size " + batchSize);
        }
    }

    /** Reads {@code file} (whose text, without a byte order mark, is {@code text}) and compares with {@link #reference}. */
    private void assertReadAsReference(Path file, String text, int batchSize, String what) throws Exception {
        StageHarness h = new StageHarness(dir);
        List<RecordBatch> actual = h.read(new JsonSourceFactory(),
                Map.of("path", file.getFileName().toString(), "batch_size", (long) batchSize));
        List<String> rejected = new ArrayList<>();
        List<RecordBatch> expected = reference(text, batchSize, rejected);
        assertEquals(expected.size(), actual.size(), what);
        for (int b = 0; b < expected.size(); b++) {
            assertEquals(expected.get(b).schema(), actual.get(b).schema(), what);
            assertEquals(expected.get(b).rows(), actual.get(b).rows(), what);
        }
        List<String> actualRejected = new ArrayList<>();
        h.context.rejected().forEach(r -> actualRejected.add(r.error() + " " + r.record()));
        assertEquals(rejected, actualRejected, what);
    }

    /**
     * A file many times the reader's buffer, with lines longer than what a plain line is read
     * ahead with, so that lines and their \r\n breaks fall across the buffer's refills: read as
     * RowBatcher reads it, rejections and their line numbers included.
     */
    @Test
    void aFileLargerThanTheBufferReadsAsRowBatcherWouldReadIt() throws Exception {
        Random random = new Random(3);
        for (int round = 0; round < 3; round++) {
            StringBuilder text = new StringBuilder(random.nextBoolean() ? "\uFEFF" : "");
            for (int i = 0; i < 4000; i++) {
                int kind = random.nextInt(40);
                if (kind == 0) {
                    text.append(BAD[random.nextInt(BAD.length)]);
                } else if (kind == 1) {
                    text.append("{\"a\":\"").append("x".repeat(500 + random.nextInt(3000))).append("\",\"b\":1}");
                } else {
                    text.append(object(random));
                }
                text.append(random.nextInt(10) == 0 ? "\r\n" : random.nextInt(20) == 0 ? "\r" : "\n");
            }
            Path file = dir.resolve("large" + round + ".jsonl");
            Files.writeString(file, text);
            String plain = text.charAt(0) == '\uFEFF' ? text.substring(1) : text.toString();
            assertReadAsReference(file, plain, 1000, "round " + round);
        }
    }

    @Test
    void randomArraysOfRecordsReadAsRowBatcherWouldReadThem() throws Exception {
        Random random = new Random(7);
        for (int round = 0; round < 200; round++) {
            String text = array(random, JsonSourceEquivalenceTest::object);
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

    /**
     * With option columns, source.json must give what reading without it and keeping only the
     * named columns gives: the same schemas batch by batch, values, rejections (each line kept
     * whole) and failures, for lines the flat reader takes and lines Jackson reads alike. A
     * named key in no record fails the run at the end of its input instead.
     */
    @Test
    void randomJsonLinesWithColumnsReadAsAllColumnsThenSelected() throws Exception {
        Random random = new Random(99);
        for (int round = 0; round < 600; round++) {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            StringBuilder shown = new StringBuilder();
            int lines = random.nextInt(30);
            for (int i = 0; i < lines; i++) {
                int kind = random.nextInt(12);
                String line = kind == 0 ? BAD[random.nextInt(BAD.length)]
                        : kind == 1 ? NOT_UTF8[random.nextInt(NOT_UTF8.length)] : objectWithNested(random);
                String end = random.nextInt(10) == 0 ? "\r\n" : "\n";
                bytes.writeBytes((line + end).getBytes(kind == 1 ? StandardCharsets.ISO_8859_1 : StandardCharsets.UTF_8));
                shown.append(line).append(end);
            }
            Path file = dir.resolve("c" + round + ".jsonl");
            Files.write(file, bytes.toByteArray());
            assertSameAsSelecting(file, columns(random), 1 + random.nextInt(6), "input:\n" + shown);
        }
    }

    @Test
    void randomArraysOfRecordsWithColumnsReadAsAllColumnsThenSelected() throws Exception {
        Random random = new Random(5);
        for (int round = 0; round < 300; round++) {
            String text = array(random, r -> r.nextInt(15) == 0 ? NESTED[r.nextInt(NESTED.length)] : objectWithNested(r));
            Path file = dir.resolve("c" + round + ".json");
            Files.writeString(file, text);
            assertSameAsSelecting(file, columns(random), 1 + random.nextInt(6), text);
        }
    }

    /** One to three of the keys in any order, now and then with one no record has. */
    private static List<String> columns(Random random) {
        List<String> keys = new ArrayList<>(List.of(KEYS));
        java.util.Collections.shuffle(keys, random);
        List<String> columns = new ArrayList<>(keys.subList(0, 1 + random.nextInt(3)));
        if (random.nextInt(10) == 0) {
            columns.add(random.nextInt(columns.size() + 1), "zz");
        }
        return columns;
    }

    private void assertSameAsSelecting(Path file, List<String> columns, long batchSize, String what) throws Exception {
        String name = file.getFileName().toString();
        what = what + "\ncolumns " + columns + ", batch size " + batchSize;
        StageHarness all = new StageHarness(dir);
        StageHarness some = new StageHarness(dir);
        List<RecordBatch> full = null;
        List<RecordBatch> narrowed = null;
        StageException fullFailure = null;
        StageException narrowedFailure = null;
        try {
            full = all.read(new JsonSourceFactory(), Map.of("path", name, "batch_size", batchSize));
        } catch (StageException e) {
            fullFailure = e;
        }
        try {
            narrowed = some.read(new JsonSourceFactory(), Map.of("path", name, "batch_size", batchSize, "columns", columns));
        } catch (StageException e) {
            narrowedFailure = e;
        }
        if (fullFailure != null) {
            assertNotNull(narrowedFailure, what);
            assertEquals(fullFailure.getMessage(), narrowedFailure.getMessage(), what);
            return;
        }
        List<String> rejected = new ArrayList<>();
        all.context.rejected().forEach(r -> rejected.add(r.error() + " " + r.record()));
        List<String> narrowedRejected = new ArrayList<>();
        some.context.rejected().forEach(r -> narrowedRejected.add(r.error() + " " + r.record()));
        assertEquals(rejected, narrowedRejected, what);
        java.util.Set<String> seen = new java.util.HashSet<>();
        full.forEach(b -> seen.addAll(b.schema().names()));
        List<String> missing = columns.stream().filter(c -> !seen.contains(c)).toList();
        if (!missing.isEmpty() && !full.isEmpty()) {
            assertNotNull(narrowedFailure, what);
            assertTrue(narrowedFailure.getMessage().startsWith((missing.size() == 1 ? "column '" : "columns '")
                    + String.join("', '", missing) + "' named in option columns "), narrowedFailure.getMessage());
            return;
        }
        assertNull(narrowedFailure, what);
        assertEquals(full.size(), narrowed.size(), what);
        for (int b = 0; b < full.size(); b++) {
            RecordBatch expected = full.get(b);
            List<Field> fields = expected.schema().fields().stream().filter(f -> columns.contains(f.name())).toList();
            assertEquals(fields, narrowed.get(b).schema().fields(), what);
            List<Map<String, Object>> rows = new ArrayList<>();
            for (Map<String, Object> row : expected.rows()) {
                Map<String, Object> kept = new LinkedHashMap<>();
                fields.forEach(f -> kept.put(f.name(), row.get(f.name())));
                rows.add(kept);
            }
            assertEquals(rows, narrowed.get(b).rows(), what);
        }
    }

    /** Like {@link #object}, with now and then a value only Jackson reads. */
    private static String objectWithNested(Random random) {
        if (random.nextInt(3) != 0) {
            return object(random);
        }
        StringBuilder sb = new StringBuilder("{");
        int fields = 1 + random.nextInt(5);
        for (int f = 0; f < fields; f++) {
            if (f > 0) {
                sb.append(", ");
            }
            String value = random.nextInt(4) == 0 ? NESTED[random.nextInt(NESTED.length)] : VALUES[random.nextInt(VALUES.length)];
            sb.append('"').append(KEYS[random.nextInt(KEYS.length)]).append("\":").append(value);
        }
        return sb.append('}').toString();
    }

    /** @return a JSON array of up to 19 elements, each one {@code element} gives */
    private static String array(Random random, java.util.function.Function<Random, String> element) {
        List<String> elements = new ArrayList<>();
        int count = random.nextInt(20);
        for (int i = 0; i < count; i++) {
            elements.add(element.apply(random));
        }
        return "[" + String.join(",\n", elements) + "]";
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
