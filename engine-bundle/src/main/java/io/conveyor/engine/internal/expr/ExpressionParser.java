package io.conveyor.engine.internal.expr;

import io.conveyor.api.DataType;
import io.conveyor.api.Values;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Parses expression text into a {@link Node} tree by recursive descent. Precedence, lowest
 * first: {@code or}; {@code and}; {@code not}; comparisons, {@code is null}, {@code in},
 * {@code like}, {@code between}; {@code ||}; {@code + -}; {@code * / %}; unary minus.
 * Keywords are case-insensitive. Nesting is bounded so hostile input cannot exhaust the stack.
 */
final class ExpressionParser {
    /** Words that cannot be bare column names (quote such a column: "end"). */
    static final Set<String> RESERVED = Set.of("and", "or", "not", "in", "is", "null", "like", "between", "case",
            "when", "then", "else", "end", "true", "false");
    private static final int MAX_DEPTH = 200;
    private static final Set<String> COMPARISONS = Set.of("=", "==", "!=", "<>", "<", "<=", ">", ">=");
    private final String text;
    private final List<Token> tokens;
    private int pos;
    private int depth;

    private ExpressionParser(String text, List<Token> tokens) {
        this.text = text;
        this.tokens = tokens;
    }

    /**
     * @param text the expression
     * @return its tree
     * @throws ExpressionException at the first syntax error
     */
    static Node parse(String text) throws ExpressionException {
        ExpressionParser p = new ExpressionParser(text, ExpressionLexer.tokenize(text));
        if (p.peek().kind() == Token.Kind.END) {
            throw new ExpressionException(0, "the expression is empty");
        }
        Node n = p.expression();
        if (p.peek().kind() != Token.Kind.END) {
            Token t = p.peek();
            throw new ExpressionException(t.start(), "unexpected " + t.describe() + " after a complete expression; "
                    + "join conditions with and/or, or check the parentheses");
        }
        return n;
    }

    private Token peek() {
        return tokens.get(pos);
    }

    private Token peek(int ahead) {
        return tokens.get(Math.min(pos + ahead, tokens.size() - 1));
    }

    private Token advance() {
        Token t = tokens.get(pos);
        if (t.kind() != Token.Kind.END) {
            pos++;
        }
        return t;
    }

    private boolean acceptKeyword(String word) {
        if (peek().isKeyword(word)) {
            pos++;
            return true;
        }
        return false;
    }

    private boolean acceptSymbol(String symbol) {
        if (peek().isSymbol(symbol)) {
            pos++;
            return true;
        }
        return false;
    }

    private Token expectSymbol(String symbol, String why) throws ExpressionException {
        Token t = peek();
        if (!t.isSymbol(symbol)) {
            throw new ExpressionException(t.start(), "expected '" + symbol + "' " + why + " but found " + t.describe());
        }
        return advance();
    }

    private void expectKeyword(String word, String why) throws ExpressionException {
        Token t = peek();
        if (!t.isKeyword(word)) {
            throw new ExpressionException(t.start(), "expected '" + word + "' " + why + " but found " + t.describe());
        }
        advance();
    }

    private void enter() throws ExpressionException {
        if (++depth > MAX_DEPTH) {
            throw new ExpressionException(peek().start(), "the expression nests more than " + MAX_DEPTH
                    + " levels deep; simplify it");
        }
    }

    private Node expression() throws ExpressionException {
        enter();
        Node left = and();
        while (peek().isKeyword("or")) {
            Token op = advance();
            Node right = and();
            left = new Node.Binary("or", left, right, op.start(), left.start(), right.end());
        }
        depth--;
        return left;
    }

    private Node and() throws ExpressionException {
        Node left = not();
        while (peek().isKeyword("and")) {
            Token op = advance();
            Node right = not();
            left = new Node.Binary("and", left, right, op.start(), left.start(), right.end());
        }
        return left;
    }

    private Node not() throws ExpressionException {
        if (peek().isKeyword("not")) {
            enter();
            Token op = advance();
            Node operand = not();
            depth--;
            return new Node.Unary("not", operand, op.start(), operand.end());
        }
        return predicate();
    }

