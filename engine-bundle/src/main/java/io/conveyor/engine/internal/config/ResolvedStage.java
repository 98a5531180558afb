package io.conveyor.engine.internal.config;

import io.conveyor.api.StageDescriptor;
import io.conveyor.api.StageFactory;

/**
 * A stage type resolved to the factory that implements it.
 *
 * @param factory the factory
 * @param descriptor what the factory declares (read once, since a plugin's call may fail)
 * @param plugin the plugin it comes from, or null for a built-in
 */
record ResolvedStage(StageFactory factory, StageDescriptor descriptor, String plugin) {
}
