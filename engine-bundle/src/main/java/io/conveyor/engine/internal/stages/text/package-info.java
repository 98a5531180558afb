/** Text helpers shared by the readers of text formats (CSV, JSON). */
package io.conveyor.engine.internal.stages.text;
