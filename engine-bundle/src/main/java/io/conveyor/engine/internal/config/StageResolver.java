package io.conveyor.engine.internal.config;

import io.conveyor.api.StageDescriptor;
import io.conveyor.api.StageFactory;
import io.conveyor.api.StageKind;
import io.conveyor.engine.internal.plugins.PluginInfo;
import io.conveyor.engine.internal.plugins.PluginLoader;
import io.conveyor.engine.internal.plugins.PluginStage;
import io.conveyor.engine.internal.stages.BuiltinStages;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Compiler pass 5: loads the plugins named in {@code [global].plugins} (each once), resolves
 * every stage type to a factory and checks the stage's number of inputs against what the
 * factory declares.
 *
 * <p>Types: {@code source.NAME}, {@code transform.NAME}, {@code sink.NAME} are built-ins;
 * {@code plugin.NAME} is the plugin's source when the stage has no inputs and its sink when
 * it has some (the module named like the plugin, else the only one of that kind);
 * {@code plugin.NAME.MODULE} names a module of the plugin explicitly.
 */
final class StageResolver {
    private final BuiltinStages builtins;
    private final PluginLoader plugins;
    private final TomlDocument doc;
    private final ProblemCollector problems;
    private final Set<String> listed = new LinkedHashSet<>();
    private final Set<String> loaded = new LinkedHashSet<>();
    /** The installed plugins' names, once listed ({@link #availablePlugins}). */
    private List<String> available;

    StageResolver(BuiltinStages builtins, PluginLoader plugins, TomlDocument doc, ProblemCollector problems) {
        this.builtins = builtins;
        this.plugins = plugins;
        this.doc = doc;
        this.problems = problems;
    }

    /**
     * Loads each listed plugin once; a failure is reported at its element of the array with
     * the loader's message as it is.
     *
     * @param names {@code [global].plugins}
     */
    void loadPlugins(List<LocatedString> names) {
        for (LocatedString name : names) {
            if (!listed.add(name.value())) {
                problems.add(doc.positionOf(name.path()), null, "global.plugins",
                        "plugin '" + name.value() + "' is listed twice", "remove one of them");
                continue;
            }
            String failure;
            try {
                failure = plugins.load(name.value());
            } catch (RuntimeException | LinkageError e) {
                failure = "Plugin '" + name.value() + "' failed to load: " + ThrowableText.of(e);
            }
            if (failure == null) {
                loaded.add(name.value());
            } else {
                problems.add(doc.positionOf(name.path()), null, "global.plugins", failure,
                        unknownPluginHint(name.value()));
            }
        }
    }

    private String unknownPluginHint(String name) {
        List<String> known = availablePlugins();
        return known.contains(name) ? null : Suggestions.hint(name, known);
    }

    /**
     * @return the names of the plugins found in the plugin folders (empty if they cannot be
     *         listed); read once per compile, as listing reads every jar's manifest (and warns
     *         about a broken one each time)
     */
    private List<String> availablePlugins() {
        if (available == null) {
            List<String> known = new ArrayList<>();
            try {
                for (PluginInfo info : plugins.plugins()) {
                    known.add(info.name());
                }
            } catch (RuntimeException | LinkageError e) {
                known.clear();
            }
            available = List.copyOf(known);
        }
        return available;
    }

    /**
     * @param stage a stage whose type is known to be a string
     * @return the resolved stage, or null when the type cannot be resolved (reported)
     */
    ResolvedStage resolve(StageDeclaration stage) {
        String type = stage.type();
        String[] parts = type.split("\\.", -1);
        ResolvedStage resolved;
        if (parts.length == 2 && StageKind.fromId(parts[0]) != null) {
            resolved = builtin(stage, type);
        } else if ((parts.length == 2 || parts.length == 3) && parts[0].equals("plugin")) {
            resolved = plugin(stage, parts[1], parts.length == 3 ? parts[2] : null);
        } else {
            reportType(stage, "unknown stage type '" + type + "'", typeHint(type));
            resolved = null;
        }
        if (resolved != null) {
            checkInputCount(stage, resolved);
        }
        return resolved;
    }

    private ResolvedStage builtin(StageDeclaration stage, String type) {
        StageFactory factory = builtins.get(type);
        if (factory == null) {
            reportType(stage, "unknown stage type '" + type + "'", typeHint(type));
            return null;
        }
        StageDescriptor descriptor = describe(stage, factory);
        return descriptor == null ? null : new ResolvedStage(factory, descriptor, null);
    }

    private String typeHint(String type) {
        List<String> candidates = new ArrayList<>(builtins.all().keySet());
        for (String name : listed) {
            candidates.add("plugin." + name);
        }
        String hint = Suggestions.hint(type, candidates);
        if (hint == null && listed.contains(type)) {
            hint = "did you mean 'plugin." + type + "'?";
        }
        return hint != null ? hint
                : "a type is source.NAME, transform.NAME, sink.NAME, plugin.NAME or plugin.NAME.MODULE; "
                + "'conveyor stages' lists them";
    }

