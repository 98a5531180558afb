/**
 * Test doubles for unit-testing a stage factory without the engine:
 * {@link io.conveyor.testkit.TestStageConfig} checks options as the engine's compiler does,
 * {@link io.conveyor.testkit.RecordingStageContext} records what the stage hands the engine.
 */
package io.conveyor.testkit;
