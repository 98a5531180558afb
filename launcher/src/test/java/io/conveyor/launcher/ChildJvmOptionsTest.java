package io.conveyor.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ChildJvmOptionsTest {
    @Test
    void withoutAUserChoiceTheSerialCollectorGoesBeforeTheUsersOptions() {
        assertEquals(List.of("-XX:+UseSerialGC", "-Xmx2g", "-Dx=y"),
                ChildJvmOptions.withDefaults(List.of("-Xmx2g", "-Dx=y"), Map.of()));
        assertEquals(List.of("-XX:+UseSerialGC"), ChildJvmOptions.withDefaults(List.of(), Map.of()));
    }

    @Test
    void aCollectorTheUserNamesOnTheCommandLineWins() {
        for (String chosen : List.of("-XX:+UseG1GC", "-XX:+UseParallelGC", "-XX:+UseZGC", "-XX:-UseSerialGC")) {
            assertEquals(List.of("-Xmx8g", chosen), ChildJvmOptions.withDefaults(List.of("-Xmx8g", chosen), Map.of()),
                    chosen);
        }
    }

    @Test
    void aCollectorTheUserNamesInTheInheritedEnvironmentWins() {
        for (String variable : ChildJvmOptions.OPTION_VARIABLES) {
            assertEquals(List.of(), ChildJvmOptions.defaults(List.of(),
                    Map.of(variable, "  -Xss2m   -XX:+UseParallelGC ")), variable);
        }
    }

    @Test
    void optionsThatChooseNoCollectorKeepTheDefault() {
        assertEquals(List.of("-XX:+UseSerialGC"), ChildJvmOptions.defaults(
                List.of("-XX:MaxRAMPercentage=50", "-XX:+UseStringDeduplication", "-XX:+UseCompressedOops"),
                Map.of("JAVA_TOOL_OPTIONS", "-Xmx1g", "OTHER", "-XX:+UseG1GC")));
    }
}
