/**
 * transform.json_extract (values at paths into new columns) and transform.flatten (nested json
 * columns into one column per leaf).
 */
package io.conveyor.engine.internal.stages.transform.nested;
