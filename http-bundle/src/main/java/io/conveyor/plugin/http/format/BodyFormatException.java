package io.conveyor.plugin.http.format;

/**
 * A body that does not parse in its declared format. A <em>recoverable</em> one concerns a
 * single record (a bad JSON line, a CSV line with the wrong number of fields): the reader
 * can go on, and the record's raw text goes to the dead-letter queue. Any other ends the
 * body.
 */
public final class BodyFormatException extends Exception {
    private static final long serialVersionUID = 1L;
    private final boolean recoverable;
    private final String rawText;

    /**
     * @param message what is wrong and where (line, column)
     * @param recoverable true if only one record is lost and reading can go on
     * @param rawText the text of that record, or null
     */
    public BodyFormatException(String message, boolean recoverable, String rawText) {
        super(message);
        this.recoverable = recoverable;
        this.rawText = rawText;
    }

    /** @return true if reading can go on after this record */
    public boolean isRecoverable() {
        return recoverable;
    }

    /** @return the raw text of the bad record, or null */
    public String rawText() {
        return rawText;
    }
}
