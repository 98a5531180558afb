package io.conveyor.engine.internal.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.conveyor.api.Column;
import io.conveyor.api.ColumnBuilder;
import io.conveyor.api.ConfigException;
import io.conveyor.api.DataType;
import io.conveyor.api.Field;
import io.conveyor.api.RecordBatch;
import io.conveyor.api.Schema;
import io.conveyor.api.StageConfig;
import io.conveyor.api.StageException;
import io.conveyor.engine.internal.expr.BoundExpression;
import io.conveyor.engine.internal.expr.Expression;
import io.conveyor.engine.internal.expr.ExpressionException;
import io.conveyor.engine.internal.stages.StageHarness;
import io.conveyor.engine.internal.stages.transform.FilterFactory;
import io.conveyor.engine.internal.stages.transform.MapFactory;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.statistics.Statistics;

/**
 * Fuzzes the expression language: generated expressions (grammatical, often ill-typed) and
 * mutated ones (often not grammatical) go through {@code transform.filter} and
 * {@code transform.map} as a pipeline would use them: checked (syntax), type-checked against
 * the input schema, then run over batches with nulls and extreme values. Each must give a
 * result or a {@link ConfigException} / {@link StageException} with a readable message, within
 * {@link BoundedRun#LIMIT_SECONDS}. Bool expressions also obey the laws of three-valued logic.
 */
public class ExpressionFuzzTest {
    static final Schema SCHEMA = Schema.of(new Field("id", DataType.LONG), new Field("amount", DataType.DOUBLE),
            new Field("country", DataType.STRING), new Field("vip", DataType.BOOL), new Field("day", DataType.DATE),
            new Field("at", DataType.TIMESTAMP), new Field("doc", DataType.JSON),
            new Field("first name", DataType.STRING));
    static final RecordBatch BATCH = batch();
    private static final List<String> SEEDS = List.of(
            "amount >= 100 and country in ('US','DE','FR','GB','JP')",
            "case when vip then upper(country) else coalesce(\"first name\", 'x') || '-' || id end",
            "day between DATE '2024-01-01' and '2024-12-31' or at is null",
            "round(amount / nullif(id, 0), 2) > -1.5e3 and country not like '%a_b%'",
            "if(id % 2 = 0, substr(country, 2, 1), cast(amount as string))",
            "year(at) * 100 + month(day) <> greatest(id, 7) and not starts_with(`first name`, 'A')");

    private static RecordBatch batch() {
        ColumnBuilder id = new ColumnBuilder(DataType.LONG, 6);
        ColumnBuilder amount = new ColumnBuilder(DataType.DOUBLE, 6);
        ColumnBuilder country = new ColumnBuilder(DataType.STRING, 6);
        ColumnBuilder vip = new ColumnBuilder(DataType.BOOL, 6);
        ColumnBuilder day = new ColumnBuilder(DataType.DATE, 6);
        ColumnBuilder at = new ColumnBuilder(DataType.TIMESTAMP, 6);
        ColumnBuilder doc = new ColumnBuilder(DataType.JSON, 6);
        ColumnBuilder name = new ColumnBuilder(DataType.STRING, 6);
        Object[][] rows = {
            {1L, 150.0, "US", true, LocalDate.of(2024, 1, 31), Instant.parse("2024-01-31T10:00:00Z"), Map.of("a", 1),
                "Ann"},
            {null, null, null, null, null, null, null, null},
            {Long.MIN_VALUE, Double.NaN, "", false, LocalDate.of(-9999, 1, 1), Instant.parse("1970-01-01T00:00:00Z"),
                List.of(1, "x"), "\uD83D\uDE00 é"},
            {Long.MAX_VALUE, -0.0, "a%_'\"", true, LocalDate.of(9999, 12, 31), Instant.parse("9999-12-31T23:59:59Z"),
                "plain", " "},
            {0L, Double.POSITIVE_INFINITY, "DE", null, LocalDate.of(2000, 2, 29), null, null, "Bob"},
            {-7L, 1e300, "FR", false, null, Instant.parse("1900-06-15T12:30:45.123456Z"), Map.of(), null}};
        for (Object[] r : rows) {
            id.append(r[0]);
            amount.append(r[1]);
            country.append(r[2]);
            vip.append(r[3]);
            day.append(r[4]);
            at.append(r[5]);
            doc.append(r[6]);
            name.append(r[7]);
        }
        return new RecordBatch(SCHEMA, List.of(id.build(), amount.build(), country.build(), vip.build(), day.build(),
                at.build(), doc.build(), name.build()), rows.length);
    }

