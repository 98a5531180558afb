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
                "-XX:MaxHeapFreeRatio=30"), ChildJvmOptions.defaults(List.of(), Map.of(), 2 * GB, 17, false));
    }

    @Test
    void aCollectorTheUserNamesOnTheCommandLineWins() {
        for (String chosen : List.of("-XX:+UseG1GC", "-XX:+UseParallelGC", "-XX:+UseZGC", "-XX:-UseSerialGC")) {
            assertEquals(RATIOS, ChildJvmOptions.defaults(List.of("-Xmx8g", chosen), Map.of(), 8 * GB, 17, false), chosen);
        }
    }

    @Test
    void eitherHeapFreeRatioTheUserSetsKeepsBothOfOursOut() {
        // Our minimum of 10 beside a user's maximum of 5 would stop the JVM.
        for (String chosen : List.of("-XX:MaxHeapFreeRatio=5", "-XX:MinHeapFreeRatio=40")) {
            assertEquals(List.of("-XX:+UseSerialGC", "-Xmn160m", "-XX:SurvivorRatio=2"),
                    ChildJvmOptions.defaults(List.of(chosen), Map.of(), 2 * GB, 17, false), chosen);
        }
    }

    @Test
    void whatTheUserSetsInTheInheritedEnvironmentWins() {
        for (String variable : ChildJvmOptions.OPTION_VARIABLES) {
            assertEquals(RATIOS, ChildJvmOptions.defaults(List.of(),
                    Map.of(variable, "  -Xss2m   -XX:+UseParallelGC "), 2 * GB, 17, false), variable);
            assertEquals(List.of(), ChildJvmOptions.defaults(List.of(),
                    Map.of(variable, "-XX:+UseG1GC -XX:MaxHeapFreeRatio=50"), 2 * GB, 17, false), variable);
        }
    }

    @Test
    void optionsThatDecideNeitherKeepTheDefaults() {
        assertEquals(List.of("-XX:+UseSerialGC", "-Xmn160m", "-XX:SurvivorRatio=2", "-XX:MinHeapFreeRatio=10",
                        "-XX:MaxHeapFreeRatio=30"),
                ChildJvmOptions.defaults(
                        List.of("-XX:MaxRAMPercentage=50", "-XX:+UseStringDeduplication", "-XX:+UseCompressedOops"),
                        Map.of("JAVA_TOOL_OPTIONS", "-Xmx1g", "OTHER", "-XX:+UseG1GC -XX:MaxHeapFreeRatio=5"), GB, 17, false));
    }

    @Test
    void theYoungGenerationIsSizedOnlyWhenTheHeapHasRoomAndTheUserLeftItAlone() {
        // A heap under four times the young generation (a small container, -Xmx512m) keeps the JVM's sizing.
        assertEquals(List.of("-XX:+UseSerialGC", "-XX:MinHeapFreeRatio=10", "-XX:MaxHeapFreeRatio=30"),
                ChildJvmOptions.defaults(List.of("-Xmx512m"), Map.of(), 512L * 1024 * 1024, 17, false));
        assertEquals(List.of("-XX:+UseSerialGC", "-Xmn160m", "-XX:SurvivorRatio=2", "-XX:MinHeapFreeRatio=10",
                "-XX:MaxHeapFreeRatio=30"), ChildJvmOptions.defaults(List.of(), Map.of(), 640L * 1024 * 1024, 17, false));
        for (String chosen : List.of("-Xmn64m", "-XX:NewSize=32m", "-XX:MaxNewSize=300m", "-XX:NewRatio=3",
                "-XX:SurvivorRatio=6")) {
            assertEquals(List.of("-XX:+UseSerialGC", "-XX:MinHeapFreeRatio=10", "-XX:MaxHeapFreeRatio=30"),
                    ChildJvmOptions.defaults(List.of(chosen), Map.of(), 8 * GB, 17, false), chosen);
            assertEquals(List.of("-XX:+UseSerialGC", "-XX:MinHeapFreeRatio=10", "-XX:MaxHeapFreeRatio=30"),
                    ChildJvmOptions.defaults(List.of(), Map.of("JDK_JAVA_OPTIONS", chosen), 8 * GB, 17, false), chosen);
        }
        // Another collector sizes its own generations.
        assertEquals(RATIOS, ChildJvmOptions.defaults(List.of("-XX:+UseParallelGC"), Map.of(), 8 * GB, 17, false));
    }

    @Test
    void fromJava24TheChildIsToldFelixMayUseUnsafeUnlessTheUserSaysOtherwise() {
        // Java 24 prints a four-line warning on stderr at every run otherwise (Felix's SecureAction).
        assertEquals(List.of("-XX:+UseSerialGC", "-Xmn160m", "-XX:SurvivorRatio=2", "-XX:MinHeapFreeRatio=10",
                "-XX:MaxHeapFreeRatio=30", "--sun-misc-unsafe-memory-access=allow"),
                ChildJvmOptions.defaults(List.of(), Map.of(), 2 * GB, 25, false));
        assertEquals(RATIOS, ChildJvmOptions.defaults(List.of("-XX:+UseG1GC", "--sun-misc-unsafe-memory-access=warn"),
                Map.of(), 2 * GB, 24, false));
        assertEquals(RATIOS, ChildJvmOptions.defaults(List.of("-XX:+UseG1GC"),
                Map.of("JDK_JAVA_OPTIONS", "--sun-misc-unsafe-memory-access=deny"), 2 * GB, 24, false));
        // Java 23 and before: no warning, and the option may not exist.
        assertEquals(RATIOS, ChildJvmOptions.defaults(List.of("-XX:+UseG1GC"), Map.of(), 2 * GB, 23, false));
    }

    @Test
    void withC2LoopsAreUnrolledLessUnlessTheUserSetsTheLimit() {
        assertEquals(List.of("-XX:+UseSerialGC", "-Xmn160m", "-XX:SurvivorRatio=2", "-XX:MinHeapFreeRatio=10",
                "-XX:MaxHeapFreeRatio=30", "-XX:LoopUnrollLimit=16"),
                ChildJvmOptions.defaults(List.of(), Map.of(), 2 * GB, 17, true));
        assertEquals(RATIOS, ChildJvmOptions.defaults(List.of("-XX:+UseG1GC", "-XX:LoopUnrollLimit=60"),
                Map.of(), 2 * GB, 17, true));
        assertEquals(RATIOS, ChildJvmOptions.defaults(List.of("-XX:+UseG1GC"),
                Map.of("JAVA_TOOL_OPTIONS", "-XX:LoopUnrollLimit=4"), 2 * GB, 17, true));
        assertEquals(List.of("-XX:LoopUnrollLimit=16"),
                ChildJvmOptions.defaults(List.of("-XX:+UseG1GC", "-XX:MaxHeapFreeRatio=40"), Map.of(), 2 * GB, 17, true));
    }

    @Test
    void onlyHotSpotsServerVmIsKnownToHaveC2() {
        assertEquals(true, ChildJvmOptions.hasServerCompiler("OpenJDK 64-Bit Server VM"));
        assertEquals(true, ChildJvmOptions.hasServerCompiler("Java HotSpot(TM) 64-Bit Server VM"));
        for (String other : List.of("OpenJDK 64-Bit Zero VM", "OpenJDK Client VM", "OpenJDK 64-Bit Minimal VM",
                "Eclipse OpenJ9 VM", "")) {
            assertEquals(false, ChildJvmOptions.hasServerCompiler(other), other);
        }
        // This JVM: the tests run on HotSpot's server VM.
        assertEquals(ChildJvmOptions.hasServerCompiler(System.getProperty("java.vm.name")),
                ChildJvmOptions.defaults(List.of(), Map.of()).contains("-XX:LoopUnrollLimit=16"));
    }
}
