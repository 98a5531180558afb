package io.conveyor.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ChildJvmOptionsTest {
    private static final List<String> RATIOS = List.of("-XX:MinHeapFreeRatio=10", "-XX:MaxHeapFreeRatio=30");
    private static final long GB = 1024L * 1024 * 1024;

    @Test
    void withoutAUserChoiceOurDefaultsGoBeforeTheUsersOptions() {
        List<String> ours = ChildJvmOptions.defaults(List.of("-Xmx2g", "-Dx=y"), Map.of());
        List<String> all = new java.util.ArrayList<>(ours);
        all.addAll(List.of("-Xmx2g", "-Dx=y"));
        assertEquals(all, ChildJvmOptions.withDefaults(List.of("-Xmx2g", "-Dx=y"), Map.of()));
        assertEquals(List.of("-XX:+UseSerialGC", "-Xmn160m", "-XX:SurvivorRatio=2", "-XX:MinHeapFreeRatio=10",
                "-XX:MaxHeapFreeRatio=30"), ChildJvmOptions.defaults(List.of(), Map.of(), 2 * GB));
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
            assertEquals(List.of("-XX:+UseSerialGC", "-Xmn160m", "-XX:SurvivorRatio=2"),
                    ChildJvmOptions.defaults(List.of(chosen), Map.of(), 2 * GB), chosen);
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
        assertEquals(List.of("-XX:+UseSerialGC", "-Xmn160m", "-XX:SurvivorRatio=2", "-XX:MinHeapFreeRatio=10",
                        "-XX:MaxHeapFreeRatio=30"),
                ChildJvmOptions.defaults(
                        List.of("-XX:MaxRAMPercentage=50", "-XX:+UseStringDeduplication", "-XX:+UseCompressedOops"),
                        Map.of("JAVA_TOOL_OPTIONS", "-Xmx1g", "OTHER", "-XX:+UseG1GC -XX:MaxHeapFreeRatio=5"), GB));
    }

    @Test
    void theYoungGenerationIsSizedOnlyWhenTheHeapHasRoomAndTheUserLeftItAlone() {
        // A heap under four times the young generation (a small container, -Xmx512m) keeps the JVM's sizing.
        assertEquals(List.of("-XX:+UseSerialGC", "-XX:MinHeapFreeRatio=10", "-XX:MaxHeapFreeRatio=30"),
                ChildJvmOptions.defaults(List.of("-Xmx512m"), Map.of(), 512L * 1024 * 1024));
        assertEquals(List.of("-XX:+UseSerialGC", "-Xmn160m", "-XX:SurvivorRatio=2", "-XX:MinHeapFreeRatio=10",
                "-XX:MaxHeapFreeRatio=30"), ChildJvmOptions.defaults(List.of(), Map.of(), 640L * 1024 * 1024));
        for (String chosen : List.of("-Xmn64m", "-XX:NewSize=32m", "-XX:MaxNewSize=300m", "-XX:NewRatio=3",
                "-XX:SurvivorRatio=6")) {
            assertEquals(List.of("-XX:+UseSerialGC", "-XX:MinHeapFreeRatio=10", "-XX:MaxHeapFreeRatio=30"),
                    ChildJvmOptions.defaults(List.of(chosen), Map.of(), 8 * GB), chosen);
            assertEquals(List.of("-XX:+UseSerialGC", "-XX:MinHeapFreeRatio=10", "-XX:MaxHeapFreeRatio=30"),
                    ChildJvmOptions.defaults(List.of(), Map.of("JDK_JAVA_OPTIONS", chosen), 8 * GB), chosen);
        }
        // Another collector sizes its own generations.
        assertEquals(RATIOS, ChildJvmOptions.defaults(List.of("-XX:+UseParallelGC"), Map.of(), 8 * GB));
    }
}
