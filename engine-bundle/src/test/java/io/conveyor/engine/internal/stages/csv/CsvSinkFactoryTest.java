package io.conveyor.engine.internal.stages.csv;

import static io.conveyor.engine.internal.stages.Batches.row;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.conveyor.api.BatchStream;
import io.conveyor.api.RecordBatch;
import io.conveyor.api.RunResult;
import io.conveyor.api.RunStatus;
import io.conveyor.api.SinkWriter;
import io.conveyor.api.SourceFactory;
import io.conveyor.api.StageConfig;
import io.conveyor.api.StageContext;
import io.conveyor.api.StageDescriptor;
import io.conveyor.api.StageException;
import io.conveyor.api.StageKind;
import io.conveyor.engine.internal.exec.PipelineExecutor;
import io.conveyor.engine.internal.exec.RecordingPluginLoader;
import io.conveyor.engine.internal.exec.RunControl;
import io.conveyor.engine.internal.exec.TestPipeline;
import io.conveyor.engine.internal.log.Log;
import io.conveyor.engine.internal.log.LogLevel;
import io.conveyor.engine.internal.stages.Batches;
import io.conveyor.engine.internal.stages.StageHarness;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvSinkFactoryTest {
    @TempDir
    Path dir;

    private final CsvSinkFactory factory = new CsvSinkFactory();

    private List<String> filesIn(Path d) throws Exception {
        try (Stream<Path> s = Files.list(d)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void writesExactBytesQuotingOnlyWhatNeedsIt() throws Exception {
        RecordBatch first = Batches.of(
                row("id", 1L, "name", "Smith, John", "note", "said \"hi\"", "x", 2.5),
                row("id", 2L, "name", "multi\nline", "note", "", "x", null));
        RecordBatch second = Batches.of(row("id", 3L, "name", " padded", "note", null, "x", 1.0e20));
        StageHarness h = new StageHarness(dir);
        h.write(factory, Map.of("path", "out/result.csv"), List.of(first, second));
        String expected = "id,name,note,x\n"
                + "1,\"Smith, John\",\"said \"\"hi\"\"\",2.5\n"
                + "2,\"multi\nline\",\"\",\n"
                + "3,\" padded\",,100000000000000000000\n";
        assertEquals(expected, Files.readString(dir.resolve("out/result.csv")));
        assertEquals(expected.getBytes(java.nio.charset.StandardCharsets.UTF_8).length, h.context.bytesWritten());
        assertEquals(List.of("result.csv"), filesIn(dir.resolve("out")));
    }

    @Test
    void textBeyondAsciiIsWrittenAsUtf8AcrossBlocks() throws Exception {
        // Enough rows for several blocks of text, with characters of two, three and four bytes.
        StringBuilder expected = new StringBuilder("id,name\n");
        java.util.List<Map<String, Object>> rows = new java.util.ArrayList<>();
        for (int i = 0; i < 30_000; i++) {
            String name = i % 3 == 0 ? "café " + i + " €" : i % 3 == 1 ? "plain-" + i : "emoji \uD83D\uDE00" + i;
            rows.add(row("id", (long) i, "name", name));
            expected.append(i).append(',').append(name).append('\n');
        }
        StageHarness h = new StageHarness(dir);
        h.write(factory, Map.of("path", "utf8.csv"), List.of(Batches.of(rows.toArray(Map[]::new))));
        byte[] written = Files.readAllBytes(dir.resolve("utf8.csv"));
        assertEquals(expected.toString(), new String(written, java.nio.charset.StandardCharsets.UTF_8));
        assertEquals(expected.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8).length, written.length);
        assertEquals(written.length, h.context.bytesWritten());
    }

    @Test
    void otherDelimiterNoHeaderAndTimestamps() throws Exception {
        RecordBatch b = Batches.of(row("t", Instant.parse("2024-05-01T10:15:30Z"), "v", "a;b", "ok", true));
        new StageHarness(dir).write(factory, Map.of("path", "o.csv", "delimiter", ";", "header", false), List.of(b));
        assertEquals("2024-05-01T10:15:30Z;\"a;b\";true\n", Files.readString(dir.resolve("o.csv")));
    }

    @Test
    void writesToATemporaryFileAndRenamesOnCommitOnly() throws Exception {
        Path target = dir.resolve("result.csv");
        Files.writeString(target, "previous good output\n");
        StageHarness h = new StageHarness(dir);
        SinkWriter w = factory.open(h.config(factory, Map.of("path", "result.csv")), h.context);
        w.write(Batches.of(row("a", 1L)));
        assertEquals("previous good output\n", Files.readString(target));
        assertEquals(2, filesIn(dir).size(), "a temporary file beside the target");
        w.abort();
        w.close();
        assertEquals("previous good output\n", Files.readString(target));
        assertEquals(List.of("result.csv"), filesIn(dir));

        SinkWriter w2 = factory.open(h.config(factory, Map.of("path", "result.csv")), h.context);
        w2.write(Batches.of(row("a", 1L)));
        w2.commit();
        assertEquals("a\n1\n", Files.readString(target));
        assertEquals(List.of("result.csv"), filesIn(dir));
    }

    @Test
    void batchesWithOtherColumnsAreAnError() throws Exception {
        StageHarness h = new StageHarness(dir);
        StageException e = assertThrows(StageException.class, () -> h.write(factory, Map.of("path", "o.csv"),
                List.of(Batches.of(row("a", 1L)), Batches.of(row("b", 1L)))));
        assertEquals("a batch has columns [b] but the output's columns are [a]; select the same columns in every "
                + "input of a CSV sink", e.getMessage());
    }

    /** A source that fails after its first batch, as a stage under the stop strategy would. */
    private static final class FailingSource implements SourceFactory {
        @Override
        public StageDescriptor descriptor() {
            return StageDescriptor.builder(StageKind.SOURCE, "failing").build();
        }

        @Override
        public BatchStream open(StageConfig config, StageContext context) {
            return new BatchStream() {
                int n;

                @Override
                public RecordBatch next() throws Exception {
                    if (n++ == 0) {
                        return Batches.of(row("a", 1L));
                    }
                    throw new StageException("disk went away");
                }
            };
        }
    }

    @Test
    void failedRunUnderStopLeavesThePreviousOutputAndNoTemporaryFile() throws Exception {
        Path target = dir.resolve("result.csv");
        Files.writeString(target, "previous good output\n");
        PipelineExecutor executor = new PipelineExecutor(new RecordingPluginLoader(),
                new Log(new PrintStream(new ByteArrayOutputStream()), LogLevel.INFO));
        RunResult r = executor.run(new TestPipeline()
                .stage("src", new FailingSource())
                .stage("out", factory, null, Map.of("path", target.toString()), "src").build(), new RunControl());
        assertEquals(RunStatus.FAILED, r.status());
        assertEquals("stage 'src' failed: disk went away", r.error());
        assertEquals("previous good output\n", Files.readString(target));
        assertEquals(List.of("result.csv"), filesIn(dir));
        assertTrue(r.stage("out").status() != io.conveyor.api.StageStatus.SUCCEEDED);
        assertFalse(Files.exists(dir.resolve("errors")));
    }
}
