/**
 * transform.join: a hash join that builds on the right input and streams the left one.
 */
package io.conveyor.engine.internal.stages.transform.join;
