package io.conveyor.it.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where the build put what the integration tests need; surefire passes these as system
 * properties (see {@code integration-tests/pom.xml}).
 */
public final class ItPaths {
    private ItPaths() {
    }

    /** @return {@code target/bundles}: {@code core/}, {@code scr/}, {@code plugins/http/}, {@code plugins/mongodb/} */
    public static Path bundles() {
        return property("conveyor.it.bundles");
    }

    /** @return {@code target/bundles/scr}: SCR and the bundles it needs */
    public static Path scrDir() {
        return bundles().resolve("scr");
    }

    /** @return {@code target/bundles/plugins}: one folder per real plugin */
    public static Path realPlugins() {
        return bundles().resolve("plugins");
    }

    /** @return the api-bundle jar, the class path fixtures are built against */
    public static Path apiJar() {
        return property("conveyor.it.api.jar");
    }

    /**
     * @param prefix a name for the directory
     * @return a new, empty directory under {@code target/it-work}
     */
    public static Path newWorkDir(String prefix) throws IOException {
        Path work = property("conveyor.it.work");
        Files.createDirectories(work);
        return Files.createTempDirectory(work, prefix + "-");
    }

    private static Path property(String name) {
        String v = System.getProperty(name);
        if (v == null) {
            throw new IllegalStateException("system property " + name + " is not set; run the tests through Maven (mvn -pl integration-tests verify)");
        }
        return Path.of(v).toAbsolutePath().normalize();
    }
}
