package io.conveyor.engine.internal.shell;

import io.conveyor.engine.internal.cli.PluginListing;
import io.conveyor.engine.internal.plugins.PluginInfo;
import java.util.List;

/**
 * What {@code conveyor:plugins} returns: every plugin the engine knows, printed as the
 * command line's {@code conveyor plugins} table.
 *
 * @param plugins available and loaded plugins
 */
public record PluginTable(List<PluginInfo> plugins) {
    /** @param plugins as above */
    public PluginTable {
        plugins = List.copyOf(plugins);
    }

    @Override
    public String toString() {
        return PluginListing.format(plugins).stripTrailing();
    }
}
