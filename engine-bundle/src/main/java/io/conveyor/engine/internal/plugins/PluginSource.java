package io.conveyor.engine.internal.plugins;

import java.util.List;

/**
 * A plugin found on the plugin path or inside the launcher jar: the plugin bundle and the
 * library bundles that ship beside it in its folder.
 *
 * @param name the plugin name ({@code Conveyor-Plugin} header)
 * @param where the folder or jar it was found in, for {@code conveyor plugins}
 * @param plugin the plugin bundle
 * @param libraries library bundles installed with it (may be shared with other plugins)
 */
record PluginSource(String name, String where, BundleArchive plugin, List<BundleArchive> libraries) {
}