    /** What happened to one expression. */
    public enum Outcome { SYNTAX_ERROR, TYPE_ERROR, FILTERED, MAPPED }

    /**
     * Runs one expression as a filter (when bool) or a map column, the way a pipeline does.
     *
     * @param text the expression
     * @return what happened; throws (failing the try) on anything but a clean result or error
     */
    public static Outcome run(String text) throws Exception {
        return BoundedRun.within("expression " + text, () -> {
            StageHarness harness = new StageHarness(Path.of("."));
            MapFactory map = new MapFactory();
            StageConfig config;
            try {
                config = harness.config(map, Map.of("columns", Map.of("out", text)));
            } catch (ConfigException e) {
                UserText.assertReadable("syntax error", e.getMessage());
                return Outcome.SYNTAX_ERROR;
            }
            Schema out;
            try {
                out = map.outputSchema(config, List.of(SCHEMA));
            } catch (ConfigException e) {
                UserText.assertReadable("type error", e.getMessage());
                assertTrue(e.getMessage().contains(" of the expression)"), e.getMessage());
                return Outcome.TYPE_ERROR;
            }
            List<RecordBatch> mapped = harness.transform(map, Map.of("columns", Map.of("out", text)), List.of(BATCH));
            assertEquals(out, mapped.get(0).schema());
            assertEquals(BATCH.rowCount(), mapped.get(0).rowCount());
            FilterFactory filter = new FilterFactory();
            try {
                StageConfig condition = harness.config(filter, Map.of("expr", text));
                assertEquals(SCHEMA, filter.outputSchema(condition, List.of(SCHEMA)));
            } catch (ConfigException e) {
                assertTrue(out.field(out.indexOf("out")).type() != DataType.BOOL, e.getMessage());
                return Outcome.MAPPED;
            }
            List<RecordBatch> kept = harness.transform(new FilterFactory(), Map.of("expr", text), List.of(BATCH));
            long trues = StageHarness.rows(mapped).stream().filter(r -> Boolean.TRUE.equals(r.get("out"))).count();
            assertEquals(trues, StageHarness.rows(kept).size(), "the filter keeps exactly the rows that are true");
            return Outcome.FILTERED;
        });
    }

    @Property(edgeCases = EdgeCasesMode.NONE)
    void generatedExpressionsGiveAResultOrAClearError(@ForAll("expressions") String text) throws Exception {
        Statistics.label("outcome").collect(run(text));
    }

    @Property(edgeCases = EdgeCasesMode.NONE)
    void mutatedExpressionsGiveAResultOrAClearError(@ForAll("seeds") String seed,
                                                    @ForAll("edits") List<TextMutation> edits)
            throws Exception {
        Statistics.label("outcome").collect(run(TextMutation.applyAll(seed, edits)));
    }

    @Property(edgeCases = EdgeCasesMode.NONE)
    void wellTypedConditionsFilterExactlyTheTrueRows(@ForAll("conditions") String text) throws Exception {
        assertEquals(Outcome.FILTERED, run(text));
    }

    @Property(edgeCases = EdgeCasesMode.NONE)
    void boolExpressionsObeyThreeValuedLogic(@ForAll("conditions") String a, @ForAll("conditions") String b)
            throws Exception {
        List<Object> and = values("(" + a + ") and (" + b + ")");
        List<Object> deMorgan = values("not (not (" + a + ") or not (" + b + "))");
        List<Object> swapped = values("(" + b + ") and (" + a + ")");
        List<Object> viaCase = values("case when (" + a + ") is null or (" + b + ") is null then "
                + "(case when (" + a + ") = false or (" + b + ") = false then false end) "
                + "else (" + a + ") = true and (" + b + ") = true end");
        assertEquals(and, deMorgan);
        assertEquals(and, swapped);
        assertEquals(and, viaCase);
    }

