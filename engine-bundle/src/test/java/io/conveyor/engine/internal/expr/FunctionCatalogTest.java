package io.conveyor.engine.internal.expr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Every function of the catalog has its type rule and its computation, which are made on first
 * use: only the special forms the binder builds itself (if, coalesce, ifnull) and the casts have
 * no computation of their own.
 */
class FunctionCatalogTest {
    private static final Set<String> BUILT_BY_THE_BINDER = Set.of("if", "coalesce", "ifnull", "to_long", "to_double",
            "to_string", "to_bool", "to_date", "to_timestamp", "date", "timestamp");

    @Test
    void everyFunctionHasItsRuleAndComputation() {
        List<String> names = new ArrayList<>();
        for (FunctionCatalog.Function f : FunctionCatalog.all()) {
            names.add(f.name());
            if (f.name().equals("if")) {
                assertEquals(null, f.typing(), "if is typed by the binder");
            } else {
                assertNotNull(f.typing(), f.name());
            }
            assertEquals(!BUILT_BY_THE_BINDER.contains(f.name()), f.impl() != null, f.name());
            assertTrue(f.usage().startsWith(f.name() + "("), f.usage());
        }
        assertEquals(List.of("abs", "ceil", "coalesce", "concat", "contains", "date", "date_trunc", "day", "day_of_week",
                "ends_with", "exp", "floor", "greatest", "hour", "if", "ifnull", "least", "length", "ln", "lower", "ltrim",
                "minute", "month", "nullif", "pow", "replace", "round", "rtrim", "second", "sqrt", "starts_with", "substr",
                "substring", "timestamp", "to_bool", "to_date", "to_double", "to_long", "to_string", "to_timestamp",
                "trim", "upper", "year"), names);
    }

    @Test
    void theSummaryListsEveryCallFormByGroup() {
        String summary = FunctionCatalog.summary();
        assertTrue(summary.startsWith("string: concat(a, b, ...), contains(s, text), "), summary);
        assertTrue(summary.contains("; casts (null when a value does not convert): date(x), timestamp(x), to_bool(x), "),
                summary);
        for (String name : FunctionCatalog.names()) {
            assertTrue(summary.contains(name + "("), name);
        }
    }
}
