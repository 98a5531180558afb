package io.conveyor.engine.internal.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.conveyor.api.RunResult;
import io.conveyor.api.RunStatus;
import io.conveyor.api.StageResult;
import io.conveyor.api.StageStatus;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RunSummaryTest {
    static StageResult stage(String id, StageStatus status, long in, long out, long errors, long dlq, long millis,
                             String error, Map<String, Object> reports) {
        return new StageResult(id, "t", status, in, out, errors, dlq, 0, 0, millis, error, reports);
    }

    @Test
    void succeededRunShowsAlignedCountersAndStatusLine() {
        RunResult r = new RunResult("sales", RunStatus.SUCCEEDED, List.of(
                stage("orders", StageStatus.SUCCEEDED, 0, 30, 0, 0, 12, null, Map.of()),
                stage("big_orders", StageStatus.SUCCEEDED, 30, 12, 0, 0, 1500, null, Map.of())),
                List.of(), null, 1834);
        assertEquals(""
                + "stage       status     in  out  errors  dead-lettered    time\n"
                + "orders      succeeded   0   30       0              0   12 ms\n"
                + "big_orders  succeeded  30   12       0              0  1.50 s\n"
                + "Pipeline 'sales' succeeded in 1.83 s (2 stages)\n", RunSummary.format(r));
    }

    @Test
    void failedRunNamesTheFailureSkippedStagesAndReports() {
        RunResult r = new RunResult("sync", RunStatus.FAILED, List.of(
                stage("events", StageStatus.SUCCEEDED, 0, 5, 0, 1, 3, null, Map.of("last_cursor", "abc", "batches", 2)),
                stage("push", StageStatus.FAILED, 5, 0, 5, 0, 4, "HTTP 500 from http://127.0.0.1/x", Map.of()),
                stage("audit", StageStatus.SKIPPED, 0, 0, 0, 0, 0, null, Map.of())),
                List.of(), "stage 'push' failed", 65_000);
        assertEquals(""
                + "stage   status     in  out  errors  dead-lettered  time\n"
                + "events  succeeded   0    5       0              1  3 ms\n"
                + "push    failed      5    0       5              0  4 ms\n"
                + "audit   skipped     0    0       0              0  0 ms\n"
                + "stage 'push' failed: HTTP 500 from http://127.0.0.1/x\n"
                + "reports:\n"
                + "  events: batches = 2\n"
                + "  events: last_cursor = abc\n"
                + "Pipeline 'sync' failed after 1 min 05 s: stage 'push' failed (skipped: audit)\n",
                RunSummary.format(r));
    }

    @Test
    void cancelledRunSaysSo() {
        RunResult r = new RunResult("p", RunStatus.CANCELLED, List.of(), List.of(), "timed out after 300 s", 999);
        assertEquals("Pipeline 'p' was cancelled after 999 ms: timed out after 300 s", RunSummary.statusLine(r));
    }

    @Test
    void durationsReadNaturally() {
        assertEquals("0 ms", Durations.format(0));
        assertEquals("999 ms", Durations.format(999));
        assertEquals("1.00 s", Durations.format(1000));
        assertEquals("59.99 s", Durations.format(59_990));
        assertEquals("2 min 00 s", Durations.format(120_000));
    }
}
