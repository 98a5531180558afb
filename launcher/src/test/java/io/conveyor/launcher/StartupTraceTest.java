package io.conveyor.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** What the start-up trace says of the JVM's compilers: the last compiler option decides. */
class StartupTraceTest {
    @Test
    void theLastCompilerOptionDecides() {
        assertEquals("C1 and C2", StartupTrace.compilers(List.of("-Xmx1g", "-Dconveyor.trace.startup")));
        assertEquals("C1 only", StartupTrace.compilers(List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC")));
        assertEquals("C1 and C2", StartupTrace.compilers(List.of("-XX:TieredStopAtLevel=1", "-XX:TieredStopAtLevel=4")));
        assertEquals("C2 only", StartupTrace.compilers(List.of("-XX:-TieredCompilation")));
        assertEquals("none (interpreter only)", StartupTrace.compilers(List.of("-XX:TieredStopAtLevel=1", "-Xint")));
        assertEquals("C1 only, compile thresholds x4", StartupTrace.compilers(
                List.of("-XX:TieredStopAtLevel=1", "-XX:CompileThresholdScaling=4")));
        assertEquals("none (interpreter only)", StartupTrace.compilers(List.of("-XX:CompileThresholdScaling=4", "-Xint")));
    }
}
