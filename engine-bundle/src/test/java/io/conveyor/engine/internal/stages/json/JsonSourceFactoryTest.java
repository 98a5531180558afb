package io.conveyor.engine.internal.stages.json;

import static io.conveyor.engine.internal.stages.Batches.row;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.conveyor.api.ConfigException;
import io.conveyor.api.DataType;
import io.conveyor.api.RecordBatch;
import io.conveyor.api.RunResult;
import io.conveyor.api.RunStatus;
import io.conveyor.api.StageException;
import io.conveyor.engine.internal.config.CompileException;
import io.conveyor.engine.internal.stages.PipelineFile;
import io.conveyor.engine.internal.stages.SchemaSample;
import io.conveyor.engine.internal.stages.StageHarness;
import java.math.BigInteger;
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
    void aWholeNumberPastALongsRangeIsReadExactlyNotRejected() throws Exception {
        String big = "12345678901234567890";
        String bigger = "-123456789012345678901234567890";
        // Line 2 goes to the flat-line reader's fallback (more than 18 digits), line 3 to Jackson
        // (a nested value), the array file to the records reader: all keep every digit.
        Files.writeString(dir.resolve("in.jsonl"), "{\"id\": 1, \"n\": 7}\n{\"id\": 2, \"n\": " + big + "}\n"
                + "{\"id\": 3, \"n\": 9223372036854775807, \"deep\": {\"m\": [" + bigger + ", 1, 2.5]}}\n");
        StageHarness h = new StageHarness(dir);
        List<RecordBatch> batches = h.read(factory, Map.of("path", "in.jsonl"));
        Map<String, Object> deep = Map.of("m", List.of(new BigInteger(bigger), 1L, 2.5));
        assertEquals(List.of(row("id", 1L, "n", "7", "deep", null), row("id", 2L, "n", big, "deep", null),
                row("id", 3L, "n", "9223372036854775807", "deep", deep)), StageHarness.rows(batches));
        // Past a long, a whole number is text, as Values types a BigInteger: the column widens to string.
        assertEquals(DataType.STRING, batches.get(0).schema().field(1).type());
        assertEquals(List.of(), h.context.rejected());

        Files.writeString(dir.resolve("in.json"), "[{\"n\": " + big + "}, {\"n\": [" + big + "]}]");
        StageHarness records = new StageHarness(dir);
        // A number and a list: a json column, which holds the number as it is.
        assertEquals(List.of(row("n", new BigInteger(big)), row("n", List.of(new BigInteger(big)))),
                StageHarness.rows(records.read(factory, Map.of("path", "in.json"))));
        assertEquals(List.of(), records.context.rejected());
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
    void aRejectionFromOneFileOfAGlobNamesTheFile() throws Exception {
        Files.createDirectories(dir.resolve("in"));
        Files.writeString(dir.resolve("in/a.jsonl"), "{\"a\": 1}\n[1]\n");
        Files.writeString(dir.resolve("in/b.jsonl"), "{\"a\": 2}\n{\"a\": oops}\n");
        Files.createDirectories(dir.resolve("arrays"));
        Files.writeString(dir.resolve("arrays/c.json"), "[{\"a\": 3}]");
        Files.writeString(dir.resolve("arrays/d.json"), "[{\"a\": 4}, 7]");
        StageHarness h = new StageHarness(dir);
        assertEquals(List.of(row("a", 1L), row("a", 2L)), StageHarness.rows(h.read(factory, Map.of("path", "in/*.jsonl"))));
        assertEquals(dir.resolve("in/a.jsonl") + ", line 2: expected a JSON object, found an array",
                h.context.rejected().get(0).error());
        assertTrue(h.context.rejected().get(1).error().startsWith(dir.resolve("in/b.jsonl") + ", line 2: Unrecognized token"),
                h.context.rejected().get(1).error());
        StageHarness arrays = new StageHarness(dir);
        arrays.read(factory, Map.of("path", "arrays/*.json"));
        assertEquals(dir.resolve("arrays/d.json") + ", element 2: expected a JSON object, found a number",
                arrays.context.rejected().get(0).error());
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

    /** The records of the columns tests: keys in varying order, some missing, a few only Jackson reads. */
    private static final List<String> RECORDS = List.of(
            "{\"id\":1,\"note\":\"a\",\"amount\":2}",
            "{\"day\":\"2024-01-31\",\"amount\":2.5,\"id\":2}",
            // an escape and a non-ASCII string in keys not read, a nested value in one that is
            "{\"id\":3,\"note\":\"caf\u00e9 \\\"q\\\"\",\"amount\":null,\"meta\":{\"k\":[1,2.5]},\"day\":\"2024-02-01\"}",
            // nested values and an exponent in keys not read
            "{\"amount\":4,\"tags\":[\"x\",{\"y\":null}],\"extra\":{\"deep\":[{\"z\":1}]},\"e\":1e3}",
            "{\"id\":5,\"note\":\"only unnamed keys\"}");

    @Test
    void columnsReadsOnlyTheNamedKeysInTheOrderTheyFirstAppearInBothFormats() throws Exception {
        Files.writeString(dir.resolve("in.jsonl"), String.join("\n", RECORDS) + "\n");
        Files.writeString(dir.resolve("in.json"), "[\n" + String.join(",\n", RECORDS) + "\n]\n");
        List<Map<String, Object>> expected = List.of(
                row("amount", 2.0, "day", null, "meta", null),
                row("amount", 2.5, "day", "2024-01-31", "meta", null),
                row("amount", null, "day", "2024-02-01", "meta", Map.of("k", List.of(1L, 2.5))),
                row("amount", 4.0, "day", null, "meta", null),
                row("amount", null, "day", null, "meta", null));
        for (String file : List.of("in.jsonl", "in.json")) {
            StageHarness h = new StageHarness(dir);
            // Named in another order than the data's: the data's order of first appearance counts.
            List<RecordBatch> batches = h.read(factory, Map.of("path", file, "columns", List.of("day", "meta", "amount")));
            assertEquals(1, batches.size(), file);
            assertEquals(List.of(new io.conveyor.api.Field("amount", DataType.DOUBLE),
                    new io.conveyor.api.Field("day", DataType.STRING), new io.conveyor.api.Field("meta", DataType.JSON)),
                    batches.get(0).schema().fields(), file);
            assertEquals(expected, StageHarness.rows(batches), file);
            assertEquals(List.of(), h.context.rejected(), file);
            // Batch by batch: a column joins the schema with the first record that has it.
            List<RecordBatch> small = new StageHarness(dir).read(factory,
                    Map.of("path", file, "columns", List.of("day", "meta", "amount"), "batch_size", 1L));
            assertEquals(List.of(List.of("amount"), List.of("amount", "day"), List.of("amount", "day", "meta"),
                    List.of("amount", "day", "meta"), List.of("amount", "day", "meta")),
                    small.stream().map(b -> b.schema().names()).toList(), file);
        }
    }

    @Test
    void columnsIsCheckedAsSourceCsvChecksItsColumns() throws Exception {
        Files.writeString(dir.resolve("in.jsonl"), "{\"id\": 1}\n");
        StageHarness h = new StageHarness(dir);
        ConfigException notNames = assertThrows(ConfigException.class,
                () -> h.config(factory, Map.of("path", "in.jsonl", "columns", List.of("id", 5L))));
        assertEquals("test.toml:1:1: stage 'test', key 'columns': must be an array of column names; found 5",
                notNames.getMessage());
        ConfigException emptyName = assertThrows(ConfigException.class,
                () -> h.config(factory, Map.of("path", "in.jsonl", "columns", List.of(""))));
        assertEquals("test.toml:1:1: stage 'test', key 'columns': must be an array of column names; found ",
                emptyName.getMessage());
        ConfigException twice = assertThrows(ConfigException.class,
                () -> h.config(factory, Map.of("path", "in.jsonl", "columns", List.of("id", "x", "id"))));
        assertEquals("test.toml:1:1: stage 'test', key 'columns': column 'id' is named twice", twice.getMessage());
        ConfigException none = assertThrows(ConfigException.class,
                () -> h.config(factory, Map.of("path", "in.jsonl", "columns", List.of())));
        assertEquals("test.toml:1:1: stage 'test', key 'columns': name at least one column, or leave the option out "
                + "to read them all", none.getMessage());
    }

    @Test
    void aNamedKeyInNoRecordIsACompileErrorWithASuggestionWhenTheSchemaIsKnown() throws Exception {
        Files.writeString(dir.resolve("in.jsonl"), String.join("\n", RECORDS) + "\n");
        Files.writeString(dir.resolve("in.json"), "[" + String.join(",", RECORDS) + "]");
        for (String file : List.of("in.jsonl", "in.json")) {
            StageHarness h = new StageHarness(dir);
            ConfigException unknown = assertThrows(ConfigException.class, () -> factory.outputSchema(
                    h.config(factory, Map.of("path", file, "columns", List.of("id", "amont"))), List.of()));
            assertEquals("test.toml:1:1: stage 'test', key 'columns': unknown column 'amont'; columns are: id, note, "
                    + "amount, day, meta, tags, extra, e (did you mean 'amount'?)", unknown.getMessage(), file);
            assertEquals("did you mean 'amount'?", unknown.problem().hint(), file);
            // Named keys that are there: the schema the run gives, in the data's order.
            assertEquals(List.of(new io.conveyor.api.Field("amount", DataType.DOUBLE),
                    new io.conveyor.api.Field("meta", DataType.JSON)), factory.outputSchema(
                    h.config(factory, Map.of("path", file, "columns", List.of("meta", "amount"))), List.of()).fields());
        }
    }

    @Test
    void aNamedKeyInNoRecordOfAnInputBeyondTheSampleFailsTheRunAtTheEndOfItsInput() throws Exception {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < SchemaSample.ROWS; i++) {
            text.append("{\"id\":").append(i).append(",\"amount\":").append(i).append(".5,\"day\":\"d\"}\n");
        }
        // A key first seen past the sample is found by the run.
        text.append("{\"id\":-1,\"late\":true}\n");
        Files.writeString(dir.resolve("big.jsonl"), text);
        StageHarness h = new StageHarness(dir);
        assertNull(factory.outputSchema(h.config(factory, Map.of("path", "big.jsonl", "columns", List.of("amont"))),
                List.of()), "the compiler cannot know the keys of this input");
        StageException missing = assertThrows(StageException.class,
                () -> h.read(factory, Map.of("path", "big.jsonl", "columns", List.of("id", "amont"))));
        assertEquals("column 'amont' named in option columns is in no record of " + dir.resolve("big.jsonl")
                + "; did you mean 'amount'? Keys in the records: id, amount, day, late. Correct the name or remove "
                + "it from option columns", missing.getMessage());
        assertNull(missing.getCause(), "a user's mistake, reported without a stack trace");
        StageException two = assertThrows(StageException.class,
                () -> new StageHarness(dir).read(factory, Map.of("path", "*.jsonl", "columns", List.of("dy", "id", "zzz"))));
        assertEquals("columns 'dy', 'zzz' named in option columns are in no record of " + dir.resolve("*.jsonl")
                + "; did you mean 'day' for 'dy'? Keys in the records: id, amount, day, late. Correct the names or "
                + "remove them from option columns", two.getMessage());
        List<RecordBatch> late = new StageHarness(dir).read(factory,
                Map.of("path", "big.jsonl", "columns", List.of("late", "id")));
        assertEquals(List.of(List.of("id"), List.of("id", "late")), late.stream().map(b -> b.schema().names()).toList());
        List<Map<String, Object>> rows = StageHarness.rows(late);
        assertEquals(SchemaSample.ROWS + 1, rows.size());
        assertEquals(row("id", 0L), rows.get(0));
        assertEquals(row("id", -1L, "late", true), rows.get(SchemaSample.ROWS));
        // An input without records says nothing about its keys: nothing to read, as without the option.
        Files.writeString(dir.resolve("empty.jsonl"), "\n");
        assertEquals(List.of(), new StageHarness(dir).read(factory,
                Map.of("path", "empty.jsonl", "columns", List.of("amont"))));
    }

    @Test
    void aRejectedRecordKeepsEveryKeyNotOnlyTheNamedOnes() throws Exception {
        String bad = "{\"id\": 2, \"note\": \"x\", \"amount\": oops}";
        // Bad JSON in a key not read is bad JSON all the same.
        String badUnread = "{\"id\": 3, \"note\": [1,}";
        // A whole number past a long's range is no rejection: it is read (as text), so not reading it is fine too.
        String tooBigUnread = "{\"id\": 4, \"note\": 123456789012345678901234567890}";
        Files.writeString(dir.resolve("in.jsonl"), "{\"id\": 1, \"note\": \"a\"}\n" + bad + "\n" + badUnread
                + "\n" + tooBigUnread + "\n[{\"id\": 5}]\n{\"id\": 6, \"note\": \"b\"}\n");
        StageHarness h = new StageHarness(dir);
        List<RecordBatch> batches = h.read(factory, Map.of("path", "in.jsonl", "columns", List.of("id")));
        assertEquals(List.of(row("id", 1L), row("id", 4L), row("id", 6L)), StageHarness.rows(batches));
        StageHarness all = new StageHarness(dir);
        all.read(factory, Map.of("path", "in.jsonl"));
        assertEquals(3, h.context.rejected().size());
        assertEquals(List.of(row("_raw", bad), row("_raw", badUnread),
                row("_raw", "[{\"id\": 5}]")), h.context.rejected().stream().map(r -> r.record()).toList());
        // The same rejections, with the same messages, as without the option.
        assertEquals(all.context.rejected().stream().map(r -> r.error() + " " + r.record()).toList(),
                h.context.rejected().stream().map(r -> r.error() + " " + r.record()).toList());
        assertTrue(h.context.rejected().get(0).error().startsWith("line 2: Unrecognized token 'oops'"),
                h.context.rejected().get(0).error());
        // An array element that is not an object is kept whole too.
        Files.writeString(dir.resolve("arr.json"), "[{\"id\": 1, \"note\": \"a\"}, [{\"id\": 2, \"note\": \"b\"}]]");
        StageHarness records = new StageHarness(dir);
        assertEquals(List.of(row("id", 1L)), StageHarness.rows(
                records.read(factory, Map.of("path", "arr.json", "columns", List.of("id")))));
        assertEquals(row("value", List.of(row("id", 2L, "note", "b"))), records.context.rejected().get(0).record());
    }

    @Test
    void aPipelineReportsAMisspeltColumnAndDeadLettersWholeLines() throws Exception {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i <= SchemaSample.ROWS; i++) {
            text.append("{\"id\":").append(i).append(",\"amount\":1.5,\"note\":\"n\"}\n");
        }
        Files.writeString(dir.resolve("big.jsonl"), text + "{\"id\": 9, \"note\": oops}\n");
        Files.writeString(dir.resolve("small.jsonl"), "{\"id\":1,\"amount\":1.5}\n");
        String stages = """
                [[stages]]
                id = "in"
                type = "source.json"
                [stages.config]
                path = "PATH"
                columns = ["id", "COLUMN"]
                [[stages]]
                id = "out"
                type = "sink.json"
                inputs = ["in"]
                [stages.config]
                path = "out.jsonl"
                format = "jsonl"
                """;
        PipelineFile pipeline = new PipelineFile(dir);
        RunResult failed = pipeline.run(PipelineFile.header(true)
                + stages.replace("PATH", "big.jsonl").replace("COLUMN", "amont"));
        assertEquals(RunStatus.FAILED, failed.status());
        assertEquals("stage 'in' failed: column 'amont' named in option columns is in no record of "
                + dir.resolve("big.jsonl") + "; did you mean 'amount'? Keys in the records: id, amount, note. Correct "
                + "the name or remove it from option columns", failed.error());
        assertFalse(pipeline.log().contains("\tat "), pipeline.log());
        assertFalse(Files.exists(dir.resolve("out.jsonl")), "a failed run leaves no output");
        RunResult ok = pipeline.run(PipelineFile.header(true)
                + stages.replace("PATH", "big.jsonl").replace("COLUMN", "amount"));
        assertEquals(RunStatus.SUCCEEDED, ok.status(), String.valueOf(ok.error()));
        String out = Files.readString(dir.resolve("out.jsonl"));
        assertTrue(out.startsWith("{\"id\":0,\"amount\":1.5}\n"), out.substring(0, Math.min(out.length(), 200)));
        String dlq = Files.readString(dir.resolve("errors/dlq.jsonl"));
        assertTrue(dlq.contains("\"_raw\":\"{\\\"id\\\": 9, \\\"note\\\": oops}\""), dlq);
        CompileException atCompile = assertThrows(CompileException.class, () -> pipeline.compile(PipelineFile.header(false)
                + stages.replace("PATH", "small.jsonl").replace("COLUMN", "amont")));
        assertEquals("p.toml:8:1: stage 'in', key 'config.columns': unknown column 'amont'; columns are: id, amount "
                + "(did you mean 'amount'?)", atCompile.problems().get(0).toString());
    }

    @Test
    void descriptorDocumentsEveryOption() {
        assertEquals(List.of("path", "format", "batch_size", "columns"),
                factory.descriptor().options().stream().map(o -> o.name()).toList());
        factory.descriptor().options().forEach(o -> assertFalse(o.description().isEmpty(), o.name()));
    }
}
