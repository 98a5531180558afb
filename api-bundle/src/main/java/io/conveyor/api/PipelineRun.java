package io.conveyor.api;

import java.util.concurrent.TimeUnit;
import org.osgi.annotation.versioning.ProviderType;

/** A pipeline run in progress. */
@ProviderType
public interface PipelineRun {
    /** @return the pipeline name from {@code [pipeline].name} */
    String pipelineName();

    /** Asks the run to stop: sources stop, sinks abort without leaving partial output. */
    void cancel();

    /**
     * @return the result once the run has ended
     * @throws InterruptedException if the waiting thread is interrupted
     */
    RunResult await() throws InterruptedException;

    /**
     * @param timeout how long to wait
     * @param unit its unit
     * @return the result, or null if the run has not ended in time
     * @throws InterruptedException if the waiting thread is interrupted
     */
    RunResult await(long timeout, TimeUnit unit) throws InterruptedException;
}
