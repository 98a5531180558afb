package io.conveyor.engine.internal.cli;

import io.conveyor.api.OptionSpec;
import io.conveyor.api.StageDescriptor;
import io.conveyor.api.StageFactory;
import io.conveyor.api.StageKind;
import io.conveyor.engine.internal.plugins.PluginInfo;
import io.conveyor.engine.internal.plugins.PluginLoader;
import io.conveyor.engine.internal.plugins.PluginStage;
import io.conveyor.engine.internal.stages.BuiltinStages;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Formats {@code conveyor stages}: every stage type with its description and a table of
 * its options (name, type, required or default, description). Built-ins first, then each
 * plugin's stages, or the reason the plugin could not be loaded.
 */
public final class StageListing {
    /**
     * What one plugin contributed to the listing.
     *
     * @param name the plugin name
     * @param error why it could not be loaded, or null
     * @param stages its stage factories when loaded
     */
    record PluginSection(String name, String error, List<PluginStage> stages) {
    }

    private StageListing() {
    }

    /**
     * Lists the built-in stages and those of every plugin the loader knows, loading each
     * plugin (a plugin registers its stage factories only once started); a plugin that
     * fails to load gets a line saying why instead of its stages.
     *
     * @param builtins the built-in stages
     * @param loader the plugin loader
     * @return the listing
     */
    public static String of(BuiltinStages builtins, PluginLoader loader) {
        Set<String> names = new LinkedHashSet<>();
        for (PluginInfo p : loader.plugins()) {
            names.add(p.name());
        }
        List<PluginSection> sections = new ArrayList<>();
        for (String name : names) {
            String error = loader.load(name);
            sections.add(new PluginSection(name, error, error == null ? loader.stages(name) : List.of()));
        }
        return format(builtins.all(), sections);
    }

    /**
     * @param builtins built-in factories by type
     * @param plugins one section per available plugin
     * @return the listing
     */
    static String format(Map<String, StageFactory> builtins, List<PluginSection> plugins) {
        StringBuilder sb = new StringBuilder();
        builtins.forEach((type, factory) -> describe(sb, type, "built-in", factory.descriptor()));
        for (PluginSection p : plugins) {
            if (p.error() != null) {
                sb.append("plugin ").append(p.name()).append(": not loaded: ").append(p.error()).append("\n\n");
                continue;
            }
            List<PluginStage> sorted = p.stages().stream()
                    .sorted(Comparator.comparing((PluginStage s) -> s.kind().ordinal()).thenComparing(PluginStage::module))
                    .toList();
            for (PluginStage s : sorted) {
                String type = "plugin." + s.plugin() + "." + s.module();
                describe(sb, type, s.kind().id() + ", plugin " + s.plugin() + shortForm(s, sorted),
                        s.factory().descriptor());
            }
        }
        return sb.toString();
    }

    /**
     * {@code plugin.NAME} means the plugin's source in a stage without inputs and its sink in
     * a stage with inputs: say so next to the module it picks, when there is only one.
     */
    private static String shortForm(PluginStage stage, List<PluginStage> all) {
        if (stage.kind() == StageKind.TRANSFORM || all.stream().filter(o -> o.kind() == stage.kind()).count() != 1) {
            return "";
        }
        return "; also plugin." + stage.plugin() + (stage.kind() == StageKind.SOURCE ? " without inputs" : " with inputs");
    }

    private static void describe(StringBuilder sb, String type, String origin, StageDescriptor d) {
        sb.append(type).append("  (").append(origin);
        if (d.isBlocking()) {
            sb.append(", blocking");
        }
        sb.append(")\n");
        if (d.description() != null && !d.description().isEmpty()) {
            sb.append("  ").append(d.description()).append('\n');
        }
        if (d.options().isEmpty()) {
            sb.append("  no options\n");
        } else {
            TextTable options = new TextTable("option", "type", "required/default", "description");
            for (OptionSpec o : d.options()) {
                String need = o.isRequired() ? "required"
                        : o.defaultValue() != null ? "default " + o.defaultValue() : "optional";
                String text = o.description();
                if (!o.allowedValues().isEmpty()) {
                    text += (text.isEmpty() ? "" : " ") + "(one of: " + String.join(", ", o.allowedValues()) + ")";
                }
                options.row(o.name(), o.type().id(), need, text.isEmpty() ? null : text);
            }
            sb.append(options.render("  "));
        }
        sb.append('\n');
    }
}
