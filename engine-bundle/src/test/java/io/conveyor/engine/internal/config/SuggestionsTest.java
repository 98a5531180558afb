package io.conveyor.engine.internal.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import org.junit.jupiter.api.Test;

class SuggestionsTest {
    @Test
    void suggestsNamesWithinTwoEditsBestFirst() {
        assertEquals(List.of("filter", "filters"), Suggestions.nearest("filtr", List.of("select", "filters", "filter")));
        assertEquals("did you mean 'transform.filter'?",
                Suggestions.hint("transform.filtr", List.of("transform.filter", "transform.flatten", "sink.csv")));
    }

    @Test
    void countsASwapOfNeighboursAsOneEdit() {
        assertEquals(1, Suggestions.distance("mehtod", "method"));
        assertEquals("did you mean 'method'?", Suggestions.hint("mehtod", List.of("url", "method")));
    }

    @Test
    void matchesIgnoringCaseAheadOfOtherNearNames() {
        assertEquals(List.of("GET", "SET"), Suggestions.nearest("get", List.of("SET", "GET")));
        assertEquals("did you mean 'LongerName'?", Suggestions.hint("lONGERnAME", List.of("LongerName")));
    }

    @Test
    void suggestsNothingWhenNothingIsNear() {
        assertNull(Suggestions.hint("database", List.of("url", "method", "headers")));
        assertNull(Suggestions.hint("x", List.of("id", "ab")));
        assertEquals(List.of(), Suggestions.nearest("same", List.of("same")));
    }
}
