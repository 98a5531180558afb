package io.conveyor.engine.internal.plugins;

import io.conveyor.api.ConveyorApi;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.osgi.framework.Constants;

/**
 * A bundle jar that may be installed: a file in a plugin directory, or an entry inside the
 * launcher jar (read in place, never extracted). Knows its manifest headers, where it is
 * (for messages) and the location string to install it under.
 */
final class BundleArchive {
    private static final String MANIFEST = "META-INF/MANIFEST.MF";

    private final String displayName;
    private final String location;
    private final Path file;
    private final String entry;
    private final Map<String, String> headers;

    private BundleArchive(String displayName, String location, Path file, String entry, Map<String, String> headers) {
        this.displayName = displayName;
        this.location = location;
        this.file = file;
        this.entry = entry;
        this.headers = headers;
    }

    /**
     * @param jar a jar file on disk
     * @return the archive
     * @throws IOException if it cannot be read as a jar
     */
    static BundleArchive onDisk(Path jar) throws IOException {
        try (JarFile jf = new JarFile(jar.toFile())) {
            Path abs = jar.toAbsolutePath().normalize();
            return new BundleArchive(abs.toString(), abs.toUri().toString(), abs, null, headersOf(jf.getManifest()));
        }
    }

    /**
     * @param launcher the launcher jar
     * @param jf the launcher jar, open
     * @param entry the entry naming a bundle, e.g. {@code bundles/plugins/http/http.jar}
     * @return the archive, installed later under {@code conveyor:plugins/http/http.jar}
     * @throws IOException if the entry cannot be read
     */
    static BundleArchive inLauncher(Path launcher, JarFile jf, String entry) throws IOException {
        ZipEntry ze = jf.getEntry(entry);
        if (ze == null) {
            throw new IOException("no entry " + entry + " in " + launcher);
        }
        Manifest manifest = null;
        try (ZipInputStream zin = new ZipInputStream(jf.getInputStream(ze))) {
            for (ZipEntry inner; (inner = zin.getNextEntry()) != null; ) {
                if (inner.getName().equals(MANIFEST)) {
                    manifest = new Manifest(zin);
                    break;
                }
            }
        }
        String relative = entry.startsWith("bundles/") ? entry.substring("bundles/".length()) : entry;
        return new BundleArchive(launcher.getFileName() + "!/" + entry, "conveyor:" + relative,
                launcher, entry, headersOf(manifest));
    }

    private static Map<String, String> headersOf(Manifest manifest) {
        Map<String, String> out = new LinkedHashMap<>();
        if (manifest != null) {
            for (Map.Entry<Object, Object> e : manifest.getMainAttributes().entrySet()) {
                out.put(((Attributes.Name) e.getKey()).toString(), String.valueOf(e.getValue()));
            }
        }
        return out;
    }

    /** @return the stream of the jar's bytes; the caller closes it */
    InputStream open() throws IOException {
        if (entry == null) {
            return Files.newInputStream(file);
        }
        JarFile jf = new JarFile(file.toFile());
        InputStream in = jf.getInputStream(jf.getEntry(entry));
        return new java.io.FilterInputStream(in) {
            @Override
            public void close() throws IOException {
                try {
                    super.close();
                } finally {
                    jf.close();
                }
            }
        };
    }

    /** @return the path (or {@code conveyor.jar!/entry}) shown in messages */
    String displayName() {
        return displayName;
    }

    String location() {
        return location;
    }

    Map<String, String> headers() {
        return headers;
    }

    /** @return the {@code Conveyor-Plugin} header, or null */
    String pluginName() {
        String v = headers.get(ConveyorApi.PLUGIN_HEADER);
        return v == null || v.isBlank() ? null : v.strip();
    }

    /** @return the Bundle-SymbolicName without directives, or null if this is no bundle */
    String symbolicName() {
        var clauses = ManifestHeader.parse(headers.get(Constants.BUNDLE_SYMBOLICNAME));
        return clauses.isEmpty() || clauses.get(0).paths().isEmpty() ? null : clauses.get(0).paths().get(0);
    }

    /** @return the Bundle-Version, {@code 0.0.0} if absent */
    String version() {
        String v = headers.get(Constants.BUNDLE_VERSION);
        return v == null ? "0.0.0" : v.strip();
    }

    boolean isFragment() {
        return headers.containsKey(Constants.FRAGMENT_HOST);
    }

    /** @return true if the bundle has Declarative Services components, so SCR must run */
    boolean needsScr() {
        return usesDeclarativeServices(headers);
    }

    /**
     * @param headers a bundle's manifest headers
     * @return true if it has Declarative Services components or requires the DS extender
     */
    static boolean usesDeclarativeServices(Map<String, String> headers) {
        if (headers.containsKey("Service-Component")) {
            return true;
        }
        for (ManifestHeader.Clause c : ManifestHeader.parse(headers.get(Constants.REQUIRE_CAPABILITY))) {
            String filter = c.directives().get(Constants.FILTER_DIRECTIVE);
            if (c.paths().contains("osgi.extender") && filter != null && filter.contains("osgi.extender=osgi.component")) {
                return true;
            }
        }
        return false;
    }

    @Override
    public String toString() {
        return displayName;
    }
}
