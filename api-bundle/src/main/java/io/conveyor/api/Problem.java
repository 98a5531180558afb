package io.conveyor.api;

import java.util.Objects;

/**
 * One problem in a pipeline file: where it is (file, line, column, stage id, key), what
 * is wrong, and an optional hint such as "did you mean 'filter'?". Immutable.
 */
public final class Problem {
    private final String file;
    private final int line;
    private final int column;
    private final String stageId;
    private final String key;
    private final String message;
    private final String hint;

    /**
     * @param file the pipeline file as given, or null
     * @param line 1-based line, 0 if unknown
     * @param column 1-based column, 0 if unknown
     * @param stageId the stage, or null
     * @param key the key (dotted for nested keys), or null
     * @param message what is wrong and what to do
     * @param hint a suggestion, or null
     */
    public Problem(String file, int line, int column, String stageId, String key, String message, String hint) {
        this.file = file;
        this.line = line;
        this.column = column;
        this.stageId = stageId;
        this.key = key;
        this.message = Objects.requireNonNull(message, "message");
        this.hint = hint;
    }

    /** @return the file, or null */
    public String file() {
        return file;
    }

    /** @return the 1-based line, 0 if unknown */
    public int line() {
        return line;
    }

    /** @return the 1-based column, 0 if unknown */
    public int column() {
        return column;
    }

    /** @return the stage id, or null */
    public String stageId() {
        return stageId;
    }

    /** @return the key, or null */
    public String key() {
        return key;
    }

    /** @return the message */
    public String message() {
        return message;
    }

    /** @return the hint, or null */
    public String hint() {
        return hint;
    }

    /**
     * @param newFile file
     * @param newLine line
     * @param newColumn column
     * @param newStageId stage id
     * @return a copy with that position (keeps key, message, hint)
     */
    public Problem at(String newFile, int newLine, int newColumn, String newStageId) {
        return new Problem(newFile, newLine, newColumn, newStageId, key, message, hint);
    }

    /**
     * Formats as {@code file:line:col: stage 'id', key 'k': message (hint)}, leaving out
     * what is unknown.
     */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        if (file != null) {
            sb.append(file);
            if (line > 0) {
                sb.append(':').append(line);
                if (column > 0) {
                    sb.append(':').append(column);
                }
            }
            sb.append(": ");
        }
        if (stageId != null) {
            sb.append("stage '").append(stageId).append("'");
            sb.append(key != null ? ", " : ": ");
        }
        if (key != null) {
            sb.append("key '").append(key).append("': ");
        }
        sb.append(message);
        if (hint != null) {
            sb.append(" (").append(hint).append(')');
        }
        return sb.toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Problem && o.toString().equals(toString());
    }

    @Override
    public int hashCode() {
        return toString().hashCode();
    }
}
