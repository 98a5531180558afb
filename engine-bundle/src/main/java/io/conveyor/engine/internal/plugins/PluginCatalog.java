package io.conveyor.engine.internal.plugins;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.jar.JarEntry;
import java.util.function.Consumer;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * The places plugins are looked for, in order: the plugin directories ({@code --plugin-dir},
 * then {@code CONVEYOR_PLUGIN_PATH}, then {@code plugins/} next to the launcher jar), then
 * the plugins bundled inside the launcher jar ({@code bundles/plugins/NAME/*.jar}).
 *
 * <p>A plugin directory may hold a self-contained plugin jar (its manifest says
 * {@code Conveyor-Plugin: NAME}) or a folder {@code NAME/} holding the plugin jar and its
 * library bundles.
 */
final class PluginCatalog {
    private static final String LAUNCHER_PLUGINS = "bundles/plugins/";

    /** What {@link #find} found: a plugin, a named candidate that is not a plugin, or nothing. */
    record Lookup(PluginSource source, String problem) {
    }

    private final List<Path> dirs;
    private final Path launcherJar;
    private final Consumer<String> warnings;

    /**
     * @param dirs plugin directories in search order (missing ones are listed as searched)
     * @param launcherJar the launcher jar, or null when not running from it
     * @param warnings told about each {@code .jar} file that cannot be read (it is skipped,
     *                 so one broken file does not hide every other plugin)
     */
    PluginCatalog(List<Path> dirs, Path launcherJar, Consumer<String> warnings) {
        this.dirs = List.copyOf(dirs);
        this.launcherJar = launcherJar;
        this.warnings = warnings;
    }

    /** @return each place searched, as the not-found message lists them */
    List<String> searched() {
        List<String> out = new ArrayList<>();
        for (Path d : dirs) {
            out.add(d + (Files.isDirectory(d) ? "" : " (missing)"));
        }
        if (launcherJar != null) {
            out.add(launcherJar + "!/" + LAUNCHER_PLUGINS.substring(0, LAUNCHER_PLUGINS.length() - 1));
        }
        return out;
    }

    /**
     * @param name a plugin name
     * @return the first plugin of that name on the path; else, if a jar or folder named
     *         after it lacks the {@code Conveyor-Plugin} header, that problem; else neither
     */
    Lookup find(String name) throws IOException {
        String problem = null;
        for (Path dir : dirs) {
            if (!Files.isDirectory(dir)) {
                continue;
            }
            Path folder = dir.resolve(name);
            if (Files.isDirectory(folder)) {
                List<BundleArchive> jars = jarsIn(folder);
                PluginSource source = fromFolder(name, folder.toString(), jars);
                if (source != null) {
                    return new Lookup(source, null);
                }
                if (problem == null && !jars.isEmpty() && jars.stream().allMatch(j -> j.pluginName() == null)) {
                    problem = missingHeader(name, jars.get(0));
                }
            }
            for (BundleArchive jar : jarsIn(dir)) {
                if (name.equals(jar.pluginName())) {
                    return new Lookup(new PluginSource(name, jar.displayName(), jar, List.of()), null);
                }
                if (problem == null && jar.pluginName() == null
                        && Path.of(jar.displayName()).getFileName().toString().equals(name + ".jar")) {
                    problem = missingHeader(name, jar);
                }
            }
        }
        if (launcherJar != null && Files.isRegularFile(launcherJar)) {
            try (JarFile jf = new JarFile(launcherJar.toFile())) {
                List<BundleArchive> jars = launcherFolder(jf, name);
                PluginSource source = fromFolder(name, launcherJar.getFileName() + "!/" + LAUNCHER_PLUGINS + name, jars);
                if (source != null) {
                    return new Lookup(source, null);
                }
                if (problem == null && !jars.isEmpty()) {
                    problem = missingHeader(name, jars.get(0));
                }
            }
        }
        return new Lookup(null, problem);
    }

    /** @return every plugin on the path by name, the first of each name (the one {@link #find} picks) */
    Map<String, PluginSource> available() throws IOException {
        Map<String, PluginSource> out = new TreeMap<>();
        for (Path dir : dirs) {
            if (!Files.isDirectory(dir)) {
                continue;
            }
            try (Stream<Path> entries = Files.list(dir)) {
                for (Path p : entries.sorted().toList()) {
                    if (Files.isDirectory(p)) {
                        PluginSource s = fromFolder(p.getFileName().toString(), p.toString(), jarsIn(p));
                        if (s != null) {
                            out.putIfAbsent(s.name(), s);
                        }
                    }
                }
            }
            for (BundleArchive jar : jarsIn(dir)) {
                if (jar.pluginName() != null) {
                    out.putIfAbsent(jar.pluginName(), new PluginSource(jar.pluginName(), jar.displayName(), jar, List.of()));
                }
            }
        }
        if (launcherJar != null && Files.isRegularFile(launcherJar)) {
            try (JarFile jf = new JarFile(launcherJar.toFile())) {
                for (String folder : launcherFolders(jf)) {
                    PluginSource s = fromFolder(folder, launcherJar.getFileName() + "!/" + LAUNCHER_PLUGINS + folder,
                            launcherFolder(jf, folder));
                    if (s != null) {
                        out.putIfAbsent(s.name(), s);
                    }
                }
            }
        }
        return out;
    }

    /**
     * Splits a plugin folder into the plugin bundle (the jar whose header names the plugin)
     * and its libraries.
     */
    private static PluginSource fromFolder(String name, String where, List<BundleArchive> jars) {
        BundleArchive plugin = null;
        for (BundleArchive j : jars) {
            if (name.equals(j.pluginName())) {
                plugin = j;
                break;
            }
        }
        if (plugin == null) {
            return null;
        }
        List<BundleArchive> libraries = new ArrayList<>(jars);
        libraries.remove(plugin);
        return new PluginSource(name, where, plugin, libraries);
    }

    private static String missingHeader(String name, BundleArchive jar) {
        return "Plugin '" + name + "': bundle " + jar.displayName() + " has no 'Conveyor-Plugin' manifest header; add 'Conveyor-Plugin: "
                + name + "' to its bnd instructions";
    }

    private List<BundleArchive> jarsIn(Path dir) throws IOException {
        List<BundleArchive> out = new ArrayList<>();
        try (Stream<Path> entries = Files.list(dir)) {
            for (Path p : entries.filter(p -> p.getFileName().toString().endsWith(".jar") && Files.isRegularFile(p))
                    .sorted().toList()) {
                try {
                    out.add(BundleArchive.onDisk(p));
                } catch (IOException e) {
                    warnings.accept("skipping " + p.toAbsolutePath() + ": it is not a readable jar (" + e.getMessage() + ")");
                }
            }
        }
        return out;
    }

    private List<BundleArchive> launcherFolder(JarFile jf, String folder) throws IOException {
        return launcherJars(launcherJar, jf, LAUNCHER_PLUGINS + folder + "/");
    }

    /**
     * @param launcher the launcher jar
     * @param jf the same, open
     * @param prefix an entry folder ending in {@code /}
     * @return the {@code .jar} entries directly in that folder, by name
     */
    static List<BundleArchive> launcherJars(Path launcher, JarFile jf, String prefix) throws IOException {
        List<String> names = new ArrayList<>();
        for (Enumeration<JarEntry> e = jf.entries(); e.hasMoreElements(); ) {
            String n = e.nextElement().getName();
            if (n.startsWith(prefix) && n.endsWith(".jar") && n.indexOf('/', prefix.length()) < 0) {
                names.add(n);
            }
        }
        Collections.sort(names);
        List<BundleArchive> out = new ArrayList<>();
        for (String n : names) {
            out.add(BundleArchive.inLauncher(launcher, jf, n));
        }
        return out;
    }

    private static List<String> launcherFolders(JarFile jf) {
        Map<String, Boolean> folders = new LinkedHashMap<>();
        for (Enumeration<JarEntry> e = jf.entries(); e.hasMoreElements(); ) {
            String n = e.nextElement().getName();
            if (n.startsWith(LAUNCHER_PLUGINS)) {
                int slash = n.indexOf('/', LAUNCHER_PLUGINS.length());
                if (slash > LAUNCHER_PLUGINS.length()) {
                    folders.put(n.substring(LAUNCHER_PLUGINS.length(), slash), true);
                }
            }
        }
        List<String> out = new ArrayList<>(folders.keySet());
        Collections.sort(out);
        return out;
    }

    /**
     * @param explicit {@code --plugin-dir} values
     * @param pluginPath the {@code CONVEYOR_PLUGIN_PATH} value, may be null
     * @param launcherJar the launcher jar, may be null
     * @return the directories in search order, without repeats
     */
    static List<Path> searchPath(List<Path> explicit, String pluginPath, Path launcherJar) {
        List<Path> out = new ArrayList<>();
        for (Path p : explicit) {
            add(out, p);
        }
        for (Path p : splitPath(pluginPath)) {
            add(out, p);
        }
        if (launcherJar != null && launcherJar.getParent() != null) {
            add(out, launcherJar.getParent().resolve("plugins"));
        }
        return out;
    }

    /**
     * @param pluginPath directories separated by the platform's path separator, may be null
     * @return them in order, blanks left out
     */
    static List<Path> splitPath(String pluginPath) {
        List<Path> out = new ArrayList<>();
        if (pluginPath != null) {
            for (String part : pluginPath.split(File.pathSeparator)) {
                if (!part.isBlank()) {
                    out.add(Path.of(part.strip()));
                }
            }
        }
        return out;
    }

    private static void add(List<Path> out, Path p) {
        Path abs = p.toAbsolutePath().normalize();
        if (!out.contains(abs)) {
            out.add(abs);
        }
    }
}
