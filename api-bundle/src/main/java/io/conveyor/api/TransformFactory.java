package io.conveyor.api;

import java.util.List;
import org.osgi.annotation.versioning.ConsumerType;

/** Creates a transform stage over its input streams. */
@ConsumerType
public interface TransformFactory extends StageFactory {
    /**
     * @param config the validated configuration
     * @param inputs one stream per entry of the stage's {@code inputs}, in that order
     * @param context the stage's run-time services
     * @return the output stream; it is pulled by the engine
     * @throws Exception if the transform cannot start
     */
    BatchStream open(StageConfig config, List<BatchStream> inputs, StageContext context) throws Exception;
}
