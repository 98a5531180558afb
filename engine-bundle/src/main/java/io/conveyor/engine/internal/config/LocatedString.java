package io.conveyor.engine.internal.config;

/**
 * A string from the pipeline file with the dotted document path it was read from, so a
 * problem about it (an unknown input id, a plugin that fails to load) points at it.
 *
 * @param value the string
 * @param path its document path, e.g. {@code stages[2].inputs[1]}
 */
record LocatedString(String value, String path) {
}
