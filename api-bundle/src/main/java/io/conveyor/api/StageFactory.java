package io.conveyor.api;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * The common part of every stage factory. A plugin registers its factories as OSGi
 * services of type {@link SourceFactory}, {@link TransformFactory} or {@link SinkFactory}
 * with the properties {@link ConveyorApi#PROP_PLUGIN}, {@link ConveyorApi#PROP_KIND} and
 * {@link ConveyorApi#PROP_NAME}.
 */
@ConsumerType
public interface StageFactory {
    /** @return what the stage is and which options it takes; the engine validates configs against it */
    StageDescriptor descriptor();

    /**
     * Checks what the declared options cannot express (a query that must be valid JSON, two
     * options that exclude each other). Called at compile time, by {@code validate} as by
     * {@code run}, after the engine has checked names, types and required options.
     *
     * @param config the stage's configuration
     * @throws ConfigException naming the offending key
     */
    default void validate(StageConfig config) throws ConfigException {
    }
}
