package io.conveyor.engine.internal.cli;

import io.conveyor.api.StageResult;
import io.conveyor.api.StageStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The text of one progress update: per running stage its records, rate and elapsed time.
 * Pure formatting, so the display can be tested by feeding it snapshots.
 */
final class ProgressFrame {
    private ProgressFrame() {
    }

    /**
     * @param stages a snapshot of every stage, in pipeline order
     * @return one line per running stage (aligned), then a line counting the stages done; empty when none runs
     */
    static List<String> lines(List<StageResult> stages) {
        List<StageResult> running = running(stages);
        List<String> out = new ArrayList<>();
        if (running.isEmpty()) {
            return out;
        }
        int idWidth = 0;
        int countWidth = 0;
        for (StageResult s : running) {
            idWidth = Math.max(idWidth, s.stageId().length());
            countWidth = Math.max(countWidth, Long.toString(records(s)).length());
        }
        for (StageResult s : running) {
            out.add(String.format(Locale.ROOT, "  %-" + idWidth + "s  %" + countWidth + "d records  %s  %s", s.stageId(),
                    records(s), rate(s), Durations.format(s.millis())));
        }
        out.add("  " + finished(stages) + " of " + stages.size() + " stages done");
        return out;
    }

    /**
     * @param stages a snapshot of every stage
     * @return one line for a log that is not a terminal, e.g.
     *         {@code progress: read 120000 records (12000/s, 10.0 s); 1 of 3 stages done}; null when none runs
     */
    static String line(List<StageResult> stages) {
        List<StageResult> running = running(stages);
        if (running.isEmpty()) {
            return null;
        }
        StringBuilder sb = new StringBuilder("progress: ");
        for (StageResult s : running) {
            sb.append(s.stageId()).append(' ').append(records(s)).append(" records (").append(rate(s)).append(", ")
                    .append(Durations.format(s.millis())).append("); ");
        }
        return sb.append(finished(stages)).append(" of ").append(stages.size()).append(" stages done").toString();
    }

    private static List<StageResult> running(List<StageResult> stages) {
        return stages.stream().filter(s -> s.status() == StageStatus.RUNNING).toList();
    }

    private static long finished(List<StageResult> stages) {
        return stages.stream().filter(s -> s.status() != StageStatus.RUNNING && s.status() != StageStatus.PENDING)
                .count();
    }

    /** What a stage has handled so far: a source's output, a sink's input, the larger of both for a transform. */
    static long records(StageResult s) {
        return Math.max(s.recordsIn(), s.recordsOut());
    }

    private static String rate(StageResult s) {
        if (s.millis() <= 0) {
            return "-/s";
        }
        return Math.round(records(s) * 1000.0 / s.millis()) + "/s";
    }
}
