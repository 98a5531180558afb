package io.conveyor.engine.internal.expr;

/**
 * An expression that does not parse or does not type-check: what is wrong, where in the
 * expression (a 0-based character offset) and, for a near-miss name, a suggestion. The stage
 * that owns the expression turns it into a configuration problem naming its stage and key.
 */
public final class ExpressionException extends Exception {
    private static final long serialVersionUID = 1L;
    private final int offset;
    private final String hint;

    /**
     * @param offset 0-based offset of the offending text in the expression
     * @param message what is wrong and what to do
     * @param hint a "did you mean" suggestion, or null
     */
    public ExpressionException(int offset, String message, String hint) {
        super(message);
        this.offset = offset;
        this.hint = hint;
    }

    /** @param offset 0-based offset
     *  @param message what is wrong */
    public ExpressionException(int offset, String message) {
        this(offset, message, null);
    }

    /** @return the 0-based offset of the offending text */
    public int offset() {
        return offset;
    }

    /** @return the suggestion, or null */
    public String hint() {
        return hint;
    }

    /**
     * The message as the user reads it: what is wrong at which column of the expression and,
     * when the expression is one short line, the expression with a caret under that column.
     *
     * @param expression the expression text
     * @return the text (without the hint)
     */
    public String describe(String expression) {
        int column = Math.min(offset, expression.length()) + 1;
        StringBuilder sb = new StringBuilder(getMessage()).append(" (at column ").append(column)
                .append(" of the expression)");
        if (expression.length() <= 100 && expression.indexOf('\n') < 0 && expression.indexOf('\r') < 0) {
            sb.append("\n    ").append(expression).append("\n    ").append(" ".repeat(column - 1)).append('^');
        }
        return sb.toString();
    }
}
