package io.conveyor.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ParentCommandLineTest {
    private static final Path WORK = Path.of("/home/u/work");
    private static final Path JAR = Path.of("/opt/conveyor/conveyor.jar");

    private static Optional<ParentCommandLine> parse(String... args) {
        return ParentCommandLine.parse(List.of(args), JAR, WORK);
    }

    @Test
    void theOptionsBeforeDashJarAreKeptInOrder() {
        Optional<ParentCommandLine> p = parse("-Xmx2g", "-Dx=1", "-jar", "/opt/conveyor/conveyor.jar", "t.toml", "-q");
        assertEquals(List.of("-Xmx2g", "-Dx=1"), p.orElseThrow().jvmOptions());
    }

    @Test
    void aRelativeJarPathResolvesAgainstTheWorkingDirectory() {
        Path jar = WORK.resolve("launcher/target/conveyor.jar");
        Optional<ParentCommandLine> p = ParentCommandLine.parse(
                List.of("-jar", "launcher/../launcher/target/conveyor.jar", "t.toml"), jar, WORK);
        assertEquals(List.of(), p.orElseThrow().jvmOptions());
    }

    @Test
    void anotherJarAClassPathOrAnArgumentFileMeansNoRelaunch() {
        assertTrue(parse("-jar", "/opt/other.jar", "t.toml").isEmpty());
        assertTrue(parse("-cp", "/opt/conveyor/conveyor.jar", "io.conveyor.launcher.Main", "t.toml").isEmpty());
        assertTrue(parse("@opts", "-jar", "/opt/conveyor/conveyor.jar").isEmpty());
        assertTrue(parse("-m", "conveyor/io.conveyor.launcher.Main").isEmpty());
        assertTrue(parse("io.conveyor.launcher.Main", "-jar").isEmpty());
        assertTrue(parse().isEmpty());
    }

    @Test
    void optionsThatManageSharingOrSignalsThemselvesAreLeftAlone() {
        assertTrue(new ParentCommandLine(List.of("-XX:SharedArchiveFile=a.jsa")).managesSharingItself());
        assertTrue(new ParentCommandLine(List.of("-XX:ArchiveClassesAtExit=a.jsa")).managesSharingItself());
        assertTrue(new ParentCommandLine(List.of("-Xshare:off")).managesSharingItself());
        assertTrue(new ParentCommandLine(List.of("-Xrs")).managesSharingItself());
        assertFalse(new ParentCommandLine(List.of("-Xmx1g", "-Dconveyor.trace.startup")).managesSharingItself());
    }

    @Test
    void systemPropertiesAndLoggingDoNotDecideWhichArchiveFits() {
        ParentCommandLine p = new ParentCommandLine(
                List.of("-Djava.io.tmpdir=/tmp/x", "-Xmx1g", "-Xlog:gc", "--add-opens=java.base/java.lang=ALL-UNNAMED"));
        assertEquals(List.of("-Xmx1g", "--add-opens=java.base/java.lang=ALL-UNNAMED"), p.archiveRelevantOptions());
    }

    @Test
    void theLinuxCommandLineIsSplitAtNulAndTheExecutableDropped() {
        byte[] raw = "/usr/bin/java\0-Dname=a b\0-jar\0c.jar\0\0t.toml\0".getBytes(StandardCharsets.UTF_8);
        assertEquals(List.of("-Dname=a b", "-jar", "c.jar", "", "t.toml"),
                ParentCommandLine.splitAtNul(raw, StandardCharsets.UTF_8));
        assertEquals(List.of(), ParentCommandLine.splitAtNul(new byte[0], StandardCharsets.UTF_8));
    }

    @Test
    void theTestJvmWasNotStartedWithDashJarSoItIsNotRelaunched() {
        // Surefire starts its fork with a class path: running Main.main inside a test never forks.
        assertTrue(ParentCommandLine.ofThisProcess(JAR).isEmpty());
    }
}