    private Node predicate() throws ExpressionException {
        Node left = concat();
        Token t = peek();
        if (t.kind() == Token.Kind.SYMBOL && COMPARISONS.contains(t.text())) {
            advance();
            Node right = concat();
            String op = switch (t.text()) {
                case "==" -> "=";
                case "<>" -> "!=";
                default -> t.text();
            };
            return new Node.Binary(op, left, right, t.start(), left.start(), right.end());
        }
        if (t.isKeyword("is")) {
            advance();
            boolean negated = acceptKeyword("not");
            Token n = peek();
            if (!n.isKeyword("null")) {
                throw new ExpressionException(n.start(), "expected 'null' after 'is" + (negated ? " not" : "")
                        + "' but found " + n.describe() + "; compare values with = or !=");
            }
            advance();
            return new Node.IsNull(left, negated, left.start(), n.end());
        }
        boolean negated = false;
        if (t.isKeyword("not") && (peek(1).isKeyword("in") || peek(1).isKeyword("like")
                || peek(1).isKeyword("between"))) {
            advance();
            negated = true;
            t = peek();
        }
        if (t.isKeyword("in")) {
            advance();
            expectSymbol("(", "after 'in'");
            List<Node> values = new ArrayList<>();
            if (peek().isSymbol(")")) {
                throw new ExpressionException(peek().start(), "'in' needs at least one value, e.g. in ('a', 'b')");
            }
            do {
                values.add(expression());
            } while (acceptSymbol(","));
            Token close = expectSymbol(")", "to close the 'in' list");
            return new Node.In(left, values, negated, left.start(), close.end());
        }
        if (t.isKeyword("like")) {
            advance();
            Node pattern = concat();
            return new Node.Like(left, pattern, negated, t.start(), left.start(), pattern.end());
        }
        if (t.isKeyword("between")) {
            advance();
            Node low = concat();
            expectKeyword("and", "between the bounds of 'between'");
            Node high = concat();
            return new Node.Between(left, low, high, negated, t.start(), left.start(), high.end());
        }
        return left;
    }

    private Node concat() throws ExpressionException {
        Node left = additive();
        while (peek().isSymbol("||")) {
            Token op = advance();
            Node right = additive();
            left = new Node.Binary("||", left, right, op.start(), left.start(), right.end());
        }
        return left;
    }

    private Node additive() throws ExpressionException {
        Node left = multiplicative();
        while (peek().isSymbol("+") || peek().isSymbol("-")) {
            Token op = advance();
            Node right = multiplicative();
            left = new Node.Binary(op.text(), left, right, op.start(), left.start(), right.end());
        }
        return left;
    }

    private Node multiplicative() throws ExpressionException {
        Node left = unary();
        while (peek().isSymbol("*") || peek().isSymbol("/") || peek().isSymbol("%")) {
            Token op = advance();
            Node right = unary();
            left = new Node.Binary(op.text(), left, right, op.start(), left.start(), right.end());
        }
        return left;
    }

    private Node unary() throws ExpressionException {
        if (peek().isSymbol("-") || peek().isSymbol("+")) {
            enter();
            Token op = advance();
            Node operand = unary();
            depth--;
            if (op.text().equals("+")) {
                return operand;
            }
            if (operand instanceof Node.Literal l && l.value() instanceof Long v) {
                return new Node.Literal(-v, DataType.LONG, op.start(), operand.end());
            }
            if (operand instanceof Node.Literal l && l.value() instanceof Double v) {
                return new Node.Literal(-v, DataType.DOUBLE, op.start(), operand.end());
            }
            return new Node.Unary("-", operand, op.start(), operand.end());
        }
        return primary();
    }

    private Node primary() throws ExpressionException {
        Token t = peek();
        switch (t.kind()) {
            case INTEGER:
                advance();
                return integer(t);
            case DECIMAL:
                advance();
                return new Node.Literal(Double.parseDouble(t.text()), DataType.DOUBLE, t.start(), t.end());
            case STRING:
                advance();
                return new Node.Literal(t.text(), DataType.STRING, t.start(), t.end());
            case QUOTED_NAME:
                advance();
                return new Node.ColumnRef(t.text(), t.start(), t.end());
            case NAME:
                return named();
            case SYMBOL:
                if (t.isSymbol("(")) {
                    advance();
                    Node inner = expression();
                    expectSymbol(")", "to close the '(' at column " + (t.start() + 1));
                    return inner;
                }
                throw new ExpressionException(t.start(), "expected a value, a column or '(' but found " + t.describe());
            default:
                throw new ExpressionException(t.start(), "the expression ends too early; a value or column is missing");
        }
    }

