package io.conveyor.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ChildJvmOptionsTest {
    private static final List<String> RATIOS = List.of("-XX:MinHeapFreeRatio=10", "-XX:MaxHeapFreeRatio=30");

    @Test
    void withoutAUserChoiceOurDefaultsGoBeforeTheUsersOptions() {
        assertEquals(List.of("-XX:+UseSerialGC", "-XX:MinHeapFreeRatio=10", "-XX:MaxHeapFreeRatio=30", "-Xmx2g", "-Dx=y"),
                ChildJvmOptions.withDefaults(List.of("-Xmx2g", "-Dx=y"), Map.of()));
        assertEquals(List.of("-XX:+UseSerialGC", "-XX:MinHeapFreeRatio=10", "-XX:MaxHeapFreeRatio=30"),
                ChildJvmOptions.withDefaults(List.of(), Map.of()));
    }

    @Test
    void aCollectorTheUserNamesOnTheCommandLineWins() {
        for (String chosen : List.of("-XX:+UseG1GC", "-XX:+UseParallelGC", "-XX:+UseZGC", "-XX:-UseSerialGC")) {
            assertEquals(RATIOS, ChildJvmOptions.defaults(List.of("-Xmx8g", chosen), Map.of()), chosen);
        }
    }

    @Test
    void eitherHeapFreeRatioTheUserSetsKeepsBothOfOursOut() {
        // Our minimum of 10 beside a user's maximum of 5 would stop the JVM.
        for (String chosen : List.of("-XX:MaxHeapFreeRatio=5", "-XX:MinHeapFreeRatio=40")) {
            assertEquals(List.of("-XX:+UseSerialGC", chosen),
                    ChildJvmOptions.withDefaults(List.of(chosen), Map.of()), chosen);
        }
    }

    @Test
    void whatTheUserSetsInTheInheritedEnvironmentWins() {
        for (String variable : ChildJvmOptions.OPTION_VARIABLES) {
            assertEquals(RATIOS, ChildJvmOptions.defaults(List.of(),
                    Map.of(variable, "  -Xss2m   -XX:+UseParallelGC ")), variable);
            assertEquals(List.of(), ChildJvmOptions.defaults(List.of(),
                    Map.of(variable, "-XX:+UseG1GC -XX:MaxHeapFreeRatio=50")), variable);
        }
    }

    @Test
    void optionsThatDecideNeitherKeepTheDefaults() {
        assertEquals(List.of("-XX:+UseSerialGC", "-XX:MinHeapFreeRatio=10", "-XX:MaxHeapFreeRatio=30"),
                ChildJvmOptions.defaults(
                        List.of("-XX:MaxRAMPercentage=50", "-XX:+UseStringDeduplication", "-XX:+UseCompressedOops"),
                        Map.of("JAVA_TOOL_OPTIONS", "-Xmx1g", "OTHER", "-XX:+UseG1GC -XX:MaxHeapFreeRatio=5")));
    }
}
