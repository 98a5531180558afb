package io.conveyor.engine.internal.plugins;

/** Loads plugins into the OSGi framework on demand (DESIGN section 6). To be written. */
public final class PluginManager {
}
