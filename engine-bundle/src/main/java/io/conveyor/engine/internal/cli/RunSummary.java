package io.conveyor.engine.internal.cli;

import io.conveyor.api.RunResult;
import io.conveyor.api.StageResult;
import io.conveyor.api.StageStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The summary printed on stderr after a run: one row of counters per stage, the failures,
 * what each stage reported (e.g. the last cursor value), and a final status line.
 */
public final class RunSummary {
    private RunSummary() {
    }

    /**
     * @param result the outcome of the run
     * @return the summary, lines ending in newlines
     */
    public static String format(RunResult result) {
        StringBuilder sb = new StringBuilder();
        TextTable table = new TextTable("stage", "status", "in", "out", "errors", "dead-lettered", "time")
                .rightAligned(2, 3, 4, 5, 6);
        for (StageResult s : result.stages()) {
            table.row(s.stageId(), s.status().name().toLowerCase(Locale.ROOT), s.recordsIn(), s.recordsOut(),
                    s.errors(), s.deadLettered(), Durations.format(s.millis()));
        }
        if (!table.isEmpty()) {
            sb.append(table.render(""));
        }
        for (StageResult s : result.stages()) {
            if (s.error() != null) {
                sb.append("stage '").append(s.stageId()).append("' ")
                        .append(s.status() == StageStatus.FAILED ? "failed" : s.status().name().toLowerCase(Locale.ROOT))
                        .append(": ").append(s.error()).append('\n');
            }
        }
        StringBuilder reports = new StringBuilder();
        for (StageResult s : result.stages()) {
            for (Map.Entry<String, Object> r : new TreeMap<>(s.reports()).entrySet()) {
                reports.append("  ").append(s.stageId()).append(": ").append(r.getKey()).append(" = ")
                        .append(r.getValue()).append('\n');
            }
        }
        if (reports.length() > 0) {
            sb.append("reports:\n").append(reports);
        }
        sb.append(statusLine(result)).append('\n');
        return sb.toString();
    }

    /**
     * @param result the outcome
     * @return e.g. {@code Pipeline 'sales' succeeded in 1.24 s (6 stages)}
     */
    public static String statusLine(RunResult result) {
        String name = "Pipeline '" + (result.pipelineName() == null ? "?" : result.pipelineName()) + "'";
        String time = Durations.format(result.millis());
        List<String> skipped = new ArrayList<>();
        for (StageResult s : result.stages()) {
            if (s.status() == StageStatus.SKIPPED) {
                skipped.add(s.stageId());
            }
        }
        String line = switch (result.status()) {
            case SUCCEEDED -> name + " succeeded in " + time + " (" + result.stages().size()
                    + (result.stages().size() == 1 ? " stage)" : " stages)");
            case FAILED -> name + " failed after " + time + errorSuffix(result);
            case CANCELLED -> name + " was cancelled after " + time + errorSuffix(result);
            case INVALID -> name + " is invalid" + errorSuffix(result);
        };
        if (!skipped.isEmpty()) {
            line += " (skipped: " + String.join(", ", skipped) + ")";
        }
        return line;
    }

    private static String errorSuffix(RunResult result) {
        return result.error() == null ? "" : ": " + result.error();
    }
}
