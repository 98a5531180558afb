package io.conveyor.engine.internal.expr;

import java.util.Locale;

/**
 * One lexical token of an expression.
 *
 * @param kind what it is
 * @param text the decoded text: the name of an identifier, the content of a string literal,
 *             the digits of a number, the symbol of an operator
 * @param start 0-based offset of its first character
 * @param end offset just past its last character
 */
record Token(Kind kind, String text, int start, int end) {
    /** Token kinds. */
    enum Kind { INTEGER, DECIMAL, STRING, NAME, QUOTED_NAME, SYMBOL, END }

    /** @param word a keyword, lower case
     *  @return true if this is that keyword (a bare name, in any case) */
    boolean isKeyword(String word) {
        return kind == Kind.NAME && text.toLowerCase(Locale.ROOT).equals(word);
    }

    /** @param symbol an operator or punctuation
     *  @return true if this is that symbol */
    boolean isSymbol(String symbol) {
        return kind == Kind.SYMBOL && text.equals(symbol);
    }

    /** @return how the token reads in a message */
    String describe() {
        return switch (kind) {
            case END -> "the end of the expression";
            case STRING -> "string '" + text + "'";
            case QUOTED_NAME -> "name \"" + text + "\"";
            default -> "'" + text + "'";
        };
    }
}
