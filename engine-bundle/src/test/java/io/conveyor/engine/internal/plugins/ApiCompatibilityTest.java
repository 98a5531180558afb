package io.conveyor.engine.internal.plugins;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ApiCompatibilityTest {
    private static Map<String, String> importing(String imports) {
        return Map.of("Import-Package", imports);
    }

    @Test
    void currentConsumerRangeIsAccepted() {
        assertNull(ApiCompatibility.problem("http", importing("org.slf4j;version=\"[1.7,2)\",io.conveyor.api;version=\"[0.3,0.4)\"")));
        assertEquals("[0.3,0.4)", ApiCompatibility.apiRange(importing("io.conveyor.api;version=\"[0.3,0.4)\"")));
    }

    @Test
    void olderAndNewerRangesNameTheirLowerBound() {
        assertEquals("Plugin API version mismatch: plugin=0.2.0, host=0.3.0",
                ApiCompatibility.problem("x", importing("io.conveyor.api;version=\"[0.2,0.3)\"")));
        assertEquals("Plugin API version mismatch: plugin=0.4.0, host=0.3.0",
                ApiCompatibility.problem("x", importing("io.conveyor.api;version=\"[0.4.0.beta,0.5)\"")));
        assertEquals("Plugin API version mismatch: plugin=0.3.1, host=0.3.0",
                ApiCompatibility.problem("x", importing("io.conveyor.api;version=0.3.1")));
    }

    @Test
    void importWithoutVersionAcceptsAnyApi() {
        assertNull(ApiCompatibility.problem("x", importing("io.conveyor.api")));
    }

    @Test
    void missingImportAndBadRangeSayWhatToDo() {
        assertEquals("Plugin 'x' does not import io.conveyor.api; rebuild it against the Conveyor API 0.3.0",
                ApiCompatibility.problem("x", importing("org.slf4j")));
        assertEquals("Plugin 'x' does not import io.conveyor.api; rebuild it against the Conveyor API 0.3.0",
                ApiCompatibility.problem("x", Map.of()));
        assertEquals("Plugin 'x' imports io.conveyor.api with an invalid version range \"[0.3\"; rebuild it against"
                + " the Conveyor API 0.3.0", ApiCompatibility.problem("x", importing("io.conveyor.api;version=\"[0.3\"")));
    }
}
