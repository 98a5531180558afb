package io.conveyor.engine.internal.expr;

import static io.conveyor.engine.internal.stages.Batches.row;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.conveyor.api.Column;
import io.conveyor.api.ColumnBuilder;
import io.conveyor.api.DataType;
import io.conveyor.api.Field;
import io.conveyor.api.RecordBatch;
import io.conveyor.api.Schema;
import io.conveyor.engine.internal.stages.Batches;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ExpressionEvaluationTest {
    private final RecordBatch batch = Batches.of(
            row("id", 1L, "amount", 150.0, "country", "US", "vip", true, "note", " Hi "),
            row("id", 2L, "amount", 50.0, "country", "DE", "vip", false, "note", null),
            row("id", 3L, "amount", null, "country", "FR", "vip", null, "note", "a.c"),
            row("id", 4L, "amount", 100.0, "country", null, "vip", true, "note", "abc"));

    private List<Object> eval(String text) throws Exception {
        return eval(text, batch);
    }

    private static List<Object> eval(String text, RecordBatch b) throws Exception {
        Column c = Expression.parse(text).bind(b.schema()).evaluate(b);
        List<Object> out = new ArrayList<>();
        for (int i = 0; i < c.size(); i++) {
            out.add(c.get(i));
        }
        return out;
    }

    private List<Object> selected(String text) throws Exception {
        int[] rows = new int[batch.rowCount()];
        int n = Expression.parse(text).bind(batch.schema()).select(batch, rows);
        List<Object> ids = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            ids.add(batch.column("id").get(rows[i]));
        }
        return ids;
    }

    @Test
    void arithmeticKeepsLongsDividesAsDoublesAndMakesDivisionByZeroNull() throws Exception {
        assertEquals(List.of(3L, 5L, 7L, 9L), eval("id * 2 + 1"));
        assertEquals(List.of(0.5, 1.0, 1.5, 2.0), eval("id / 2"));
        assertEquals(List.of(1L, 0L, 1L, 0L), eval("id % 2"));
        assertEquals(Arrays.asList(151.0, 52.0, null, 104.0), eval("amount + id"));
        assertEquals(Arrays.asList(null, null, null, null), eval("id / (id - id)"));
        assertEquals(Arrays.asList(null, null, null, null), eval("id % 0"));
        assertEquals(List.of(-1L, -2L, -3L, -4L), eval("-id"));
        assertEquals(Arrays.asList(3074457345618258602L, 6148914691236517204L, 9223372036854775806L, null),
                eval("id * 3074457345618258602"));
        assertEquals(Arrays.asList(null, null, null, null), eval("id + 9223372036854775807"));
        assertEquals(Arrays.asList(-9223372036854775807L, Long.MIN_VALUE, null, null),
                eval("-id - 9223372036854775806"));
        assertEquals(Arrays.asList(null, null, null, null), eval("-(-id - 9223372036854775807)"));
        assertEquals(List.of(7L, 7L, 7L, 7L), eval("1 + 2 * 3"));
        assertEquals(List.of(9L, 9L, 9L, 9L), eval("(1 + 2) * 3"));
    }

    @Test
    void comparisonsWithNullAreNullAndNeverSelected() throws Exception {
        assertEquals(Arrays.asList(true, false, null, true), eval("amount >= 100"));
        assertEquals(Arrays.asList(false, true, null, false), eval("amount != 150 and amount <> 100"));
        assertEquals(List.of(1L, 4L), selected("amount >= 100"));
        assertEquals(List.of(2L), selected("amount < 100"));
        assertEquals(List.of(4L), selected("100 = amount"));
        assertEquals(Arrays.asList(null, null, null, null), eval("id = null"));
        assertEquals(List.of(3L), selected("amount is null"));
        assertEquals(List.of(1L, 2L, 4L), selected("amount is not null"));
        assertEquals(List.of(1L, 3L), selected("country > 'E' and country <= 'US'"));
    }

    @Test
    void threeValuedLogicFollowsSql() throws Exception {
        // vip: true, false, null, true
        assertEquals(Arrays.asList(true, false, null, true), eval("vip and true"));
        assertEquals(Arrays.asList(false, false, false, false), eval("vip and false"));
        assertEquals(Arrays.asList(true, true, true, true), eval("vip or true"));
        assertEquals(Arrays.asList(true, false, null, true), eval("vip or false"));
        assertEquals(Arrays.asList(false, true, null, false), eval("not vip"));
        assertEquals(Arrays.asList(true, false, null, true), eval("vip and null or vip"));
        assertEquals(Arrays.asList(null, false, null, null), eval("vip and null"));
        assertEquals(Arrays.asList(true, null, null, true), eval("vip or null"));
        assertEquals(List.of(2L, 3L), selected("not (vip = true) or vip is null"));
    }

    @Test
    void inHandlesNullsTheSqlWay() throws Exception {
        assertEquals(List.of(1L, 2L, 3L), selected("country in ('US', 'DE', 'FR', 'GB', 'JP')"));
        assertEquals(Arrays.asList(true, true, false, null), eval("country in ('US', 'DE')"));
        assertEquals(Arrays.asList(true, true, null, null), eval("country in ('US', 'DE', null)"));
        assertEquals(Arrays.asList(false, false, null, null), eval("country not in ('US', 'DE', null)"));
        assertEquals(Arrays.asList(false, false, true, null), eval("country not in ('US', 'DE')"));
        assertEquals(List.of(2L, 4L), selected("id in (2, 4, 9, 10, 11, 12, 13, 14, 15, 16)"));
        assertEquals(List.of(1L, 4L), selected("amount in (150, 100.0)"));
        assertEquals(List.of(2L, 3L), selected("id in (id * 0 + 2, 3)"));
        assertEquals(List.of(1L, 4L), selected("id not in (id * 0 + 2, 3)"));
        assertEquals(List.of(1L, 4L), selected("amount >= 100 and country in ('US','DE','FR','GB','JP') or id = 4"));
    }

    @Test
    void likeBetweenAndCase() throws Exception {
        assertEquals(Arrays.asList(false, null, true, true), eval("note like 'a%'"));
        assertEquals(Arrays.asList(false, null, true, false), eval("note like 'a_c' and note not like '%b%'"));
        assertEquals(Arrays.asList(true, null, false, false), eval("note like '%Hi%'"));
        assertEquals(Arrays.asList(false, null, true, false), eval("note like 'a.c'"));
        assertEquals(Arrays.asList(false, null, false, true), eval("note like '%c' and note like '_b_'"));
        assertEquals(List.of(2L, 3L), selected("id between 2 and 3"));
        assertEquals(List.of(1L, 4L), selected("id not between 2 and 3"));
        assertEquals(List.of("big", "small", "unknown", "big"),
                eval("case when amount >= 100 then 'big' when amount < 100 then 'small' else 'unknown' end"));
        assertEquals(Arrays.asList(1L, 2L, null, 4L), eval("CASE WHEN amount > 0 THEN id END"));
        assertEquals(List.of("y", "n", "n", "y"), eval("if(vip, 'y', 'n')"));
    }

    @Test
    void nullHandlingFunctions() throws Exception {
        assertEquals(List.of(150.0, 50.0, -1.0, 100.0), eval("coalesce(amount, -1)"));
        assertEquals(List.of(150.0, 50.0, 3.0, 100.0), eval("ifnull(amount, id)"));
        assertEquals(Arrays.asList(150.0, 50.0, null, null), eval("nullif(amount, 100)"));
        assertEquals(Arrays.asList("US", "DE", "FR", "?"), eval("coalesce(country, null, '?')"));
    }

    @Test
    void stringFunctions() throws Exception {
        assertEquals(Arrays.asList(" hi ", null, "a.c", "abc"), eval("lower(note)"));
        assertEquals(Arrays.asList("HI", null, "A.C", "ABC"), eval("upper(trim(note))"));
        assertEquals(Arrays.asList("Hi ", null, "a.c", "abc"), eval("ltrim(note)"));
        assertEquals(Arrays.asList(" Hi", null, "a.c", "abc"), eval("rtrim(note)"));
        assertEquals(Arrays.asList(4L, null, 3L, 3L), eval("length(note)"));
        assertEquals(Arrays.asList("Hi", null, ".c", "bc"), eval("substr(note, 2, 2)"));
        assertEquals(Arrays.asList("i ", null, "c", "c"), eval("substring(note, 3)"));
        assertEquals(Arrays.asList("i", null, "c", "c"), eval("substr(trim(note), -1)"));
        assertEquals(Arrays.asList(" Hi ", null, "a-c", "abc"), eval("replace(note, '.', '-')"));
        assertEquals(Arrays.asList("US-1", "DE-2", "FR-3", "-4"), eval("concat(country, '-', id)"));
        assertEquals(Arrays.asList("US-1", "DE-2", "FR-3", null), eval("country || '-' || id"));
        assertEquals(Arrays.asList(false, null, true, true), eval("starts_with(note, 'a')"));
        assertEquals(Arrays.asList(false, null, true, true), eval("ends_with(note, 'c')"));
        assertEquals(Arrays.asList(true, null, false, false), eval("contains(note, 'H')"));
    }

    @Test
    void mathFunctions() throws Exception {
        assertEquals(List.of(1L, 2L, 3L, 4L), eval("abs(-id)"));
        assertEquals(List.of(2.5, 2.5, 2.5, 2.5), eval("round(2.45, 1) + 0.0 * id + 0.0 * 0.0 + round(0.04, 1)"));
        assertEquals(List.of(3.0, 3.0, 3.0, 3.0), eval("round(2.5) + 0 * id"));
        assertEquals(List.of(-3.0, -3.0, -3.0, -3.0), eval("round(-2.5) + 0 * id"));
        assertEquals(List.of(2.0, 2.0, 2.0, 2.0), eval("floor(2.7) + 0 * id"));
        assertEquals(List.of(3.0, 3.0, 3.0, 3.0), eval("ceil(2.1) + 0 * id"));
        assertEquals(List.of(1.0, 2.0, 3.0, 4.0), eval("sqrt(id * id)"));
        assertEquals(List.of(1.0, 4.0, 9.0, 16.0), eval("pow(id, 2)"));
        assertEquals(List.of(0.0, 0.0, 0.0, 0.0), eval("ln(exp(0)) + 0 * id"));
        assertEquals(Arrays.asList(1.0, 2.0, 3.0, 4.0), eval("least(amount, id)"));
        assertEquals(Arrays.asList(150.0, 50.0, 3.0, 100.0), eval("greatest(amount, id)"));
        assertEquals(List.of(100L, 100L, 100L, 100L), eval("round(149, -2) + 0 * id"));
    }

    @Test
    void datesTimestampsAndCasts() throws Exception {
        Schema s = Schema.of(new Field("day", DataType.DATE), new Field("at", DataType.TIMESTAMP),
                new Field("text", DataType.STRING));
        ColumnBuilder days = new ColumnBuilder(DataType.DATE, 2);
        days.append(LocalDate.of(2024, 1, 31));
        days.appendNull();
        ColumnBuilder ats = new ColumnBuilder(DataType.TIMESTAMP, 2);
        ats.append(Instant.parse("2024-03-05T13:45:10Z"));
        ats.append(Instant.parse("1999-12-31T23:59:59Z"));
        ColumnBuilder texts = new ColumnBuilder(DataType.STRING, 2);
        texts.append("42");
        texts.append("abc");
        RecordBatch b = new RecordBatch(s, List.of(days.build(), ats.build(), texts.build()), 2);
        assertEquals(Arrays.asList(2024L, null), eval("year(day)", b));
        assertEquals(Arrays.asList(1L, null), eval("month(day)", b));
        assertEquals(Arrays.asList(31L, null), eval("day(day)", b));
        assertEquals(Arrays.asList(3L, null), eval("day_of_week(day)", b));
        assertEquals(List.of(13L, 23L), eval("hour(at)", b));
        assertEquals(List.of(45L, 59L), eval("minute(at)", b));
        assertEquals(List.of(10L, 59L), eval("second(at)", b));
        assertEquals(Arrays.asList(true, null), eval("day = DATE '2024-01-31'", b));
        assertEquals(Arrays.asList(true, null), eval("day between '2024-01-01' and '2024-12-31'", b));
        assertEquals(List.of(true, false), eval("at > TIMESTAMP '2024-01-01 00:00:00'", b));
        assertEquals(List.of(true, false), eval("at >= date('2024-03-05')", b));
        assertEquals(Arrays.asList(42L, null), eval("to_long(text)", b));
        assertEquals(Arrays.asList(42.0, null), eval("cast(text as double)", b));
        assertEquals(Arrays.asList("2024-01-31", null), eval("to_string(day)", b));
        assertEquals(List.of(LocalDate.of(2024, 3, 5), LocalDate.of(1999, 12, 31)), eval("to_date(at)", b));
        assertEquals(Arrays.asList(Instant.parse("2024-01-31T00:00:00Z"), null), eval("to_timestamp(day)", b));
        assertEquals(Arrays.asList(Instant.parse("2024-01-31T00:00:00Z"), null), eval("timestamp(day)", b));
        assertEquals(Arrays.asList(null, null), eval("to_bool(text)", b));
        assertEquals(List.of(true, true), eval("to_bool('true') and to_bool(hour(at) > 0)", b));
        assertEquals(List.of(3L, 3L), eval("cast(3.9 as long) + 0 * hour(at)", b));
        assertEquals(List.of(Instant.parse("2024-03-01T00:00:00Z"), Instant.parse("1999-12-01T00:00:00Z")),
                eval("date_trunc('month', at)", b));
        assertEquals(List.of(Instant.parse("2024-03-05T13:00:00Z"), Instant.parse("1999-12-31T23:00:00Z")),
                eval("date_trunc('HOUR', at)", b));
        assertEquals(Arrays.asList(LocalDate.of(2024, 1, 1), null), eval("date_trunc('quarter', day)", b));
        assertEquals(Arrays.asList(LocalDate.of(2024, 1, 29), null), eval("date_trunc('week', day)", b));
    }

    @Test
    void doublesCompareTheIeeeWayOnEveryPath() throws Exception {
        ColumnBuilder d = new ColumnBuilder(DataType.DOUBLE, 3);
        d.appendDouble(Double.NaN);
        d.appendDouble(-0.0);
        d.appendDouble(1.0);
        RecordBatch b = new RecordBatch(Schema.of(new Field("x", DataType.DOUBLE)), List.of(d.build()), 3);
        assertEquals(List.of(false, true, true), eval("x = x", b));
        assertEquals(List.of(true, false, false), eval("x != x", b));
        assertEquals(List.of(false, true, false), eval("x = 0", b));
        assertEquals(List.of(false, true, true), eval("x in (0, 1)", b));
        assertEquals(List.of(false, true, true), eval("x in (0, 1, x * 0 + 7)", b));
        assertEquals(List.of(false, false, false), eval("x > x or x < x", b));
    }

    @Test
    void namesMayBeQuotedAndKeywordsIgnoreCase() throws Exception {
        RecordBatch b = Batches.of(row("first name", "Ann", "end", 1L), row("first name", "Bob", "end", 2L));
        assertEquals(List.of(true, false), eval("\"first name\" = 'Ann' AND `end` < 2 Or NOT TRUE", b));
        assertEquals(List.of("ANN", "BOB"), eval("UPPER(\"first name\")", b));
    }

    @Test
    void largeBatchesMatchARowByRowReference() throws Exception {
        Random random = new Random(7);
        int n = 20_000;
        String[] countries = {"US", "DE", "FR", "GB", "JP", "CN", "BR", "IN"};
        ColumnBuilder amounts = new ColumnBuilder(DataType.LONG, n);
        ColumnBuilder names = new ColumnBuilder(DataType.STRING, n);
        for (int i = 0; i < n; i++) {
            if (random.nextInt(20) == 0) {
                amounts.appendNull();
            } else {
                amounts.appendLong(random.nextInt(300));
            }
            names.appendObject(random.nextInt(25) == 0 ? null : countries[random.nextInt(countries.length)]);
        }
        Schema s = Schema.of(new Field("amount", DataType.LONG), new Field("country", DataType.STRING));
        RecordBatch b = new RecordBatch(s, List.of(amounts.build(), names.build()), n);
        int[] rows = new int[n];
        int count = Expression.parse("amount >= 100 and country in ('US','DE','FR','GB','JP')").bind(s)
                .select(b, rows);
        List<Integer> expected = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Object a = b.column(0).get(i);
            Object c = b.column(1).get(i);
            if (a != null && (Long) a >= 100 && c != null && List.of("US", "DE", "FR", "GB", "JP").contains(c)) {
                expected.add(i);
            }
        }
        List<Integer> actual = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            actual.add(rows[i]);
        }
        assertEquals(expected, actual);
    }

    @Test
    void aBindingIsKeptPerSchema() throws Exception {
        Expression e = Expression.parse("amount > 1");
        Schema longs = Schema.of(new Field("amount", DataType.LONG));
        Schema doubles = Schema.of(new Field("amount", DataType.DOUBLE));
        assertEquals(e.bind(longs), e.bind(longs));
        assertEquals(DataType.BOOL, e.bind(doubles).type());
        assertEquals(false, e.bind(longs) == e.bind(doubles));
    }
}
