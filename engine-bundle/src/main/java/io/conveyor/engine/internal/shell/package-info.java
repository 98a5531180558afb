/** The {@code conveyor:} commands of the Apache Felix Gogo shell and the results they return. */
package io.conveyor.engine.internal.shell;
