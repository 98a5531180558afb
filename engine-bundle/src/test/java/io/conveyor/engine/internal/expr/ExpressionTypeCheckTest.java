package io.conveyor.engine.internal.expr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.conveyor.api.DataType;
import io.conveyor.api.Field;
import io.conveyor.api.Schema;
import io.conveyor.engine.internal.config.Suggestions;
import org.junit.jupiter.api.Test;

class ExpressionTypeCheckTest {
    private static final Schema SCHEMA = Schema.of(new Field("id", DataType.LONG), new Field("amount", DataType.DOUBLE),
            new Field("country", DataType.STRING), new Field("vip", DataType.BOOL), new Field("day", DataType.DATE),
            new Field("at", DataType.TIMESTAMP), new Field("doc", DataType.JSON), new Field("first name", DataType.STRING));

    private static ExpressionException error(String text) {
        return assertThrows(ExpressionException.class, () -> Expression.parse(text).bind(SCHEMA));
    }

    private static DataType type(String text) throws Exception {
        return Expression.parse(text).bind(SCHEMA).type();
    }

    @Test
    void anUnknownColumnListsTheColumnsAndSuggestsTheNearest() {
        ExpressionException e = error("amout > 1");
        assertEquals("unknown column 'amout'; columns are: id, amount, country, vip, day, at, doc, first name",
                e.getMessage());
        assertEquals("did you mean 'amount'?", e.hint());
        assertEquals(0, e.offset());
        assertNull(error("zzzzzz = 1").hint());
        assertEquals(12, error("id > 1 and (\"first nam\" = 'x')").offset());
    }

    @Test
    void typeErrorsNameBothSidesAndPointAtTheOperator() {
        ExpressionException e = assertThrows(ExpressionException.class,
                () -> Expression.parse("id > 'x'").bind(SCHEMA));
        assertEquals("'>' cannot compare id (long) with 'x' (string); convert one side, e.g. cast('x' as long)",
                e.getMessage());
        assertEquals(3, e.offset());
        // The text side is the one to convert, whichever side it is on; a text column may be numbers with empty fields.
        assertEquals("'<' cannot compare 5 (long) with country (string); convert one side, e.g. cast(country as long), "
                + "which gives null where a value does not convert (" + Suggestions.NUMBERS_READ_AS_TEXT + ")",
                error("5 < country").getMessage());
        assertEquals("'=' cannot compare vip (bool) with 1 (long); convert one side, e.g. cast(1 as bool)",
                error("vip = 1").getMessage());
        e = error("country + 1");
        assertEquals("'+' needs numbers, but country (string) is not one; join strings with ||", e.getMessage());
        assertEquals(8, e.offset());
        assertEquals("'*' needs numbers, but vip (bool) is not one; convert it with to_long(...) or to_double(...)",
                error("vip * 2").getMessage());
        assertEquals("'and' needs a condition (bool), but id (long) is not one; compare it, e.g. id > 0",
                error("id and vip").getMessage());
        assertEquals("'=' cannot compare json values; compare to_string(...) of them", error("doc = doc").getMessage());
        assertEquals("'in' cannot compare country (string) with 1 (long); every value in the list must be of the "
                + "tested value's type", error("country in ('a', 1)").getMessage());
        assertEquals("'like' needs a string, but id (long) is not one; convert it with to_string(...)",
                error("id like '1%'").getMessage());
        assertEquals("the branches give different types: long before, 'x' (string) here; convert them to one type",
                error("case when vip then 1 else 'x' end").getMessage());
        assertEquals("'x' is not a date, so it cannot be compared with day (date); write e.g. '2024-01-31'",
                error("day > 'x'").getMessage());
    }

    @Test
    void functionsAreCheckedForNameArityAndArgumentTypes() {
        ExpressionException e = error("lowr(country)");
        assertEquals("unknown function 'lowr'", e.getMessage());
        assertEquals("did you mean 'lower'?", e.hint());
        assertEquals("substr() takes 2 to 3 arguments, not 1; usage: substr(s, start[, length]) -> string, start at 1",
                error("substr(country)").getMessage());
        assertEquals("lower() takes 1 argument, not 2; usage: lower(s) -> string", error("LOWER(country, 1)").getMessage());
        e = error("upper(id)");
        assertEquals("argument 1 of upper() must be a string, but id (long) is not; usage: upper(s) -> string",
                e.getMessage());
        assertEquals(6, e.offset());
        assertEquals("argument 1 of year() must be a date or timestamp, but country (string) is not; usage: "
                + "year(d) -> long, d a date or timestamp", error("year(country)").getMessage());
        e = error("date_trunc('mnth', day)");
        assertEquals("unknown unit 'mnth' for date_trunc; use year, quarter, month, week, day, hour, minute, second",
                e.getMessage());
        assertEquals("did you mean 'month'?", e.hint());
        assertEquals(11, e.offset());
        assertEquals("coalesce() takes at least 1 argument, not 0; usage: coalesce(a, b, ...): first non-null",
                error("coalesce()").getMessage());
    }

    @Test
    void resultTypesFollowTheWideningRules() throws Exception {
        assertEquals(DataType.DOUBLE, type("id + amount"));
        assertEquals(DataType.LONG, type("id * 2 % 3"));
        assertEquals(DataType.DOUBLE, type("id / 2"));
        assertEquals(DataType.BOOL, type("id between 1 and 2.5"));
        assertEquals(DataType.STRING, type("country || id"));
        assertEquals(DataType.LONG, type("length(country)"));
        assertEquals(DataType.DOUBLE, type("coalesce(id, amount)"));
        assertEquals(DataType.TIMESTAMP, type("greatest(day, at)"));
        assertEquals(DataType.LONG, type("case when vip then id end"));
        assertEquals(DataType.STRING, type("null"));
        assertEquals(DataType.BOOL, type("id = null"));
        assertEquals(DataType.DATE, type("cast(country as date)"));
        assertEquals(DataType.LONG, type("abs(id)"));
        assertEquals(DataType.DOUBLE, type("round(amount, 2)"));
        assertEquals(DataType.BOOL, type("day >= '2024-01-01' and at < '2024-01-01T10:00:00Z'"));
    }
}
