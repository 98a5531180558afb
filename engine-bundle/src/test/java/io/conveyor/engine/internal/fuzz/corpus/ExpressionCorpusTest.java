package io.conveyor.engine.internal.fuzz.corpus;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.conveyor.engine.internal.fuzz.ExpressionFuzzTest;
import net.jqwik.api.Example;

/** Expressions with which ExpressionFuzzTest found a bug, kept as regression cases. */
class ExpressionCorpusTest {
    /**
     * Found by wellTypedConditionsFilterExactlyTheTrueRows: a bare {@code null} as a filter
     * condition was typed as a string (the type an untyped null gets in a map column) and
     * rejected as "not true or false"; as a condition it is now a bool that no row passes.
     */
    @Example
    void aBareNullIsAConditionNoRowPasses() throws Exception {
        assertEquals(ExpressionFuzzTest.Outcome.FILTERED, ExpressionFuzzTest.run("null"));
        assertEquals(ExpressionFuzzTest.Outcome.FILTERED, ExpressionFuzzTest.run("not (null)"));
    }
}
