package io.conveyor.engine.internal.expr;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Splits expression text into {@link Token}s: numbers, 'strings' (a doubled quote stands for
 * one), bare names, "quoted" or `backticked` names, operators and punctuation.
 */
final class ExpressionLexer {
    private static final Set<String> TWO_CHAR = Set.of("==", "!=", "<>", "<=", ">=", "||");
    private static final String ONE_CHAR = "+-*/%=<>(),";
    private final String text;
    private int pos;

    private ExpressionLexer(String text) {
        this.text = text;
    }

    /**
     * @param text the expression
     * @return its tokens, ending with an END token
     * @throws ExpressionException at the first character that starts no token
     */
    static List<Token> tokenize(String text) throws ExpressionException {
        return new ExpressionLexer(text).all();
    }

    private List<Token> all() throws ExpressionException {
        List<Token> out = new ArrayList<>();
        while (true) {
            while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
                pos++;
            }
            if (pos >= text.length()) {
                out.add(new Token(Token.Kind.END, "", pos, pos));
                return out;
            }
            out.add(next());
        }
    }

    private Token next() throws ExpressionException {
        int start = pos;
        char c = text.charAt(pos);
        if (c >= '0' && c <= '9' || c == '.' && pos + 1 < text.length() && isDigit(text.charAt(pos + 1))) {
            return number();
        }
        if (c == '\'') {
            return new Token(Token.Kind.STRING, quoted('\'', "string"), start, pos);
        }
        if (c == '"' || c == '`') {
            String name = quoted(c, "name");
            if (name.isEmpty()) {
                throw new ExpressionException(start, "empty column name " + c + c);
            }
            return new Token(Token.Kind.QUOTED_NAME, name, start, pos);
        }
        if (Character.isLetter(c) || c == '_') {
            while (pos < text.length() && (Character.isLetterOrDigit(text.charAt(pos)) || text.charAt(pos) == '_')) {
                pos++;
            }
            return new Token(Token.Kind.NAME, text.substring(start, pos), start, pos);
        }
        if (pos + 1 < text.length() && TWO_CHAR.contains(text.substring(pos, pos + 2))) {
            pos += 2;
            return new Token(Token.Kind.SYMBOL, text.substring(start, pos), start, pos);
        }
        if (ONE_CHAR.indexOf(c) >= 0) {
            pos++;
            return new Token(Token.Kind.SYMBOL, String.valueOf(c), start, pos);
        }
        if (c == '!' || c == '|') {
            throw new ExpressionException(start, "unexpected '" + c + "'; did you mean '" + c
                    + (c == '!' ? "='" : "|' (string concatenation)?"));
        }
        throw new ExpressionException(start, "unexpected character '" + printable(text.codePointAt(pos))
                + "'; an expression uses column names, 'strings', numbers, operators and functions");
    }

    private static String printable(int cp) {
        return Character.isISOControl(cp) || !Character.isDefined(cp) ? String.format("U+%04X", cp)
                : new String(Character.toChars(cp));
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private Token number() throws ExpressionException {
        int start = pos;
        boolean decimal = false;
        while (pos < text.length() && isDigit(text.charAt(pos))) {
            pos++;
        }
        if (pos < text.length() && text.charAt(pos) == '.') {
            decimal = true;
            pos++;
            while (pos < text.length() && isDigit(text.charAt(pos))) {
                pos++;
            }
        }
        if (pos < text.length() && (text.charAt(pos) == 'e' || text.charAt(pos) == 'E')) {
            int mark = pos;
            pos++;
            if (pos < text.length() && (text.charAt(pos) == '+' || text.charAt(pos) == '-')) {
                pos++;
            }
            if (pos < text.length() && isDigit(text.charAt(pos))) {
                decimal = true;
                while (pos < text.length() && isDigit(text.charAt(pos))) {
                    pos++;
                }
            } else {
                pos = mark;
            }
        }
        if (pos < text.length() && (Character.isLetter(text.charAt(pos)) || text.charAt(pos) == '_')) {
            throw new ExpressionException(start, "a number runs into a name at '" + text.substring(start, pos + 1)
                    + "'; separate them, or quote a column name that starts with a digit as \"name\"");
        }
        return new Token(decimal ? Token.Kind.DECIMAL : Token.Kind.INTEGER, text.substring(start, pos), start, pos);
    }

    /** Reads a quoted string or name; the closing quote doubled stands for itself. */
    private String quoted(char quote, String what) throws ExpressionException {
        int start = pos;
        pos++;
        StringBuilder sb = new StringBuilder();
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (c == quote) {
                if (pos + 1 < text.length() && text.charAt(pos + 1) == quote) {
                    sb.append(quote);
                    pos += 2;
                    continue;
                }
                pos++;
                return sb.toString();
            }
            sb.append(c);
            pos++;
        }
        throw new ExpressionException(start, "unterminated " + what + ": add the closing " + quote
                + " (write " + quote + quote + " for a " + quote + " inside it)");
    }
}
