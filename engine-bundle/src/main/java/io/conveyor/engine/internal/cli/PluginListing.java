package io.conveyor.engine.internal.cli;

import io.conveyor.engine.internal.plugins.PluginInfo;
import java.util.List;

/** Formats {@code conveyor plugins}: one row per plugin the plugin manager knows. */
public final class PluginListing {
    private PluginListing() {
    }

    /**
     * @param plugins available and loaded plugins
     * @return the table, or a sentence saying there are none
     */
    public static String format(List<PluginInfo> plugins) {
        if (plugins.isEmpty()) {
            return "no plugins available (add a directory with --plugin-dir or CONVEYOR_PLUGIN_PATH)\n";
        }
        TextTable table = new TextTable("name", "version", "api range", "state", "location", "modules");
        for (PluginInfo p : plugins) {
            table.row(p.name(), p.version(), p.apiRange(), p.state(), p.location(),
                    p.modules().isEmpty() ? null : String.join(", ", p.modules()));
        }
        return table.render("");
    }
}