    @Property(edgeCases = EdgeCasesMode.NONE)
    void constantFastPathsAgreeWithTheGeneralPath(@ForAll("constantComparisons") List<String> parts) throws Exception {
        String column = parts.get(0);
        String op = parts.get(1);
        String constant = parts.get(2);
        // coalesce(...) of a constant is not a literal, so it takes the column-against-column path.
        String general = "coalesce(" + constant + ", " + constant + ")";
        assertEquals(values(column + " " + op + " " + general), values(column + " " + op + " " + constant));
        assertEquals(values(general + " " + op + " " + column), values(constant + " " + op + " " + column));
        assertEquals(values(column + " = " + general + " or " + column + " = " + general),
                values(column + " in (" + constant + ", " + constant + ")"));
    }

    @Provide
    Arbitrary<List<String>> constantComparisons() {
        Arbitrary<List<String>> numeric = Combinators.combine(Arbitraries.of("id", "amount"),
                Arbitraries.of("0", "-0.0", "1", "150", "150.0", "-7", "1e300", "9223372036854775807",
                        "-9223372036854775807")).as((c, k) -> List.of(c, k));
        Arbitrary<List<String>> text = Combinators.combine(Arbitraries.of("country", "\"first name\""),
                Arbitraries.of("''", "'US'", "'DE'", "'a%_''\"'", "'Bob'")).as((c, k) -> List.of(c, k));
        Arbitrary<List<String>> dates = Combinators.combine(Arbitraries.of("day", "at"),
                Arbitraries.of("DATE '2024-01-31'", "DATE '2000-02-29'", "TIMESTAMP '1970-01-01 00:00:00'",
                        "TIMESTAMP '9999-12-31 23:59:59'")).as((c, k) -> List.of(c, k));
        return Combinators.combine(Arbitraries.oneOf(numeric, text, dates),
                Arbitraries.of("=", "!=", "<", "<=", ">", ">=")).as((ck, op) -> List.of(ck.get(0), op, ck.get(1)));
    }

    private static List<Object> values(String text) throws Exception {
        BoundExpression e;
        try {
            e = Expression.parse(text).bind(SCHEMA);
        } catch (ExpressionException ex) {
            throw new AssertionError(text + ": " + ex.getMessage(), ex);
        }
        Column c = e.evaluate(BATCH);
        List<Object> out = new ArrayList<>();
        for (int i = 0; i < c.size(); i++) {
            out.add(c.get(i));
        }
        return out;
    }

    @Provide
    Arbitrary<String> seeds() {
        return Arbitraries.of(SEEDS);
    }

    @Provide
    Arbitrary<List<TextMutation>> edits() {
        return mutations().list().ofMinSize(1).ofMaxSize(2);
    }

    private static Arbitrary<TextMutation> mutations() {
        Arbitrary<String> inserted = Arbitraries.oneOf(
                Arbitraries.strings().withChars("()',\"`%_-+*/=<>!|. \n\t\u0000\uD83D").ofMinLength(1).ofMaxLength(3),
                Arbitraries.of("and", "or", "not", "in (", "is null", "like", "between", "case when", "then", "else",
                        "end", "null", "cast(", " as ", "DATE '", "TIMESTAMP '2024-01-01'", "99999999999999999999",
                        "1e999", ".", "''", "coalesce(", "substr(", ")", ","));
        return Combinators.combine(Arbitraries.of(TextMutation.Kind.DELETE, TextMutation.Kind.DUPLICATE,
                        TextMutation.Kind.INSERT), Arbitraries.doubles().between(0, 0.999).ofScale(4),
                Arbitraries.just(0.0), Arbitraries.integers().between(1, 8), inserted).as(TextMutation::new);
    }

    @Provide
    Arbitrary<String> expressions() {
        return expression(4);
    }

