package io.conveyor.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalInt;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.zip.ZipEntry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Relaunches a small real jar (main class {@link EchoMain}) in child JVMs, as
 * {@code java -jar conveyor.jar} does: training, publishing, arguments and exit status, and
 * every fallback to running in-process.
 */
class ArchivedRelaunchTest {
    private static final Path JAVA = Path.of(System.getProperty("java.home"), "bin", "java");

    @TempDir
    Path dir;

    /** @return a jar holding {@link EchoMain} (and the classes it names) as its main class */
    private Path echoJar() throws IOException, URISyntaxException {
        Path classes = Path.of(EchoMain.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        Path mainClasses = Path.of(ArchivedRelaunch.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, EchoMain.class.getName());
        Path jar = dir.resolve("echo.jar");
        try (OutputStream out = Files.newOutputStream(jar); JarOutputStream j = new JarOutputStream(out, manifest)) {
            for (Path c : List.of(classes.resolve("io/conveyor/launcher/EchoMain.class"),
                    mainClasses.resolve("io/conveyor/launcher/ArchivedRelaunch.class"))) {
                j.putNextEntry(new ZipEntry("io/conveyor/launcher/" + c.getFileName()));
                j.write(Files.readAllBytes(c));
                j.closeEntry();
            }
        }
        return jar;
    }

    private ArchivedRelaunch relaunch(Path jar, ClassArchive archive) {
        return new ArchivedRelaunch(JAVA, jar, List.of("-Decho.property=from the parent", "-Xmx64m"), archive);
    }

    @Test
    void theFirstRunTrainsAnArchiveThenTheChildGetsTheArgumentsAndItsStatusComesBack() throws Exception {
        Path jar = echoJar();
        ClassArchive archive = new ClassArchive(dir.resolve("cache"), ClassArchive.key(jar, List.of("-Xmx64m")));
        Path out = dir.resolve("out.txt");
        OptionalInt status = relaunch(jar, archive).run(
                new String[] {out.toString(), "7", "run", "a b.toml", "--log-level", "debug", ""});
        assertEquals(OptionalInt.of(7), status);
        assertTrue(archive.exists(), "the training run's archive was published: " + archive);
        assertEquals(List.of("child=true", "property=from the parent", "run", "a b.toml", "--log-level", "debug", ""),
                Files.readAllLines(out));
        try (var left = Files.list(dir.resolve("cache"))) {
            assertEquals(List.of(archive.path()), left.toList(), "no scratch file is left");
        }
        // The second run maps the archive it finds and trains no more.
        long made = Files.getLastModifiedTime(archive.path()).toMillis();
        assertEquals(OptionalInt.of(0), relaunch(jar, archive).run(new String[] {out.toString(), "0", "again"}));
        assertEquals(List.of("child=true", "property=from the parent", "again"), Files.readAllLines(out));
        assertEquals(made, Files.getLastModifiedTime(archive.path()).toMillis());
    }

    @Test
    void aStaleOrDamagedArchiveIsIgnoredByTheChild() throws Exception {
        Path jar = echoJar();
        ClassArchive archive = new ClassArchive(dir.resolve("cache"), "stale");
        Files.createDirectories(dir.resolve("cache"));
        Files.writeString(archive.path(), "not an archive at all");
        Path out = dir.resolve("out.txt");
        assertEquals(OptionalInt.of(3), relaunch(jar, archive).run(new String[] {out.toString(), "3", "x"}));
        assertEquals(List.of("child=true", "property=from the parent", "x"), Files.readAllLines(out));
    }

    @Test
    void anUnwritableCacheFallsBackToRunningInThisJvm() throws Exception {
        Path jar = echoJar();
        Path blocked = Files.writeString(dir.resolve("blocked"), "a file where the cache directory should be");
        ClassArchive archive = new ClassArchive(blocked.resolve("conveyor"), "k");
        Path out = dir.resolve("out.txt");
        assertEquals(OptionalInt.empty(), relaunch(jar, archive).run(new String[] {out.toString(), "0"}));
        assertFalse(Files.exists(out), "no child ran");
    }

    @Test
    void aFailedTrainingRunPublishesNothingAndFallsBack() throws Exception {
        // A jar whose main class does not exist: the training JVM fails.
        Path jar = dir.resolve("broken.jar");
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, "no.such.Main");
        try (OutputStream o = Files.newOutputStream(jar); JarOutputStream j = new JarOutputStream(o, manifest)) {
            j.putNextEntry(new ZipEntry("x.txt"));
            j.closeEntry();
        }
        ClassArchive archive = new ClassArchive(dir.resolve("cache"), "k");
        assertEquals(OptionalInt.empty(), relaunch(jar, archive).run(new String[] {"x"}));
        assertFalse(archive.exists());
        try (var left = Files.list(dir.resolve("cache"))) {
            assertEquals(List.of(), left.toList(), "no scratch file is left");
        }
    }