    private ResolvedStage plugin(StageDeclaration stage, String name, String module) {
        if (!listed.contains(name)) {
            List<String> available = availablePlugins();
            if (available.contains(name)) {
                reportType(stage, "plugin '" + name + "' is not listed in [global].plugins; add it: plugins = [\""
                        + name + "\"]", null);
            } else {
                // Not a plugin at all: listing it would only fail again; the near name is the fix.
                List<String> near = Suggestions.nearest(name, available);
                reportType(stage, "unknown plugin '" + name + "'; " + (available.isEmpty() ? "no plugins are installed"
                        : "available plugins: " + String.join(", ", available)), near.isEmpty() ? null
                        : "did you mean 'plugin." + near.get(0) + (module == null ? "" : "." + module) + "'?");
            }
            return null;
        }
        if (!loaded.contains(name)) {
            return null; // its load failure is reported at [global].plugins
        }
        List<PluginStage> modules;
        try {
            modules = plugins.stages(name);
        } catch (RuntimeException | LinkageError e) {
            reportType(stage, "plugin '" + name + "' failed to list its modules: " + ThrowableText.of(e), null);
            return null;
        }
        PluginStage chosen = module == null ? byInputs(stage, name, modules) : byName(stage, name, module, modules);
        if (chosen == null) {
            return null;
        }
        StageDescriptor descriptor = describe(stage, chosen.factory());
        return descriptor == null ? null : new ResolvedStage(chosen.factory(), descriptor, name);
    }

    /** {@code plugin.NAME}: the source without inputs, the sink with inputs. */
    private PluginStage byInputs(StageDeclaration stage, String name, List<PluginStage> modules) {
        StageKind kind = stage.inputs().isEmpty() ? StageKind.SOURCE : StageKind.SINK;
        List<PluginStage> ofKind = new ArrayList<>();
        for (PluginStage m : modules) {
            if (m.kind() == kind) {
                if (m.module().equals(name)) {
                    return m;
                }
                ofKind.add(m);
            }
        }
        if (ofKind.size() == 1) {
            return ofKind.get(0);
        }
        if (ofKind.isEmpty()) {
            reportType(stage, "plugin '" + name + "' has no " + kind.id() + "; its modules are: " + list(modules),
                    kind == StageKind.SOURCE ? "a stage without inputs is a source" : "a stage with inputs is a sink");
        } else {
            List<String> names = ofKind.stream().map(PluginStage::module).toList();
            reportType(stage, "plugin '" + name + "' has several " + kind.id() + "s (" + String.join(", ", names)
                    + "); name one: type = \"plugin." + name + "." + names.get(0) + "\"", null);
        }
        return null;
    }

    /** {@code plugin.NAME.MODULE}: the module of that name, of the kind the inputs suggest if several share it. */
    private PluginStage byName(StageDeclaration stage, String name, String module, List<PluginStage> modules) {
        List<PluginStage> named = new ArrayList<>();
        for (PluginStage m : modules) {
            if (m.module().equals(module)) {
                named.add(m);
            }
        }
        if (named.isEmpty()) {
            List<String> near = Suggestions.nearest(module, modules.stream().map(PluginStage::module).toList());
            reportType(stage, "plugin '" + name + "' has no module '" + module + "'; its modules are: " + list(modules),
                    near.isEmpty() ? null : "did you mean 'plugin." + name + "." + near.get(0) + "'?");
            return null;
        }
        StageKind wanted = stage.inputs().isEmpty() ? StageKind.SOURCE : StageKind.SINK;
        for (PluginStage m : named) {
            if (m.kind() == wanted) {
                return m;
            }
        }
        for (PluginStage m : named) {
            if (m.kind() == StageKind.TRANSFORM) {
                return m;
            }
        }
        return named.get(0);
    }

    private static String list(List<PluginStage> modules) {
        if (modules.isEmpty()) {
            return "(none)";
        }
        List<String> names = new ArrayList<>();
        for (PluginStage m : modules) {
            names.add(m.kind().id() + " " + m.module());
        }
        names.sort(null);
        return String.join(", ", names);
    }

    private StageDescriptor describe(StageDeclaration stage, StageFactory factory) {
        try {
            StageDescriptor d = factory.descriptor();
            if (d == null) {
                reportType(stage, "stage type '" + stage.type() + "' has no descriptor", null);
            }
            return d;
        } catch (RuntimeException | LinkageError e) {
            reportType(stage, "stage type '" + stage.type() + "' failed to describe its options: "
                    + ThrowableText.of(e), null);
            return null;
        }
    }

    private void checkInputCount(StageDeclaration stage, ResolvedStage resolved) {
        StageDescriptor d = resolved.descriptor();
        int n = stage.inputs().size();
        String what = "stage type '" + stage.type() + "' (" + d.kind().id() + ")";
        String message = null;
        if (d.maxInputs() == 0 && n > 0) {
            message = what + " takes no inputs, found " + n + "; remove inputs";
        } else if (n < d.minInputs()) {
            message = what + " needs " + (d.minInputs() == d.maxInputs() ? "" : "at least ") + count(d.minInputs())
                    + ", found " + n + "; list the ids of the upstream stages in inputs";
        } else if (n > d.maxInputs()) {
            message = what + " takes " + (d.minInputs() == d.maxInputs() ? "" : "at most ") + count(d.maxInputs())
                    + ", found " + n;
        }
        if (message != null) {
            problems.add(doc.firstKnown(stage.path() + ".inputs", stage.path()), stage.id(), "inputs", message, null);
        }
    }

    private static String count(int n) {
        return n + (n == 1 ? " input" : " inputs");
    }

    private void reportType(StageDeclaration stage, String message, String hint) {
        problems.add(doc.firstKnown(stage.path() + ".type", stage.path()), stage.id(), "type", message, hint);
    }
}
