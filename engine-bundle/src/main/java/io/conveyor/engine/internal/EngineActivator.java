package io.conveyor.engine.internal;

import org.osgi.framework.BundleActivator;
import org.osgi.framework.BundleContext;

/** Starts the engine: placeholder until the services are wired. */
public final class EngineActivator implements BundleActivator {
    @Override
    public void start(BundleContext context) {
    }

    @Override
    public void stop(BundleContext context) {
    }
}
