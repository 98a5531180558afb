/**
 * Hashing of multi-column row keys into dense group numbers, shared by group_by, distinct and join.
 */
package io.conveyor.engine.internal.stages.transform.keys;
