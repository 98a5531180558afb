/**
 * Helpers for sinks that write rows out: the rules Conveyor's own sinks follow, for a plugin's
 * sink to follow too. A package of its own, with its own version, so that adding to it never
 * changes the plugin API's {@code io.conveyor.api} version; a plugin that uses it imports it
 * with bnd's default range.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("0.1.0")
package io.conveyor.api.output;
