package io.conveyor.launcher;

import org.osgi.framework.BundleException;
import org.osgi.framework.launch.Framework;

/**
 * The {@code exit} command of {@code conveyor shell}: stops the framework, which ends the
 * session and the process. Gogo's own {@code exit} is {@code System.exit(int)} and refuses
 * to run without a status. Registered by {@link ShellMode} only, never in a container.
 */
public final class ShellExit {
    private final Framework framework;
    private volatile int status;

    ShellExit(Framework framework) {
        this.framework = framework;
    }

    /** Leaves the shell; the process exits with status 0. */
    public void exit() throws BundleException {
        exit(0);
    }

    /** @param exitStatus the process exit status
     *  @throws BundleException if the framework cannot be stopped */
    public void exit(int exitStatus) throws BundleException {
        status = exitStatus;
        framework.stop();
        // Hold the console here while the framework stops (the stop is asynchronous), so it
        // reads no further line; stopping the shell bundle interrupts this thread.
        try {
            framework.waitForStop(10_000);
        } catch (InterruptedException stopping) {
            // The shell is being stopped, as asked; the session ends on its own.
        }
    }

    /** @return the status given to {@code exit}, 0 if none */
    int status() {
        return status;
    }
}