    @Provide
    Arbitrary<String> conditions() {
        Arbitrary<String> atom = Arbitraries.of("vip", "null", "true", "false", "id > 0", "amount < 100",
                "country = 'US'", "country like '%'", "id in (1, 0, null)", "day is null", "at > DATE '2000-01-01'",
                "amount between 0 and 200", "country not in ('DE')");
        return Arbitraries.recursive(() -> atom, inner -> Arbitraries.oneOf(
                Combinators.combine(inner, Arbitraries.of("and", "or"), inner).as((l, op, r) -> "(" + l + ") " + op
                        + " (" + r + ")"),
                inner.map(x -> "not (" + x + ")")), 0, 3);
    }

    private static Arbitrary<String> atoms() {
        return Arbitraries.frequencyOf(
                Tuple.of(4, Arbitraries.of("id", "amount", "country", "vip", "day", "at", "doc", "\"first name\"",
                        "`first name`", "ID", "amout", "\"no such\"")),
                Tuple.of(2, Arbitraries.longs().map(String::valueOf)),
                Tuple.of(1, Arbitraries.of("0", "1", "-1", "2.5", "1e308", ".5", "9223372036854775807", "0.0")),
                Tuple.of(2, Arbitraries.strings().withChars("aUS%_' é").ofMaxLength(5)
                        .map(s -> "'" + s.replace("'", "''") + "'")),
                Tuple.of(1, Arbitraries.of("true", "false", "null", "NULL", "DATE '2024-01-31'",
                        "TIMESTAMP '2024-01-31 10:00:00'", "date('2024-02-30')", "'2024-01-31'")));
    }

    private static Arbitrary<String> expression(int depth) {
        if (depth == 0) {
            return atoms();
        }
        Arbitrary<String> sub = Arbitraries.lazy(() -> expression(depth - 1));
        // Operands are mostly parenthesised: bare ones make chains such as a = b = c that only test the parser.
        Arbitrary<String> operand = Arbitraries.frequencyOf(Tuple.of(1, sub), Tuple.of(3, sub.map(x -> "(" + x + ")")));
        Arbitrary<String> binary = Combinators.combine(operand, Arbitraries.of("+", "-", "*", "/", "%", "=", "==",
                "!=", "<>", "<", "<=", ">", ">=", "and", "or", "||", "AND", "Or"), operand)
                .as((l, op, r) -> l + " " + op + " " + r);
        Arbitrary<String> call = Combinators.combine(Arbitraries.of("lower", "upper", "trim", "ltrim", "rtrim",
                        "length", "substr", "substring", "replace", "concat", "starts_with", "ends_with", "contains",
                        "abs",
                        "round", "floor", "ceil", "sqrt", "pow", "ln", "exp", "least", "greatest", "coalesce", "nullif",
                        "ifnull", "year", "month", "day", "hour", "minute", "second", "day_of_week", "date_trunc", "to_long",
                        "to_double", "to_string", "to_bool", "to_date", "to_timestamp", "date", "timestamp", "if",
                        "LOWER", "nope"), sub.list().ofMaxSize(3))
                .as((f, args) -> f + "(" + String.join(", ", args) + ")");
        Arbitrary<String> special = Arbitraries.oneOf(
                sub.map(x -> "(" + x + ")"),
                operand.map(x -> "-" + x),
                operand.map(x -> "not " + x),
                operand.map(x -> x + " is null"),
                operand.map(x -> x + " is not null"),
                Combinators.combine(operand, operand.list().ofMinSize(1).ofMaxSize(4), Arbitraries.of("in", "not in"))
                        .as((x, l, op) -> x + " " + op + " (" + String.join(", ", l) + ")"),
                Combinators.combine(operand, operand).as((x, p) -> x + " like " + p),
                Combinators.combine(operand, operand, operand).as((x, lo, hi) -> x + " between " + lo + " and " + hi),
                Combinators.combine(operand, operand, operand)
                        .as((c, a, b) -> "case when " + c + " then " + a + " else " + b + " end"),
                Combinators.combine(operand, Arbitraries.of("long", "double", "string", "bool", "date", "timestamp",
                        "json", "int")).as((x, t) -> "cast(" + x + " as " + t + ")"));
        return Arbitraries.frequencyOf(Tuple.of(2, atoms()), Tuple.of(3, binary), Tuple.of(2, call),
                Tuple.of(2, special));
    }
}
