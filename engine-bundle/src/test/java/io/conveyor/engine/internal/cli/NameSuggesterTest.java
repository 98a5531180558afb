package io.conveyor.engine.internal.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import org.junit.jupiter.api.Test;

class NameSuggesterTest {
    @Test
    void countsInsertionsDeletionsSubstitutionsAndTranspositions() {
        assertEquals(0, NameSuggester.distance("run", "run"));
        assertEquals(1, NameSuggester.distance("rn", "run"));
        assertEquals(1, NameSuggester.distance("rum", "run"));
        assertEquals(1, NameSuggester.distance("urn", "run"));
        assertEquals(3, NameSuggester.distance("", "run"));
    }

    @Test
    void suggestsOnlyCloseNames() {
        List<String> known = List.of("plugins", "stages", "validate", "run");
        assertEquals("plugins", NameSuggester.nearest("plugns", known));
        assertEquals("run", NameSuggester.nearest("rnu", known));
        assertNull(NameSuggester.nearest("deploy", known));
    }
}
