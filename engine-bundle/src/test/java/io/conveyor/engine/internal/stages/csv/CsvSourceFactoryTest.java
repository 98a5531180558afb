package io.conveyor.engine.internal.stages.csv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.conveyor.api.ConfigException;
import io.conveyor.api.DataType;
import io.conveyor.api.RecordBatch;
import io.conveyor.api.StageException;
import io.conveyor.engine.internal.stages.StageHarness;
import io.conveyor.testkit.RecordingStageContext.Rejected;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvSourceFactoryTest {
    @TempDir
    Path dir;

    private final CsvSourceFactory factory = new CsvSourceFactory();

    private Path file(String name, String text) throws Exception {
        Path p = dir.resolve(name);
        Files.createDirectories(p.getParent());
        Files.writeString(p, text, StandardCharsets.UTF_8);
        return p;
    }

    private static Map<String, Object> row(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }

    private List<RecordBatch> read(StageHarness h, Object... options) throws Exception {
        Map<String, Object> config = new HashMap<>();
        for (int i = 0; i < options.length; i += 2) {
            config.put((String) options[i], options[i + 1]);
        }
        return h.read(factory, config);
    }

    @Test
    void quotedFieldsWithDelimitersDoubledQuotesNewlinesAndCrlf() throws Exception {
        file("in.csv", "id,name,note\r\n1,\"Smith, John\",\"said \"\"hi\"\"\"\r\n2,\"multi\nline\",x\r\n3,plain,\"\"\r\n");
        StageHarness h = new StageHarness(dir);
        List<RecordBatch> batches = read(h, "path", "in.csv");
        assertEquals(List.of(
                row("id", 1L, "name", "Smith, John", "note", "said \"hi\""),
                row("id", 2L, "name", "multi\nline", "note", "x"),
                row("id", 3L, "name", "plain", "note", "")), StageHarness.rows(batches));
        assertEquals(DataType.LONG, batches.get(0).schema().field(0).type());
        assertEquals(Files.size(dir.resolve("in.csv")), h.context.bytesRead());
    }

    @Test
    void emptyFieldsStayEmptyStringsUnlessListedAsNull() throws Exception {
        file("in.csv", "\uFEFFa,b,c\n1,,x\n,NA,\"\"\n");
        StageHarness h = new StageHarness(dir);
        assertEquals(List.of(row("a", "1", "b", "", "c", "x"), row("a", "", "b", "NA", "c", "")),
                StageHarness.rows(read(h, "path", "in.csv")));
        List<RecordBatch> withNulls = read(h, "path", "in.csv", "null_values", List.of("", "NA"));
        // A quoted "" is an explicit empty string, never null.
        assertEquals(List.of(row("a", 1L, "b", null, "c", "x"), row("a", null, "b", null, "c", "")),
                StageHarness.rows(withNulls));
        assertEquals(DataType.LONG, withNulls.get(0).schema().field(0).type());
    }

    @Test
    void wrongFieldCountsAreRejectedWithTheirLine() throws Exception {
        file("in.csv", "a,b,c\n1,2,3\n4,5\n\"x\ny\",7,8\n9,10,11,12\n13,14,15");
        StageHarness h = new StageHarness(dir);
        List<RecordBatch> batches = read(h, "path", "in.csv");
        assertEquals(List.of(row("a", "1", "b", 2L, "c", 3L), row("a", "x\ny", "b", 7L, "c", 8L),
                row("a", "13", "b", 14L, "c", 15L)), StageHarness.rows(batches));
        assertEquals(List.of(
                new Rejected(row("a", "4", "b", "5"), "line 3: expected 3 fields, found 2"),
                new Rejected(row("a", "9", "b", "10", "c", "11", "column_4", "12"), "line 6: expected 3 fields, found 4")),
                h.context.rejected());
    }

    @Test
    void typesWidenAcrossBatchesWithoutLosingValues() throws Exception {
        file("in.csv", "v,n,code,flag\n1,1,007,true\n2,2,010,false\n3.5,3,011,TRUE\n4,4,012,false\nx,5,013,no\n6,6,014,true\n");
        List<RecordBatch> batches = read(new StageHarness(dir), "path", "in.csv", "batch_size", 2L);
        assertEquals(3, batches.size());
        assertEquals(List.of(DataType.LONG, DataType.DOUBLE, DataType.STRING), batches.stream()
                .map(b -> b.schema().field(0).type()).toList());
        assertEquals(List.of(3.5, 4.0), List.of(batches.get(1).column(0).get(0), batches.get(1).column(0).get(1)));
        assertEquals(List.of("x", "6"), List.of(batches.get(2).column(0).get(0), batches.get(2).column(0).get(1)));
        batches.forEach(b -> assertEquals(DataType.LONG, b.schema().field(1).type()));
        // Leading zeros make text, so the value is written back exactly as read.
        batches.forEach(b -> assertEquals(DataType.STRING, b.schema().field(2).type()));
        assertEquals(List.of(DataType.BOOL, DataType.BOOL, DataType.STRING), batches.stream()
                .map(b -> b.schema().field(3).type()).toList());
        assertEquals(List.of(true, false), List.of(batches.get(1).column(3).get(0), batches.get(1).column(3).get(1)));
        assertEquals("no", batches.get(2).column(3).get(0));
    }

    @Test
    void declaredSchemaConvertsAndRejectsWhatDoesNotFit() throws Exception {
        file("in.csv", "id,amount,day\n001,2.5,2024-01-31\n002,abc,2024-02-01\n");
        StageHarness h = new StageHarness(dir);
        List<RecordBatch> batches = read(h, "path", "in.csv", "schema",
                Map.of("id", "string", "amount", "double", "day", "date"));
        assertEquals(List.of(row("id", "001", "amount", 2.5, "day", java.time.LocalDate.of(2024, 1, 31))),
                StageHarness.rows(batches));
        assertEquals(1, h.context.rejected().size());
        assertEquals("line 3: column 'amount': cannot convert string 'abc' to double", h.context.rejected().get(0).error());
        StageException e = assertThrows(StageException.class, () -> read(h, "path", "in.csv", "schema",
                Map.of("price", "double")));
        assertEquals("option 'schema' names column 'price', which is not in " + dir.resolve("in.csv")
                + "; its columns are [id, amount, day]", e.getMessage());
        ConfigException bad = assertThrows(ConfigException.class, () -> read(h, "path", "in.csv", "schema",
                Map.of("id", "integr")));
        assertEquals("test.toml:1:1: stage 'test', key 'schema': column 'id' has unknown type 'integr'; use one of bool, "
                + "long, double, string, timestamp, date, json", bad.getMessage());
    }

    @Test
    void aRejectionFromOneFileOfAGlobNamesTheFile() throws Exception {
        file("data/a.csv", "k,v\n1,x\n");
        file("data/b.csv", "k,v\n2,y\n3\n");
        StageHarness h = new StageHarness(dir);
        assertEquals(List.of(row("k", 1L, "v", "x"), row("k", 2L, "v", "y")),
                StageHarness.rows(read(h, "path", "data/*.csv")));
        assertEquals(List.of(dir.resolve("data/b.csv") + ", line 3: expected 2 fields, found 1"),
                h.context.rejected().stream().map(r -> r.error()).toList());
        StageHarness single = new StageHarness(dir);
        read(single, "path", "data/b.csv");
        assertEquals("line 3: expected 2 fields, found 1", single.context.rejected().get(0).error(),
                "a source of one file: the stage's path names it");
    }

    @Test
    void globReadsFilesInNameOrderAndTheyMustShareAHeader() throws Exception {
        file("data/b.csv", "k\n3\n4\n");
        file("data/a.csv", "k\n1\n2\n");
        file("data/skip.txt", "k\n9\n");
        StageHarness h = new StageHarness(dir);
        assertEquals(List.of(row("k", 1L), row("k", 2L), row("k", 3L), row("k", 4L)),
                StageHarness.rows(read(h, "path", "data/*.csv")));
        file("data/c.csv", "other\n5\n");
        StageException e = assertThrows(StageException.class, () -> read(h, "path", "data/*.csv"));
        assertEquals("file " + dir.resolve("data/c.csv") + " has columns [other] but " + dir.resolve("data/a.csv")
                + " has [k]; files read by one glob must have the same columns", e.getMessage());
        StageException none = assertThrows(StageException.class, () -> read(h, "path", "data/*.tsv"));
        assertEquals("no file matches '" + dir.resolve("data/*.tsv") + "' (looked in " + dir.resolve("data") + ")",
                none.getMessage());
        StageException missing = assertThrows(StageException.class, () -> read(h, "path", "nope.csv"));
        assertEquals("file not found: " + dir.resolve("nope.csv"), missing.getMessage());
    }

    @Test
    void withoutHeaderColumnsAreNumberedAndOtherDelimitersWork() throws Exception {
        file("in.tsv", "a\t1\n'b\tc'\t2\n");
        List<RecordBatch> batches = read(new StageHarness(dir), "path", "in.tsv", "has_header", false,
                "delimiter", "\\t", "quote", "'");
        assertEquals(List.of(row("column_1", "a", "column_2", 1L), row("column_1", "b\tc", "column_2", 2L)),
                StageHarness.rows(batches));
    }

    @Test
    void headerOnlyFileGivesItsColumnsAndInferenceCanBeOff() throws Exception {
        file("empty.csv", "a,b\n");
        List<RecordBatch> batches = read(new StageHarness(dir), "path", "empty.csv");
        assertEquals(1, batches.size());
        assertEquals(0, batches.get(0).rowCount());
        assertEquals(List.of("a", "b"), batches.get(0).schema().names());
        file("in.csv", "a,b\n1,2\n");
        RecordBatch strings = read(new StageHarness(dir), "path", "in.csv", "infer_schema", false).get(0);
        assertEquals(row("a", "1", "b", "2"), strings.row(0));
    }

    @Test
    void columnsReadsOnlyTheNamedColumnsInFileOrderAndARejectedRowKeepsThemAll() throws Exception {
        file("in.csv", "id,note,amount,day\n1,\"a, b\",2.5,2024-01-31\n2,x,oops,2024-02-01\n3,,4,2024-02-02\n");
        StageHarness h = new StageHarness(dir);
        List<RecordBatch> batches = read(h, "path", "in.csv", "columns", List.of("day", "amount"),
                "schema", Map.of("amount", "double"));
        assertEquals(List.of(row("amount", 2.5, "day", "2024-01-31"), row("amount", 4.0, "day", "2024-02-02")),
                StageHarness.rows(batches));
        // The dead-letter record is the whole row as read, skipped columns too.
        assertEquals(1, h.context.rejected().size());
        assertEquals(row("id", "2", "note", "x", "amount", "oops", "day", "2024-02-01"),
                h.context.rejected().get(0).record());
        assertEquals("line 3: column 'amount': cannot convert string 'oops' to double",
                h.context.rejected().get(0).error());
        // Compile time: the header is read, so an unknown name is placed and a near one suggested.
        ConfigException unknown = assertThrows(ConfigException.class, () -> factory.outputSchema(
                new StageHarness(dir).config(factory, Map.of("path", "in.csv", "columns", List.of("amout"))), List.of()));
        assertEquals("test.toml:1:1: stage 'test', key 'columns': unknown column 'amout'; columns are: id, note, "
                + "amount, day (did you mean 'amount'?)", unknown.getMessage());
        assertEquals("did you mean 'amount'?", unknown.problem().hint());
        StageException atRun = assertThrows(StageException.class,
                () -> read(new StageHarness(dir), "path", "in.csv", "columns", List.of("amout")));
        assertEquals("option 'columns' names column 'amout', which is not in " + dir.resolve("in.csv")
                + "; its columns are [id, note, amount, day]", atRun.getMessage());
        ConfigException typedButLeftOut = assertThrows(ConfigException.class, () -> read(new StageHarness(dir),
                "path", "in.csv", "columns", List.of("id"), "schema", Map.of("amount", "double")));
        assertEquals("test.toml:1:1: stage 'test', key 'schema': column 'amount' has a type but option `columns` "
                + "leaves it out; add it to `columns` or remove it from `schema`", typedButLeftOut.getMessage());
        ConfigException twice = assertThrows(ConfigException.class,
                () -> read(new StageHarness(dir), "path", "in.csv", "columns", List.of("id", "id")));
        assertEquals("test.toml:1:1: stage 'test', key 'columns': column 'id' is named twice", twice.getMessage());
    }

    @Test
    void unclosedQuoteAndBadOptionsAreNamed() throws Exception {
        file("in.csv", "a,b\n1,\"open\n2,3\n");
        StageException e = assertThrows(StageException.class, () -> read(new StageHarness(dir), "path", "in.csv"));
        assertEquals("line 2: a quoted field is not closed before the end of the file", e.getMessage());
        ConfigException d = assertThrows(ConfigException.class,
                () -> read(new StageHarness(dir), "path", "in.csv", "delimiter", ";;"));
        assertEquals("test.toml:1:1: stage 'test', key 'delimiter': must be one character (use \"\\t\" for tab); "
                + "found \";;\"", d.getMessage());
    }

    @Test
    void streamsABigFileABatchAtATime() throws Exception {
        StringBuilder text = new StringBuilder("id,name\n");
        for (int i = 0; i < 200_000; i++) {
            text.append(i).append(",name-").append(i).append('\n');
        }
        Path p = file("big.csv", text.toString());
        StageHarness h = new StageHarness(dir);
        try (io.conveyor.api.BatchStream s = factory.open(h.config(factory, Map.of("path", "big.csv",
                "batch_size", 1000L)), h.context)) {
            RecordBatch first = s.next();
            assertEquals(1000, first.rowCount());
            // Only the first buffers were read, not the file.
            org.junit.jupiter.api.Assertions.assertTrue(h.context.bytesRead() < Files.size(p) / 10, "read " + h.context.bytesRead());
            long rows = first.rowCount();
            RecordBatch b;
            while ((b = s.next()) != null) {
                rows += b.rowCount();
            }
            assertEquals(200_000, rows);
            assertEquals(Files.size(p), h.context.bytesRead());
        }
    }

    @Test
    void theSchemaSampleTypesTheRowsTheRunsFirstBatchTypesOnThisThread() throws Exception {
        // 8 192 rows, the sample's size, over several of its small pieces; the one double is in
        // the last piece, and a row after the sample holds a string that must not count. The
        // file is longer than a run's piece, which a run parses on threads of its own.
        StringBuilder text = new StringBuilder("id,amount,note\n");
        for (int i = 1; i <= 6 * io.conveyor.engine.internal.stages.SchemaSample.ROWS; i++) {
            String amount = i == io.conveyor.engine.internal.stages.SchemaSample.ROWS - 1 ? "2.5"
                    : i == io.conveyor.engine.internal.stages.SchemaSample.ROWS + 5 ? "n/a" : Integer.toString(i);
            text.append(i).append(',').append(amount).append(",\"note, ").append(i).append(", ").append("x".repeat(40))
                    .append("\"\n");
        }
        assertTrue(text.length() > 2 * CsvSource.PIECE_BYTES, "length " + text.length());
        file("sample.csv", text.toString());
        StageHarness h = new StageHarness(dir);
        int pools = CsvSource.POOLS_STARTED.get();
        io.conveyor.api.Schema schema = factory.outputSchema(h.config(factory, Map.of("path", "sample.csv")), List.of());
        // A sample reads the start of the file on the compiling thread: no parse threads.
        assertEquals(pools, CsvSource.POOLS_STARTED.get(), "the sample started parse threads");
        assertEquals(List.of("id", "amount", "note"), schema.names());
        assertEquals(List.of(DataType.LONG, DataType.DOUBLE, DataType.STRING),
                schema.fields().stream().map(io.conveyor.api.Field::type).toList());
        // The run's first batch types the same rows the same way; the second widens.
        List<RecordBatch> run = read(h, "path", "sample.csv", "batch_size", (long) io.conveyor.engine.internal.stages.SchemaSample.ROWS);
        assertEquals(schema, run.get(0).schema());
        assertEquals(DataType.STRING, run.get(1).schema().fields().get(1).type());
    }

    @Test
    void descriptorDocumentsEveryOption() {
        assertEquals(Arrays.asList("path", "has_header", "delimiter", "quote", "null_values", "batch_size",
                "infer_schema", "columns", "schema"), factory.descriptor().options().stream().map(o -> o.name()).toList());
        factory.descriptor().options().forEach(o -> assertEquals(false, o.description().isEmpty(), o.name()));
        assertNull(factory.descriptor().option("schema").defaultValue());
    }

    @Test
    void aJsonColumnHoldsTheParsedValueAndTextThatIsNotJsonRejectsItsRow() throws Exception {
        file("in.csv", "id,doc\n1,\"{\"\"a\"\":[1,{\"\"b\"\":null}]}\"\n2,[]\n3,{oops\n4,\n");
        StageHarness h = new StageHarness(dir);
        List<RecordBatch> batches = read(h, "path", "in.csv", "null_values", List.of(""), "schema",
                Map.of("doc", "json"));
        java.util.Map<String, Object> inner = new java.util.HashMap<>();
        inner.put("b", null);
        assertEquals(List.of(row("id", 1L, "doc", Map.of("a", List.of(1L, inner))), row("id", 2L, "doc", List.of()),
                row("id", 4L, "doc", null)), StageHarness.rows(batches));
        assertEquals(1, h.context.rejected().size());
        assertTrue(h.context.rejected().get(0).error().startsWith("line 4: column 'doc': cannot convert string "
                + "'{oops' to json: "), h.context.rejected().get(0).error());
    }
}
