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

    @Test
    void anUnusableCacheDirectoryGivesNoScratchFile() throws IOException {
        // A file where the directory should be: fails for every user, root included.
        Path blocked = Files.writeString(dir.resolve("blocked"), "x");
        ClassArchive archive = new ClassArchive(blocked.resolve("conveyor"), "k1");
        org.junit.jupiter.api.Assertions.assertThrows(IOException.class, archive::newScratchFile);
        assertFalse(archive.exists());
    }
}