    @Test
    void theChildCommandMapsTheArchiveQuietlyAndIsMarked() {
        ClassArchive archive = new ClassArchive(dir, "k");
        List<String> command = new ArchivedRelaunch(JAVA, Path.of("/opt/conveyor.jar"),
                List.of("-Decho.property=from the parent", "-Xmx64m"), archive, false).childCommand(new String[] {"t.toml", "-q"});
        assertEquals(List.of(JAVA.toString(), "-Xlog:cds=off", "-Xlog:cds+dynamic=off",
                "-Decho.property=from the parent", "-Xmx64m", "-Dconveyor.launch.child=true",
                "-Dconveyor.system.packages=" + archive.systemPackagesFile(), "-XX:SharedArchiveFile=" + archive.path(),
                "-Xshare:auto", "-jar", "/opt/conveyor.jar", "t.toml", "-q"), command);
    }

    @Test
    void onceTheTrainingRunsClassesAreListedTheChildIsToldWhereTheListIs() throws IOException {
        ClassArchive archive = new ClassArchive(dir, "k");
        assertTrue(archive.publishClassList(List.of("io.conveyor.engine.internal.EngineActivator")));
        List<String> command = new ArchivedRelaunch(JAVA, Path.of("/opt/conveyor.jar"), List.of(), archive, false)
                .childCommand(new String[] {"t.toml"});
        assertEquals(List.of(JAVA.toString(), "-Xlog:cds=off", "-Xlog:cds+dynamic=off", "-Dconveyor.launch.child=true",
                "-Dconveyor.system.packages=" + archive.systemPackagesFile(),
                "-Dconveyor.preload.classes=" + archive.classListFile(), "-XX:SharedArchiveFile=" + archive.path(),
                "-Xshare:auto", "-jar", "/opt/conveyor.jar", "t.toml"), command);
    }

    @Test
    void theTrainingRunLogsClassLoadingOnlyToAFileItsOptionCanName() {
        assertTrue(ArchivedRelaunch.plainLogPath(Path.of("/home/ann/.cache/conveyor/conveyor-k.1.2.tmp")));
        assertTrue(ArchivedRelaunch.plainLogPath(Path.of("/home/ann b/.cache/x.tmp")));
        for (String odd : List.of("/c:/x.tmp", "/home/100%/x.tmp", "/a,b/x.tmp", "/a\"b/x.tmp")) {
            assertFalse(ArchivedRelaunch.plainLogPath(Path.of(odd)), odd);
        }
    }

    @Test
    void aSmallRunsChildGetsTheQuickCompilerAloneUnlessTheUserChoseCompilers() throws IOException {
        ClassArchive archive = new ClassArchive(dir, "k");
        Path pipeline = dir.resolve("p.toml");
        Files.writeString(pipeline, "[[stages]]\nid = \"in\"\ntype = \"source.csv\"\nconfig = { path = \"in.csv\" }\n");
        Files.writeString(dir.resolve("in.csv"), "a\n1\n");
        String[] args = {"run", pipeline.toString(), "-q"};
        List<String> quick = new ArchivedRelaunch(JAVA, Path.of("/opt/conveyor.jar"), List.of("-Xmx64m"), archive, true)
                .childCommand(args);
        assertEquals(List.of(JAVA.toString(), "-Xlog:cds=off", "-Xlog:cds+dynamic=off", CompilerChoice.QUICK_ONLY,
                CompilerChoice.LATER_COMPILES, "-Xmx64m", "-Dconveyor.launch.child=true", "-Dconveyor.system.packages=" + archive.systemPackagesFile(),
                "-XX:SharedArchiveFile=" + archive.path(), "-Xshare:auto", "-jar",
                "/opt/conveyor.jar", "run", pipeline.toString(), "-q"), quick);
        List<String> users = new ArchivedRelaunch(JAVA, Path.of("/opt/conveyor.jar"),
                List.of("-XX:TieredStopAtLevel=4"), archive, true).childCommand(args);
        assertEquals(1, users.stream().filter(o -> o.startsWith("-XX:TieredStopAtLevel")).count(), users.toString());
        assertTrue(users.contains("-XX:TieredStopAtLevel=4"));
        assertFalse(new ArchivedRelaunch(JAVA, Path.of("/opt/conveyor.jar"), List.of(), archive, false)
                .childCommand(args).contains(CompilerChoice.QUICK_ONLY), "a JVM without C2 has nothing to choose");
    }

    @Test
    void insideAChildOrWhenTurnedOffOrNotStartedFromTheJarItRunsHere() throws Exception {
        BundleSource jar = new BundleSource(echoJar());
        assertEquals(OptionalInt.empty(), ArchivedRelaunch.runInChild(new String[] {"x"}, jar),
                "this test JVM was not started with -jar echo.jar");
        System.setProperty(ArchivedRelaunch.CHILD_PROPERTY, "true");
        try {
            assertEquals(OptionalInt.empty(), ArchivedRelaunch.runInChild(new String[] {"x"}, jar));
        } finally {
            System.clearProperty(ArchivedRelaunch.CHILD_PROPERTY);
        }
        assertEquals(OptionalInt.empty(), ArchivedRelaunch.runInChild(new String[] {"x"}, new BundleSource(dir)),
                "a class directory (development build) has no jar to relaunch");
    }
}
