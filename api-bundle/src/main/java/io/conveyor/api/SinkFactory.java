package io.conveyor.api;

import org.osgi.annotation.versioning.ConsumerType;

/** Creates the writing side of a sink stage. */
@ConsumerType
public interface SinkFactory extends StageFactory {
    /**
     * @param config the validated configuration
     * @param context the stage's run-time services
     * @return a writer that receives every input batch
     * @throws Exception if the sink cannot be opened
     */
    SinkWriter open(StageConfig config, StageContext context) throws Exception;
}
