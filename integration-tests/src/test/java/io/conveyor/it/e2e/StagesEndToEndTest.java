package io.conveyor.it.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.conveyor.api.OptionSpec;
import io.conveyor.api.StageDescriptor;
import io.conveyor.api.StageFactory;
import io.conveyor.engine.internal.stages.BuiltinStages;
import io.conveyor.it.e2e.ConveyorProcess.Outcome;
import java.io.InputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code conveyor stages} as a process: every built-in stage of the engine's catalogue is listed,
 * each with its description and one line per option (name, type, required or default, and its
 * description with the allowed values). The catalogue is read from the {@link BuiltinStages} of
 * the engine inside the jar, so a stage added there and missing from the listing fails here.
 */
class StagesEndToEndTest {
    /** The built-ins of this release: the listing must show at least these. */
    private static final List<String> EXPECTED = List.of("source.csv", "source.json", "source.stdin",
            "transform.filter", "transform.select", "transform.map", "transform.rename", "transform.cast",
            "transform.limit", "transform.sort", "transform.distinct", "transform.union", "transform.group_by",
            "transform.join", "transform.validate", "transform.json_extract", "transform.flatten",
            "transform.encrypt", "transform.decrypt", "sink.csv", "sink.json", "sink.stdout");

    @TempDir
    Path dir;

    private Outcome stages(String... more) throws Exception {
        List<String> args = new ArrayList<>(List.of("stages"));
        args.addAll(List.of(more));
        return new ConveyorProcess(dir, dir.resolve("tmp")).run(args.toArray(new String[0]));
    }

    @Test
    void listsEveryBuiltinStageWithEachOfItsOptions() throws Exception {
        Outcome o = stages();
        assertEquals(0, o.exit(), o::toString);
        assertFalse(o.stderr().contains("\tat "), () -> "stack trace on stderr:\n" + o);
        Map<String, StageFactory> builtins = builtinsOfTheJar();
        assertTrue(builtins.keySet().containsAll(EXPECTED), "the jar's catalogue has every built-in: "
                + builtins.keySet());
        List<String> missing = new ArrayList<>();
        for (Map.Entry<String, StageFactory> e : builtins.entrySet()) {
            String section = section(o.stdout(), e.getKey());
            if (section == null) {
                missing.add(e.getKey());
                continue;
            }
            assertSection(e.getKey(), e.getValue().descriptor(), section);
        }
        assertEquals(List.of(), missing, "built-in stages missing from `conveyor stages`:\n" + o.stdout());
    }

    @Test
    void listsThePluginsStagesAfterTheBuiltins() throws Exception {
        Outcome o = stages();
        assertEquals(0, o.exit(), o::toString);
        String last = new TreeMap<>(builtinsOfTheJar()).lastKey();
        int lastBuiltin = o.stdout().indexOf("\n" + last + "  (built-in");
        assertTrue(lastBuiltin > 0, o::toString);
        for (String plugin : List.of("plugin.http.", "plugin.mongodb.")) {
            int at = o.stdout().indexOf("\n" + plugin);
            assertTrue(at > lastBuiltin, plugin + " listed after the built-ins\n" + o.stdout());
        }
        assertFalse(o.stdout().contains(": not loaded: "), "every bundled plugin loads\n" + o.stdout());
    }

    @Test
    void oneStageByNameIsNotACommandAndSaysSo() throws Exception {
        Outcome o = stages("transform.join");
        assertEquals(2, o.exit(), o::toString);
        assertEquals("", o.stdout());
        assertTrue(o.stderr().contains("unexpected argument 'transform.join'"), o::toString);
        assertFalse(o.stderr().contains("\tat "), o::toString);
    }

    /**
     * The catalogue of the engine bundle inside {@code conveyor.jar}, the one the process runs:
     * the engine bundle on this test's class path comes from the shared local repository and may
     * be another build. Engine classes load from the jar's bundle first; the API from this class
     * path, so its descriptors are this test's types.
     */
    @SuppressWarnings("unchecked")
    private Map<String, StageFactory> builtinsOfTheJar() throws Exception {
        Path engine = dir.resolve("engine-bundle.jar");
        if (!Files.exists(engine)) {
            try (ZipFile jar = new ZipFile(ConveyorProcess.LAUNCHER.toFile())) {
                ZipEntry entry = jar.stream().filter(e -> e.getName().matches("bundles/core/engine-bundle-.*\\.jar"))
                        .findFirst().orElseThrow(() -> new AssertionError("no engine bundle in conveyor.jar"));
                try (InputStream in = jar.getInputStream(entry)) {
                    Files.copy(in, engine);
                }
            }
        }
        ClassLoader loader = new URLClassLoader(new URL[] {engine.toUri().toURL()}, getClass().getClassLoader()) {
            @Override
            protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
                if (!name.startsWith("io.conveyor.engine.")) {
                    return super.loadClass(name, resolve);
                }
                synchronized (getClassLoadingLock(name)) {
                    Class<?> c = findLoadedClass(name);
                    return c != null ? c : findClass(name);
                }
            }
        };
        Class<?> catalogue = loader.loadClass(BuiltinStages.class.getName());
        Object standard = catalogue.getMethod("standard").invoke(null);
        return new TreeMap<>((Map<String, StageFactory>) catalogue.getMethod("all").invoke(standard));
    }

    /** @return the lines of {@code type}'s section (its header to the blank line after it), or null */
    private static String section(String listing, String type) {
        String head = type + "  (built-in";
        int start = listing.startsWith(head) ? 0 : listing.indexOf("\n" + head);
        if (start < 0) {
            return null;
        }
        int end = listing.indexOf("\n\n", start + 1);
        return listing.substring(start == 0 ? 0 : start + 1, end < 0 ? listing.length() : end + 1);
    }

    private static void assertSection(String type, StageDescriptor d, String section) {
        String header = section.lines().findFirst().orElseThrow();
        assertEquals(type + "  (built-in" + (d.isBlocking() ? ", blocking" : "") + ")", header, section);
        if (d.description() != null && !d.description().isEmpty()) {
            assertTrue(section.contains("\n  " + d.description() + "\n"), type + ": description\n" + section);
        }
        if (d.options().isEmpty()) {
            assertTrue(section.contains("\n  no options\n"), type + "\n" + section);
            return;
        }
        assertTrue(section.matches("(?s).*\\n  option +type +required/default +description\\n.*"),
                type + ": options table header\n" + section);
        for (OptionSpec opt : d.options()) {
            String need = opt.isRequired() ? "required"
                    : opt.defaultValue() != null ? "default " + opt.defaultValue() : "optional";
            String text = opt.description();
            if (!opt.allowedValues().isEmpty()) {
                text += (text.isEmpty() ? "" : " ") + "(one of: " + String.join(", ", opt.allowedValues()) + ")";
            }
            Pattern line = Pattern.compile("(?m)^  " + Pattern.quote(opt.name()) + " +" + Pattern.quote(opt.type().id())
                    + " +" + Pattern.quote(need) + " +" + Pattern.quote(text.isEmpty() ? "-" : text) + "$");
            if (!line.matcher(section).find()) {
                fail(type + ": option '" + opt.name() + "' not shown as " + line + "\n" + section);
            }
        }
    }
}
