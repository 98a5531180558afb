package io.conveyor.engine.internal.plugins;

import io.conveyor.api.ConveyorApi;
import java.util.Map;
import org.osgi.framework.Constants;
import org.osgi.framework.Version;
import org.osgi.framework.VersionRange;

/**
 * Decides from a plugin's manifest, before anything is installed, whether it was built
 * against an API this host provides: the {@code io.conveyor.api} import range must
 * include {@link ConveyorApi#PLUGIN_API_VERSION}.
 */
final class ApiCompatibility {
    static final String API_PACKAGE = "io.conveyor.api";
    private static final Version HOST = Version.parseVersion(ConveyorApi.PLUGIN_API_VERSION);

    private ApiCompatibility() {
    }

    /**
     * @param headers the plugin bundle's main manifest attributes
     * @return the version range of its {@code io.conveyor.api} import ({@code 0.0.0} when it
     *         names none), or null when it does not import the package
     */
    static String apiRange(Map<String, String> headers) {
        for (ManifestHeader.Clause clause : ManifestHeader.parse(headers.get(Constants.IMPORT_PACKAGE))) {
            if (clause.paths().contains(API_PACKAGE)) {
                return clause.attributes().getOrDefault(Constants.VERSION_ATTRIBUTE, "0.0.0");
            }
        }
        return null;
    }

    /**
     * @param plugin the plugin name
     * @param headers its manifest attributes
     * @return null when it may be installed, else the message for the user
     */
    static String problem(String plugin, Map<String, String> headers) {
        String range = apiRange(headers);
        if (range == null) {
            return "Plugin '" + plugin + "' does not import " + API_PACKAGE
                    + "; rebuild it against the Conveyor API " + ConveyorApi.PLUGIN_API_VERSION;
        }
        VersionRange parsed;
        try {
            parsed = new VersionRange(range);
        } catch (IllegalArgumentException e) {
            return "Plugin '" + plugin + "' imports " + API_PACKAGE + " with an invalid version range \"" + range
                    + "\"; rebuild it against the Conveyor API " + ConveyorApi.PLUGIN_API_VERSION;
        }
        if (parsed.includes(HOST)) {
            return null;
        }
        Version low = parsed.getLeft();
        return "Plugin API version mismatch: plugin=" + low.getMajor() + "." + low.getMinor() + "." + low.getMicro()
                + ", host=" + ConveyorApi.PLUGIN_API_VERSION;
    }
}