    private Node integer(Token t) throws ExpressionException {
        try {
            return new Node.Literal(Long.parseLong(t.text()), DataType.LONG, t.start(), t.end());
        } catch (NumberFormatException e) {
            throw new ExpressionException(t.start(), "integer " + t.text() + " is too large for a long; write it "
                    + "with a decimal point to make it a double");
        }
    }

    private Node named() throws ExpressionException {
        Token t = advance();
        String word = t.text().toLowerCase(Locale.ROOT);
        switch (word) {
            case "true": return new Node.Literal(Boolean.TRUE, DataType.BOOL, t.start(), t.end());
            case "false": return new Node.Literal(Boolean.FALSE, DataType.BOOL, t.start(), t.end());
            case "null": return new Node.Literal(null, null, t.start(), t.end());
            case "case": return caseWhen(t);
            default: break;
        }
        if ((word.equals("date") || word.equals("timestamp")) && peek().kind() == Token.Kind.STRING) {
            return temporalLiteral(word, t, advance());
        }
        if (peek().isSymbol("(")) {
            advance();
            if (word.equals("cast")) {
                return cast(t);
            }
            List<Node> args = new ArrayList<>();
            if (!peek().isSymbol(")")) {
                do {
                    args.add(expression());
                } while (acceptSymbol(","));
            }
            Token close = expectSymbol(")", "to close the arguments of " + word + "()");
            return new Node.Call(word, args, t.start(), close.end());
        }
        if (RESERVED.contains(word)) {
            throw new ExpressionException(t.start(), "unexpected keyword '" + t.text() + "' where a value or column "
                    + "was expected; quote a column of that name as \"" + t.text() + "\"");
        }
        return new Node.ColumnRef(t.text(), t.start(), t.end());
    }

    private Node temporalLiteral(String word, Token keyword, Token literal) throws ExpressionException {
        try {
            if (word.equals("date")) {
                LocalDate d = LocalDate.parse(literal.text().trim());
                return new Node.Literal(d, DataType.DATE, keyword.start(), literal.end());
            }
            Instant i = Values.parseInstant(literal.text().trim());
            if (i != null) {
                Values.microsOf(i);
                return new Node.Literal(i, DataType.TIMESTAMP, keyword.start(), literal.end());
            }
        } catch (DateTimeException | ArithmeticException e) {
            // reported below
        }
        throw new ExpressionException(literal.start(), "'" + literal.text() + "' is not a " + word + "; write "
                + (word.equals("date") ? "DATE '2024-01-31'" : "TIMESTAMP '2024-01-31 13:45:00' or '2024-01-31T13:45:00Z'"));
    }

    private Node cast(Token name) throws ExpressionException {
        Node operand = expression();
        expectKeyword("as", "in cast(value as type)");
        Token typeName = peek();
        DataType type = typeName.kind() == Token.Kind.NAME ? DataType.fromId(typeName.text()) : null;
        if (type == null) {
            throw new ExpressionException(typeName.start(), "unknown type " + typeName.describe()
                    + " in cast; use long, double, string, bool, date, timestamp or json");
        }
        advance();
        Token close = expectSymbol(")", "to close cast(");
        return new Node.Cast(operand, type, name.start(), close.end());
    }

    private Node caseWhen(Token start) throws ExpressionException {
        List<Node> conditions = new ArrayList<>();
        List<Node> values = new ArrayList<>();
        if (!peek().isKeyword("when")) {
            throw new ExpressionException(peek().start(), "expected 'when' after 'case' but found "
                    + peek().describe() + "; write case when condition then value ... end");
        }
        while (acceptKeyword("when")) {
            conditions.add(expression());
            expectKeyword("then", "after the condition of 'when'");
            values.add(expression());
        }
        Node otherwise = null;
        if (acceptKeyword("else")) {
            otherwise = expression();
        }
        Token end = peek();
        expectKeyword("end", "to close 'case'");
        return new Node.Case(conditions, values, otherwise, start.start(), end.end());
    }

    /** @return the text a node came from, for messages */
    static String textOf(String text, Node n) {
        return text.substring(Math.max(0, n.start()), Math.min(text.length(), n.end()));
    }
}
