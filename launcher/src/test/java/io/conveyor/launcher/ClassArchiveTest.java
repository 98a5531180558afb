package io.conveyor.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.jar.JarOutputStream;
import java.util.zip.ZipEntry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClassArchiveTest {
    @TempDir
    Path dir;

    /** Writes a jar with one entry and pins its time stamp, so only the content differs. */
    private Path jar(String name, String content) throws IOException {
        Path jar = dir.resolve(name);
        try (OutputStream out = Files.newOutputStream(jar); JarOutputStream j = new JarOutputStream(out)) {
            ZipEntry e = new ZipEntry("bundles/core/a.txt");
            e.setTime(0);
            j.putNextEntry(e);
            j.write(content.getBytes(StandardCharsets.UTF_8));
            j.closeEntry();
        }
        Files.setLastModifiedTime(jar, FileTime.fromMillis(1_700_000_000_000L));
        return jar;
    }

    @Test
    void theKeyIsStableForTheSameJarAndOptions() throws IOException {
        Path jar = jar("a.jar", "one");
        assertEquals(ClassArchive.key(jar, List.of("-Xmx1g")), ClassArchive.key(jar, List.of("-Xmx1g")));
    }

    @Test
    void theKeyChangesWithTheContentEvenAtTheSameSizeAndTime() throws IOException {
        Path a = jar("a.jar", "one");
        Path b = jar("b.jar", "two");
        assertEquals(Files.size(a), Files.size(b), "precondition: same size");
        assertNotEquals(ClassArchive.key(a, List.of()), ClassArchive.key(b, List.of()));
    }

    @Test
    void theKeyChangesWithTheTimeStampAndTheOptions() throws IOException {
        Path jar = jar("a.jar", "one");
        String before = ClassArchive.key(jar, List.of());
        assertNotEquals(before, ClassArchive.key(jar, List.of("-Xmx1g")));
        Files.setLastModifiedTime(jar, FileTime.fromMillis(1_800_000_000_000L));
        assertNotEquals(before, ClassArchive.key(jar, List.of()), "the JVM rejects an archive of a touched jar");
    }

    @Test
    void theKeyChangesWithThePathOfAnIdenticalJar() throws IOException {
        Path a = jar("a.jar", "one");
        Path copy = Files.createDirectories(dir.resolve("elsewhere")).resolve("a.jar");
        Files.copy(a, copy, java.nio.file.StandardCopyOption.COPY_ATTRIBUTES);
        assertEquals(Files.getLastModifiedTime(a), Files.getLastModifiedTime(copy), "precondition: same time stamp");
        assertNotEquals(ClassArchive.key(a, List.of()), ClassArchive.key(copy, List.of()),
                "the JVM refuses an archive made for the jar at another path");
    }

    @Test
    void aFileThatIsNotAJarHasNoKeyAndSoNoArchive() throws IOException {
        Path notJar = Files.writeString(dir.resolve("x.jar"), "not a zip");
        assertTrue(ClassArchive.of(notJar, List.of()).isEmpty());
    }

    @Test
    void theCacheDirectoryCanBeNamedOrTurnedOff() {
        String old = System.getProperty(ClassArchive.CACHE_DIR_PROPERTY);
        try {
            System.setProperty(ClassArchive.CACHE_DIR_PROPERTY, dir.toString());
            assertEquals(dir, ClassArchive.cacheDir().orElseThrow());
            System.setProperty(ClassArchive.CACHE_DIR_PROPERTY, "");
            assertTrue(ClassArchive.cacheDir().isEmpty());
            System.clearProperty(ClassArchive.CACHE_DIR_PROPERTY);
            assertTrue(ClassArchive.cacheDir().orElseThrow().endsWith("conveyor"));
        } finally {
            if (old == null) {
                System.clearProperty(ClassArchive.CACHE_DIR_PROPERTY);
            } else {
                System.setProperty(ClassArchive.CACHE_DIR_PROPERTY, old);
            }
        }
    }

    @Test
    void publishingRenamesTheScratchFileIntoPlace() throws IOException {
        ClassArchive archive = new ClassArchive(dir.resolve("cache"), "k1");
        assertFalse(archive.exists());
        Path scratch = archive.newScratchFile();
        assertEquals(dir.resolve("cache"), scratch.getParent(), "the cache directory is created, the rename stays on one disk");
        Files.writeString(scratch, "archive");
        assertTrue(archive.publish(scratch));
        assertTrue(archive.exists());
        assertFalse(Files.exists(scratch));
        assertEquals("archive", Files.readString(archive.path()));
    }

    @Test
    void anEmptyOrMissingScratchFileIsNotPublished() throws IOException {
        ClassArchive archive = new ClassArchive(dir.resolve("cache"), "k1");
        Path scratch = archive.newScratchFile();
        assertFalse(archive.publish(scratch), "the training JVM wrote nothing");
        Files.createFile(scratch);
        assertFalse(archive.publish(scratch), "an empty file");
        assertFalse(archive.exists());
        assertFalse(Files.exists(scratch), "and it is cleaned up");
    }

    @Test
    void publishingDeletesOldArchivesOfOtherJarsButKeepsRecentOnes() throws IOException {
        Path cache = Files.createDirectories(dir.resolve("cache"));
        Path old = Files.writeString(cache.resolve("conveyor-old.jsa"), "x");
        Files.setLastModifiedTime(old, FileTime.from(Instant.now().minus(Duration.ofDays(60))));
        Path recent = Files.writeString(cache.resolve("conveyor-recent.jsa"), "x");
        Path unrelated = Files.writeString(cache.resolve("notes.txt"), "x");
        Files.setLastModifiedTime(unrelated, FileTime.from(Instant.now().minus(Duration.ofDays(60))));
        ClassArchive archive = new ClassArchive(cache, "k1");
        Path scratch = archive.newScratchFile();
        Files.writeString(scratch, "archive");
        assertTrue(archive.publish(scratch));
        assertFalse(Files.exists(old));
        assertTrue(Files.exists(recent));
        assertTrue(Files.exists(unrelated), "only conveyor's own files are touched");
    }

    /** Writes a family (archive, bundles, packages, class list) of {@code key} last used {@code age} ago. */
    private static List<Path> family(Path cache, String key, Duration age) throws IOException {
        FileTime when = FileTime.from(Instant.now().minus(age));
        Path jsa = Files.writeString(cache.resolve("conveyor-" + key + ".jsa"), "x");
        Path bundles = Files.createDirectories(cache.resolve("conveyor-" + key + ".bundles"));
        Files.writeString(bundles.resolve("api.jar"), "x");
        Path packages = Files.writeString(cache.resolve("conveyor-" + key + ".packages"), "x");
        Path classes = Files.writeString(cache.resolve("conveyor-" + key + ".classes"), "x");
        for (Path p : List.of(jsa, bundles, packages, classes)) {
            Files.setLastModifiedTime(p, when);
        }
        return List.of(jsa, bundles, packages, classes);
    }

    private static boolean allExist(List<Path> files) {
        return files.stream().allMatch(Files::exists);
    }

    private static boolean noneExist(List<Path> files) {
        return files.stream().noneMatch(Files::exists);
    }

    @Test
    void pruningKeepsTheNewestFamiliesAndDeletesTheRestWhole() throws IOException {
        Path cache = Files.createDirectories(dir.resolve("cache"));
        ClassArchive current = new ClassArchive(cache, "k0");
        List<Path> mine = family(cache, "k0", Duration.ofDays(90));
        List<Path> newest = family(cache, "k1", Duration.ofHours(1));
        List<Path> second = family(cache, "k2", Duration.ofHours(2));
        List<Path> third = family(cache, "k3", Duration.ofHours(3));
        List<Path> fourth = family(cache, "k4", Duration.ofDays(2));
        Path scratch = Files.writeString(cache.resolve("conveyor-k4.bundles.12.34.tmp"), "x");
        Files.setLastModifiedTime(scratch, FileTime.from(Instant.now().minus(Duration.ofDays(2))));
        current.prune();
        assertTrue(allExist(mine), "this jar's family is never pruned, however old");
        assertTrue(allExist(newest) && allExist(second), "with this one, the " + ClassArchive.KEEP + " most recently used");
        assertTrue(noneExist(third) && noneExist(fourth), "the older ones go, bundles and package lists included");
        assertFalse(Files.exists(scratch), "and their scratch files");
    }

    @Test
    void pruningNeverDeletesAFamilyInUseOrAFileThatIsNotConveyors() throws IOException {
        Path cache = Files.createDirectories(dir.resolve("cache"));
        ClassArchive current = new ClassArchive(cache, "k0");
        List<Path> justUsed = new java.util.ArrayList<>();
        for (int i = 1; i <= 5; i++) {
            justUsed.addAll(family(cache, "u" + i, Duration.ofMinutes(i)));
        }
        Path old = Files.writeString(cache.resolve("notes.txt"), "x");
        Files.setLastModifiedTime(old, FileTime.from(Instant.now().minus(Duration.ofDays(90))));
        current.prune();
        assertTrue(allExist(justUsed), "runs may be starting with any family used in the last "
                + ClassArchive.IN_USE_MINUTES + " minutes, however many there are");
        assertTrue(Files.exists(old));
    }

    @Test
    void pruningDeletesFamiliesUnusedForAMonthEvenWhenFewRemain() throws IOException {
        Path cache = Files.createDirectories(dir.resolve("cache"));
        List<Path> stale = family(cache, "k1", Duration.ofDays(ClassArchive.UNUSED_DAYS + 1));
        new ClassArchive(cache, "k0").prune();
        assertTrue(noneExist(stale));
    }

    @Test
    void usingAnArchiveMarksItsFamilyRecentlyUsedSoPruningKeepsIt() throws IOException {
        Path cache = Files.createDirectories(dir.resolve("cache"));
        List<Path> used = family(cache, "old", Duration.ofDays(40));
        List<Path> newer = new java.util.ArrayList<>();
        for (int i = 1; i <= 3; i++) {
            newer.addAll(family(cache, "n" + i, Duration.ofDays(i)));
        }
        new ClassArchive(cache, "old").markUsed();
        assertTrue(Files.getLastModifiedTime(used.get(0)).toInstant().isAfter(Instant.now().minus(Duration.ofMinutes(1))));
        new ClassArchive(cache, "k0").prune();
        assertTrue(allExist(used), "a family a run has just marked is in use");
        assertFalse(allExist(newer), "the others are pruned as usual");
    }

    @Test
    void theClassListIsPublishedWholeBesideTheArchiveAndNeverEmpty() throws IOException {
        Path cache = Files.createDirectories(dir.resolve("cache"));
        ClassArchive archive = new ClassArchive(cache, "k1");
        assertFalse(archive.publishClassList(List.of()), "an empty list is no list");
        assertFalse(Files.exists(archive.classListFile()));
        assertTrue(archive.publishClassList(List.of("io.conveyor.engine.A", "io.conveyor.api.B")));
        assertEquals(cache.resolve("conveyor-k1.classes"), archive.classListFile());
        assertEquals(List.of("io.conveyor.engine.A", "io.conveyor.api.B"), Files.readAllLines(archive.classListFile()));
        assertTrue(archive.publishClassList(List.of("io.conveyor.engine.C")), "another run's list replaces it");
        assertEquals(List.of("io.conveyor.engine.C"), Files.readAllLines(archive.classListFile()));
        try (var files = Files.list(cache)) {
            assertEquals(List.of(archive.classListFile()), files.toList(), "no scratch file is left");
        }
        ClassArchive blocked = new ClassArchive(Files.writeString(dir.resolve("file"), "x").resolve("c"), "k1");
        assertFalse(blocked.publishClassList(List.of("io.conveyor.engine.A")), "an unusable cache: no list, no failure");
    }

    @Test
    void markingAMissingArchiveIsHarmless() {
        new ClassArchive(dir.resolve("nowhere"), "k").markUsed();
        assertFalse(Files.exists(dir.resolve("nowhere")));
    }

    @Test
    void cacheFilesBelongToTheFamilyOfTheirKey() {
        assertEquals("a-1", ClassArchive.familyOf("conveyor-a-1.jsa"));
        assertEquals("a-1", ClassArchive.familyOf("conveyor-a-1.bundles"));
        assertEquals("a-1", ClassArchive.familyOf("conveyor-a-1.packages"));
        assertEquals("a-1", ClassArchive.familyOf("conveyor-a-1.123.456.tmp"));
        assertEquals("a-1", ClassArchive.familyOf("conveyor-a-1.bundles.123.456.tmp"));
        assertEquals("a-1", ClassArchive.familyOf("conveyor-a-1.packages.123.456.tmp"));
        assertEquals("a-1", ClassArchive.familyOf("conveyor-a-1.classes"));
        assertEquals("a-1", ClassArchive.familyOf("conveyor-a-1.classes.123.456.tmp"));
        assertEquals(null, ClassArchive.familyOf("conveyor-a-1.txt"));
        assertEquals(null, ClassArchive.familyOf("other-a-1.jsa"));
    }

    @Test
    void anUnusableCacheDirectoryGivesNoScratchFile() throws IOException {
        // A file where the directory should be: fails for every user, root included.
        Path blocked = Files.writeString(dir.resolve("blocked"), "x");
        ClassArchive archive = new ClassArchive(blocked.resolve("conveyor"), "k1");
        org.junit.jupiter.api.Assertions.assertThrows(IOException.class, archive::newScratchFile);
        assertFalse(archive.exists());
    }
}
