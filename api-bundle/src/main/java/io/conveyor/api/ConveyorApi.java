package io.conveyor.api;

/**
 * Constants shared by the engine and plugins: the API version, the manifest header that
 * marks a plugin bundle, and the service properties a stage factory is registered with.
 */
public final class ConveyorApi {
    /** The plugin API version this bundle exports. Equal to the package version of {@code io.conveyor.api}. */
    public static final String PLUGIN_API_VERSION = "0.3.0";

    /** Manifest header naming the plugin a bundle provides, e.g. {@code Conveyor-Plugin: http}. */
    public static final String PLUGIN_HEADER = "Conveyor-Plugin";

    /** Service property: the plugin name a stage factory belongs to (e.g. {@code http}). */
    public static final String PROP_PLUGIN = "conveyor.plugin";

    /** Service property: {@code source}, {@code transform} or {@code sink}. */
    public static final String PROP_KIND = "conveyor.stage.kind";

    /** Service property: the module name inside the plugin (e.g. {@code fetch} for {@code plugin.http.fetch}). */
    public static final String PROP_NAME = "conveyor.stage.name";

    private ConveyorApi() {
    }
}
