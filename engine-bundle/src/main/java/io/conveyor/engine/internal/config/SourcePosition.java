package io.conveyor.engine.internal.config;

/**
 * A place in a pipeline file: 1-based line and column, or {@link #UNKNOWN} (0:0) when the
 * place is not known (a value that comes from a default, not from the file).
 *
 * @param line 1-based line, 0 if unknown
 * @param column 1-based column, 0 if unknown
 */
public record SourcePosition(int line, int column) {
    /** No known place. */
    public static final SourcePosition UNKNOWN = new SourcePosition(0, 0);

    /** @return true if the line is known */
    public boolean isKnown() {
        return line > 0;
    }
}
