package io.conveyor.engine.internal.expr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.conveyor.api.DataType;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class ExpressionParserTest {
    private static ExpressionException error(String text) {
        return assertThrows(ExpressionException.class, () -> ExpressionParser.parse(text));
    }

    @Test
    void precedenceBindsMultiplicationTighterAndOrLoosest() throws Exception {
        Node.Binary or = assertInstanceOf(Node.Binary.class, ExpressionParser.parse("a = 1 or b = 2 and c + 2 * 3 > 4"));
        assertEquals("or", or.op());
        Node.Binary and = assertInstanceOf(Node.Binary.class, or.right());
        assertEquals("and", and.op());
        Node.Binary gt = assertInstanceOf(Node.Binary.class, and.right());
        assertEquals(">", gt.op());
        Node.Binary plus = assertInstanceOf(Node.Binary.class, gt.left());
        assertEquals("+", plus.op());
        assertEquals("*", assertInstanceOf(Node.Binary.class, plus.right()).op());
    }

    @Test
    void keywordsIgnoreCaseAndOperatorsHaveTheirSynonyms() throws Exception {
        Node.Binary b = assertInstanceOf(Node.Binary.class, ExpressionParser.parse("A <> 1 AnD b == 2"));
        assertEquals("and", b.op());
        assertEquals("!=", ((Node.Binary) b.left()).op());
        assertEquals("=", ((Node.Binary) b.right()).op());
        Node.In in = assertInstanceOf(Node.In.class, ExpressionParser.parse("x NOT IN ('a', 'b')"));
        assertEquals(true, in.negated());
        assertEquals(2, in.values().size());
    }

    @Test
    void literalsAndNames() throws Exception {
        assertEquals("it's", ((Node.Literal) ExpressionParser.parse("'it''s'")).value());
        assertEquals(-5L, ((Node.Literal) ExpressionParser.parse("-5")).value());
        assertEquals(0.5, ((Node.Literal) ExpressionParser.parse(".5")).value());
        assertEquals(1000.0, ((Node.Literal) ExpressionParser.parse("1e3")).value());
        Node.Literal d = (Node.Literal) ExpressionParser.parse("date '2024-01-31'");
        assertEquals(LocalDate.of(2024, 1, 31), d.value());
        assertEquals(DataType.DATE, d.type());
        assertEquals("first name", ((Node.ColumnRef) ExpressionParser.parse("\"first name\"")).name());
        assertEquals("a`b", ((Node.ColumnRef) ExpressionParser.parse("`a``b`")).name());
        assertEquals("date", ((Node.ColumnRef) ExpressionParser.parse("date")).name());
        assertEquals("year", ((Node.Call) ExpressionParser.parse("YEAR(date)")).name());
    }

    @Test
    void syntaxErrorsSayWhatAndWhere() {
        ExpressionException e = error("amount >");
        assertEquals("the expression ends too early; a value or column is missing", e.getMessage());
        assertEquals(8, e.offset());
        e = error("amount > 'abc");
        assertEquals("unterminated string: add the closing ' (write '' for a ' inside it)", e.getMessage());
        assertEquals(9, e.offset());
        e = error("a = 1 b = 2");
        assertEquals("unexpected 'b' after a complete expression; join conditions with and/or, or check the "
                + "parentheses", e.getMessage());
        assertEquals(6, e.offset());
        assertEquals("the expression is empty", error("   ").getMessage());
        assertEquals("expected ')' to close the '(' at column 1 but found the end of the expression",
                error("(a = 1").getMessage());
        assertEquals("unexpected '!'; did you mean '!='", error("a ! b").getMessage());
        assertEquals("integer 99999999999999999999 is too large for a long; write it with a decimal point to make "
                + "it a double", error("99999999999999999999").getMessage());
        assertEquals("unknown type 'foo' in cast; use long, double, string, bool, date, timestamp or json",
                error("cast(a as foo)").getMessage());
        assertEquals("expected 'when' after 'case' but found 'a'; write case when condition then value ... end",
                error("case a end").getMessage());
        assertEquals("unexpected keyword 'end' where a value or column was expected; quote a column of that name "
                + "as \"end\"", error("end = 1").getMessage());
        assertEquals("'2024-13-01' is not a date; write DATE '2024-01-31'", error("DATE '2024-13-01'").getMessage());
        assertEquals("expected 'null' after 'is not' but found '1'; compare values with = or !=",
                error("a is not 1").getMessage());
    }

    @Test
    void deepNestingIsAnErrorNotAStackOverflow() {
        String deep = "(".repeat(5000) + "1" + ")".repeat(5000);
        assertEquals("the expression nests more than 200 levels deep; simplify it", error(deep).getMessage());
        assertEquals("the expression nests more than 200 levels deep; simplify it",
                error("not ".repeat(5000) + "true").getMessage());
        assertEquals("the expression nests more than 200 levels deep; simplify it",
                error("-".repeat(5000) + "1").getMessage());
    }

    @Test
    void describeShowsTheColumnAndACaretUnderIt() {
        ExpressionException e = new ExpressionException(7, "boom");
        assertEquals("boom (at column 8 of the expression)\n    amount > 'x'\n           ^", e.describe("amount > 'x'"));
        assertEquals("boom (at column 8 of the expression)", e.describe("amount\n > 'x'"));
    }
}
