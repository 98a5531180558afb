package io.conveyor.engine.internal.stages.transform;

import io.conveyor.api.ConfigException;
import io.conveyor.api.OptionSpec;
import io.conveyor.api.RecordBatch;
import io.conveyor.api.StageConfig;
import io.conveyor.api.StageContext;
import io.conveyor.api.StageException;

/**
 * The rows of one batch that a transform found invalid, and what becomes of them under the
 * stage's {@code on_invalid} option: {@code dead_letter} hands each to the dead-letter queue
 * (which fails the stage itself when the queue is disabled) and passes the others on, in
 * order; {@code fail} stops the stage at the first invalid row. Rows are numbered from 1
 * across the whole input stream, so a message points at the row a user can find.
 */
public final class InvalidRows {
    /** The option every stage using this class declares. */
    public static final OptionSpec OPTION = OptionSpec.string("on_invalid").defaultValue("dead_letter")
            .allowed("dead_letter", "fail")
            .describe("dead_letter: send an invalid row to the dead-letter queue with the reason and go on (the stage "
                    + "fails if the queue is disabled); fail: stop the stage at the first invalid row");

    private final boolean failFast;
    private final StageContext context;
    private long rowsBefore;
    private String[] errors = new String[0];
    private int count;
    private int[] kept = new int[0];

    private InvalidRows(boolean failFast, StageContext context) {
        this.failFast = failFast;
        this.context = context;
    }

    /**
     * @param config the stage config declaring {@link #OPTION}
     * @param context the stage's context, for the dead-letter queue
     * @return the tracker for the stage's stream
     * @throws ConfigException if the option cannot be read
     */
    public static InvalidRows of(StageConfig config, StageContext context) throws ConfigException {
        return new InvalidRows(config.getString(OPTION.name(), "dead_letter").equals("fail"), context);
    }

    /** @param rows the size of the next batch; forgets the marks of the previous one */
    public void start(int rows) {
        if (errors.length < rows) {
            errors = new String[rows];
            kept = new int[rows];
        } else {
            java.util.Arrays.fill(errors, 0, rows, null);
        }
        count = rows;
    }

    /** @param row a row of the current batch
     *  @return true if it was marked invalid */
    public boolean isInvalid(int row) {
        return errors[row] != null;
    }

    /**
     * Marks a row invalid; a second reason for the same row is added to the first.
     *
     * @param row a row of the current batch
     * @param reason why, naming the column and the value
     */
    public void mark(int row, String reason) {
        errors[row] = errors[row] == null ? reason : errors[row] + "; " + reason;
    }

    /** @param row a row of the current batch
     *  @return its number in the whole input stream, from 1 */
    public long rowNumber(int row) {
        return rowsBefore + row + 1;
    }

    /**
     * Disposes of the marked rows of {@code batch} as configured.
     *
     * @param batch the batch the marks are about (its rows, as they came in, go to the dead-letter queue)
     * @param output the batch to pass on, row for row the same as {@code batch} (may be {@code batch})
     * @return {@code output} without the invalid rows, in order
     * @throws StageException under {@code fail}, or when the dead-letter queue is disabled
     */
    public RecordBatch finish(RecordBatch batch, RecordBatch output) throws StageException {
        int n = 0;
        for (int r = 0; r < count; r++) {
            if (errors[r] == null) {
                kept[n++] = r;
                continue;
            }
            String message = "row " + rowNumber(r) + ": " + errors[r];
            if (failFast) {
                throw new StageException(message + " (on_invalid = \"fail\" stops at the first invalid row; "
                        + "\"dead_letter\" sets such rows aside)");
            }
            context.reject(batch.row(r), message);
        }
        rowsBefore += count;
        return n == count ? output : output.take(kept, n);
    }

    /**
     * @param v a value for a message
     * @return its text, quoted and cut to 60 characters
     */
    public static String quote(Object v) {
        String s = io.conveyor.api.Values.toText(v);
        return "'" + (s.length() > 60 ? s.substring(0, 57) + "..." : s) + "'";
    }
}
