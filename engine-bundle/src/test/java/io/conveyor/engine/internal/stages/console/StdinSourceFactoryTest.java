package io.conveyor.engine.internal.stages.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.conveyor.api.ConfigException;
import io.conveyor.api.DataType;
import io.conveyor.api.Field;
import io.conveyor.api.OptionSpec;
import io.conveyor.api.RecordBatch;
import io.conveyor.api.Schema;
import io.conveyor.engine.internal.stages.Batches;
import io.conveyor.engine.internal.stages.StageHarness;
import io.conveyor.engine.internal.stages.csv.CsvSourceFactory;
import io.conveyor.testkit.RecordingStageContext.Rejected;
import io.conveyor.testkit.TestStageConfig;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StdinSourceFactoryTest {
    @TempDir
    Path dir;

    private final AtomicBoolean closed = new AtomicBoolean();

    private StdinSourceFactory reading(String text) {
        return new StdinSourceFactory(() -> new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)) {
            @Override
            public void close() {
                closed.set(true);
            }
        });
    }

    @Test
    void jsonLinesWithBadLinesDeadLettered() throws Exception {
        StageHarness h = new StageHarness(dir);
        List<RecordBatch> out = h.read(reading("{\"a\":1,\"b\":\"x\"}\nnot json\n\n{\"a\":2.5,\"b\":null}\n[1]\n"),
                Map.of("format", "jsonl"));
        assertEquals(List.of(Batches.row("a", 1.0, "b", "x"), Batches.row("a", 2.5, "b", null)),
                StageHarness.rows(out));
        assertEquals(List.of("line 2", "line 5"), h.context.rejected().stream().map(Rejected::error)
                .map(e -> e.substring(0, 6)).toList());
        assertTrue(h.context.bytesRead() > 0);
        assertTrue(closed.get());
    }

    @Test
    void jsonRecordsAndItsErrorsNameStdin() throws Exception {
        StageHarness h = new StageHarness(dir);
        assertEquals(List.of(Batches.row("n", Map.of("x", List.of(1L))), Batches.row("n", null)),
                StageHarness.rows(h.read(reading("[{\"n\":{\"x\":[1]}},{\"n\":null}]"), Map.of("format", "json"))));
        Exception e = assertThrows(Exception.class, () -> h.read(reading("{\"n\":1}"), Map.of("format", "json")));
        assertTrue(e.getMessage().startsWith("stdin: expected a JSON array of objects ([{...}, ...]) but the file starts "
                + "with {"), e.getMessage());
    }

    @Test
    void csvWithSourceCsvOptions() throws Exception {
        StageHarness h = new StageHarness(dir);
        List<RecordBatch> out = h.read(reading("id;name;when\n1;\"a;b\";2024-01-01\n2;;\n3\n"),
                Map.of("format", "csv", "delimiter", ";", "null_values", List.of(""), "schema", Map.of("when", "date")));
        assertEquals(List.of(Batches.row("id", 1L, "name", "a;b", "when", java.time.LocalDate.of(2024, 1, 1)),
                Batches.row("id", 2L, "name", null, "when", null)), StageHarness.rows(out));
        assertEquals("line 4: expected 3 fields, found 1", h.context.rejected().get(0).error());
    }

    @Test
    void jsonFormatsReadOnlyTheNamedColumnsAndRawRefusesThem() throws Exception {
        StageHarness h = new StageHarness(dir);
        List<RecordBatch> out = h.read(reading("{\"a\":1,\"b\":\"x\",\"c\":true}\n{\"c\":false,\"b\":[2],\"a\":3}\n"),
                Map.of("format", "jsonl", "columns", List.of("c", "a")));
        assertEquals(List.of(Batches.row("a", 1L, "c", true), Batches.row("a", 3L, "c", false)), StageHarness.rows(out));
        assertEquals(List.of(Batches.row("b", "x"), Batches.row("b", null)), StageHarness.rows(h.read(
                reading("[{\"a\":1,\"b\":\"x\"},{\"a\":2}]"), Map.of("format", "json", "columns", List.of("b")))));
        Exception missing = assertThrows(Exception.class, () -> h.read(reading("{\"amount\":1}\n"),
                Map.of("format", "jsonl", "columns", List.of("amont"))));
        assertTrue(missing.getMessage().startsWith("column 'amont' named in option columns is in no record of stdin; "
                + "did you mean 'amount'?"), missing.getMessage());
        ConfigException raw = assertThrows(ConfigException.class, () -> new StageHarness(dir).config(
                new StdinSourceFactory(), Map.of("format", "raw", "columns", List.of("line"))));
        assertEquals("test.toml:1:1: stage 'test', key 'columns': applies to formats \"csv\", \"json\" and \"jsonl\" "
                + "only; this stage reads format \"raw\", whose one column is 'line'", raw.getMessage());
    }

    @Test
    void rawKeepsEveryLineAsTextEmptyOnesIncluded() throws Exception {
        StageHarness h = new StageHarness(dir);
        List<RecordBatch> out = h.read(reading("\uFEFFfirst\r\n\n  spaced  \nlast"), Map.of("format", "raw",
                "batch_size", 2L));
        assertEquals(2, out.size());
        assertEquals(Schema.of(new Field("line", DataType.STRING)), out.get(0).schema());
        assertEquals(List.of("first", "", "  spaced  ", "last"),
                StageHarness.rows(out).stream().map(r -> r.get("line")).toList());
        assertTrue(h.read(reading(""), Map.of("format", "raw")).isEmpty());
    }

    @Test
    void optionsAreSourceCsvsButPathAndCsvOnesAreRefusedForOtherFormats() throws Exception {
        StdinSourceFactory f = new StdinSourceFactory();
        List<String> csv = new CsvSourceFactory().descriptor().options().stream().map(OptionSpec::name)
                .filter(n -> !n.equals("path")).toList();
        List<String> stdin = f.descriptor().options().stream().map(OptionSpec::name).toList();
        assertEquals("format", stdin.get(0));
        assertEquals(csv, stdin.subList(1, stdin.size()));
        ConfigException e = assertThrows(ConfigException.class, () -> new StageHarness(dir).config(f,
                Map.of("format", "jsonl", "delimiter", ";")));
        assertEquals("test.toml:1:1: stage 'test', key 'delimiter': applies to format \"csv\" only; this stage reads "
                + "format \"jsonl\"", e.getMessage());
        ConfigException delimiter = assertThrows(ConfigException.class, () -> new StageHarness(dir).config(f,
                Map.of("format", "csv", "delimiter", ";;")));
        assertTrue(delimiter.getMessage().endsWith("key 'delimiter': must be one character (use \"\\t\" for tab); "
                + "found \";;\""), delimiter.getMessage());
        assertEquals(Schema.of(new Field("line", DataType.STRING)), f.outputSchema(
                TestStageConfig.of(f.descriptor(), Map.of("format", "raw")), List.of()));
        assertNull(f.outputSchema(TestStageConfig.of(f.descriptor(), Map.of("format", "csv")), List.of()));
    }

    @Test
    void theDefaultFactoryNeverClosesTheProcesssStandardInput() throws Exception {
        InputStream saved = System.in;
        AtomicBoolean stdinClosed = new AtomicBoolean();
        try {
            System.setIn(new ByteArrayInputStream("x\n".getBytes(StandardCharsets.UTF_8)) {
                @Override
                public void close() {
                    stdinClosed.set(true);
                }
            });
            StageHarness h = new StageHarness(dir);
            assertEquals(1, StageHarness.rows(h.read(new StdinSourceFactory(), Map.of("format", "raw"))).size());
            assertFalse(stdinClosed.get());
        } finally {
            System.setIn(saved);
        }
    }

    @Test
    void onlyOneStageReadsStandardInputAtATime() throws Exception {
        StdinSourceFactory f = reading("x\n");
        StageHarness h = new StageHarness(dir);
        io.conveyor.api.StageConfig config = h.config(f, Map.of("format", "raw"));
        io.conveyor.api.BatchStream first = f.open(config, h.context);
        io.conveyor.api.StageException e = assertThrows(io.conveyor.api.StageException.class,
                () -> f.open(config, new io.conveyor.testkit.RecordingStageContext("second")));
        assertEquals("stage 'test' already reads standard input; only one stage can, so read it once and give that "
                + "stage's output to every stage that needs it", e.getMessage());
        first.close();
        try (io.conveyor.api.BatchStream again = f.open(config, h.context)) {
            assertEquals(1, again.next().rowCount());
        }
    }
}
