/**
 * The stage graph of a pipeline: duplicate ids, unknown inputs, self-references, cycles
 * and a stable topological order. Works on ids only; the compiler turns its findings into
 * positioned problems.
 */
package io.conveyor.engine.internal.graph;
