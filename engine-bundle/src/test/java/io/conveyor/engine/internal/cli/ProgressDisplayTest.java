package io.conveyor.engine.internal.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.conveyor.api.StageResult;
import io.conveyor.api.StageStatus;
import io.conveyor.engine.internal.log.Log;
import io.conveyor.engine.internal.log.LogLevel;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The live progress display, fed snapshots as the executor would. */
class ProgressDisplayTest {
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final PrintStream err = new PrintStream(bytes, true, StandardCharsets.UTF_8);
    private final Log log = new Log(err, LogLevel.INFO);

    private static StageResult stage(String id, StageStatus status, long in, long out, long millis) {
        return new StageResult(id, "x.y", status, in, out, 0, 0, 0, 0, millis, null, Map.of());
    }

    private static final List<StageResult> SNAPSHOT = List.of(
            stage("orders", StageStatus.SUCCEEDED, 0, 5000, 900),
            stage("enrich_orders", StageStatus.RUNNING, 12000, 11000, 2000),
            stage("save", StageStatus.RUNNING, 900, 0, 1500),
            stage("later", StageStatus.PENDING, 0, 0, 0));

    private String text() {
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void frameShowsRunningStagesWithRecordsRateAndElapsed() {
        assertEquals(List.of(
                "  enrich_orders  12000 records  6000/s  2.00 s",
                "  save             900 records  600/s  1.50 s",
                "  1 of 4 stages done"), ProgressFrame.lines(SNAPSHOT));
        assertEquals("progress: enrich_orders 12000 records (6000/s, 2.00 s); save 900 records (600/s, 1.50 s); "
                + "1 of 4 stages done", ProgressFrame.line(SNAPSHOT));
        assertEquals(List.of(), ProgressFrame.lines(List.of(stage("a", StageStatus.SUCCEEDED, 0, 1, 5))));
        assertNull(ProgressFrame.line(List.of(stage("a", StageStatus.PENDING, 0, 0, 0))));
    }

    @Test
    void terminalRedrawsInPlaceAndErasesBeforeLogLinesAndAtTheEnd() {
        ProgressDisplay d = ProgressDisplay.terminal(err, log);
        d.progress(SNAPSHOT);
        String first = text();
        assertEquals(String.join("\n", ProgressFrame.lines(SNAPSHOT)) + "\n", first, "nothing to erase yet");
        bytes.reset();
        d.progress(SNAPSHOT);
        assertTrue(text().startsWith("\u001b[3F\u001b[J  enrich_orders"), text());
        bytes.reset();
        log.warn("save", "slow disk");
        assertTrue(text().startsWith("\u001b[3F\u001b[J"), "the frame is erased before a log line: " + text());
        assertTrue(text().contains("WARN  [save] slow disk"), text());
        bytes.reset();
        d.progress(SNAPSHOT);
        assertTrue(text().startsWith("  enrich_orders"), "redrawn below the log line, erasing nothing: " + text());
        bytes.reset();
        d.close();
        assertEquals("\u001b[3F\u001b[J", text(), "erased before the summary");
        bytes.reset();
        log.info(null, "after");
        assertTrue(text().endsWith("after\n") && !text().contains("\u001b"), "detached from the log: " + text());
    }

    @Test
    void notATerminalLogsAPlainLineEveryTenSeconds() {
        AtomicLong now = new AtomicLong(0);
        ProgressDisplay d = ProgressDisplay.plain(log, now::get);
        d.progress(SNAPSHOT);
        assertEquals("", text(), "nothing before the first interval");
        now.set(TimeUnit.SECONDS.toNanos(10));
        d.progress(SNAPSHOT);
        assertTrue(text().contains("INFO  progress: enrich_orders 12000 records"), text());
        assertTrue(!text().contains("\u001b"), "no ANSI when not a terminal");
        bytes.reset();
        now.set(TimeUnit.SECONDS.toNanos(15));
        d.progress(SNAPSHOT);
        assertEquals("", text(), "not again within ten seconds");
    }
}
