package io.conveyor.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarOutputStream;
import java.util.zip.ZipEntry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BundleSourceTest {
    @TempDir
    Path dir;

    private static List<String> received(BundleSource source) throws Exception {
        List<String> got = new ArrayList<>();
        int n = source.eachCoreBundle((location, in) ->
                got.add(location + " = " + new String(in.readAllBytes(), StandardCharsets.UTF_8)));
        assertEquals(got.size(), n);
        return got;
    }

    @Test
    void readsCoreBundlesFromInsideTheJarSortedAndNothingElse() throws Exception {
        Path jar = dir.resolve("conveyor.jar");
        try (OutputStream out = Files.newOutputStream(jar); JarOutputStream j = new JarOutputStream(out)) {
            for (String name : List.of("bundles/core/b.jar", "bundles/core/a.jar", "bundles/scr/scr.jar",
                    "bundles/core/nested/c.jar", "bundles/core/readme.txt", "bundles/plugins/http/http.jar")) {
                j.putNextEntry(new ZipEntry(name));
                j.write(name.getBytes(StandardCharsets.UTF_8));
                j.closeEntry();
            }
        }
        String uri = jar.toUri().toString();
        assertEquals(List.of("jar:" + uri + "!/bundles/core/a.jar = bundles/core/a.jar",
                "jar:" + uri + "!/bundles/core/b.jar = bundles/core/b.jar"), received(new BundleSource(jar)));
    }

    @Test
    void readsCoreBundlesFromAClassDirectory() throws Exception {
        Path core = Files.createDirectories(dir.resolve("bundles/core"));
        Files.writeString(core.resolve("z.jar"), "z");
        Files.writeString(core.resolve("api.jar"), "api");
        Files.writeString(core.resolve("notes.txt"), "not a bundle");
        assertEquals(List.of(core.resolve("api.jar").toUri() + " = api", core.resolve("z.jar").toUri() + " = z"),
                received(new BundleSource(dir)));
    }
}
