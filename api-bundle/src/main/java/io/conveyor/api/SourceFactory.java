package io.conveyor.api;

import org.osgi.annotation.versioning.ConsumerType;

/** Creates the reading side of a source stage. */
@ConsumerType
public interface SourceFactory extends StageFactory {
    /**
     * @param config the validated configuration
     * @param context the stage's run-time services
     * @return the stream of batches read
     * @throws Exception if the source cannot be opened
     */
    BatchStream open(StageConfig config, StageContext context) throws Exception;
}
