package io.conveyor.launcher;

import java.lang.reflect.Method;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.launch.Framework;

/**
 * The {@code exit} command of {@code conveyor shell}: ends the session and the process, with a
 * status. Gogo's own {@code exit} is {@code System.exit(int)} and refuses to run without a
 * status. Registered by {@link ShellMode} only, never in a container.
 *
 * <p>How it ends the session: it asks Gogo's console to stop (its {@code Shell} service's
 * {@code stop()}) and returns. The console then leaves its loop without reading another line
 * and stops the framework itself, as at the end of its input ("gosh: stopping framework").
 * Stopping the framework from the command instead made the framework interrupt the console
 * while it still waited for this command, and the console printed
 * {@code java.lang.InterruptedException}.
 */
public final class ShellExit {
    /** Gogo's console service, whose {@code stop()} ends its read loop after the current command. */
    static final String GOGO_SHELL = "org.apache.felix.gogo.jline.Shell";
    /** How long the console has to stop the framework before this command does it itself. */
    private static final long CONSOLE_GRACE_MILLIS = 5_000;
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
        if (stopConsole()) {
            // Should no console be reading (a session without one), the framework still stops.
            Thread fallback = new Thread(this::stopIfStillActive, "conveyor-shell-exit");
            fallback.setDaemon(true);
            fallback.start();
            return;
        }
        framework.stop();
        // Hold the console here while the framework stops (the stop is asynchronous), so it
        // reads no further line; stopping the shell bundle interrupts this thread.
        try {
            framework.waitForStop(10_000);
        } catch (InterruptedException stopping) {
            // The shell is being stopped, as asked; the session ends on its own.
        }
    }

    /** @return true if Gogo's console was asked to stop after this command */
    private boolean stopConsole() {
        try {
            BundleContext context = framework.getBundleContext();
            ServiceReference<?>[] refs = context.getAllServiceReferences(GOGO_SHELL, null);
            if (refs == null || refs.length == 0) {
                return false;
            }
            Object shell = context.getService(refs[0]);
            if (shell == null) {
                return false;
            }
            try {
                // By name: the launcher does not see Gogo's classes, which live in its bundles.
                Method stop = shell.getClass().getMethod("stop");
                stop.invoke(shell);
                return true;
            } finally {
                context.ungetService(refs[0]);
            }
        } catch (ReflectiveOperationException | RuntimeException | org.osgi.framework.InvalidSyntaxException e) {
            return false;
        }
    }

    private void stopIfStillActive() {
        try {
            if (framework.waitForStop(CONSOLE_GRACE_MILLIS).getType() == org.osgi.framework.FrameworkEvent.WAIT_TIMEDOUT
                    && (framework.getState() & Bundle.ACTIVE) != 0) {
                framework.stop();
            }
        } catch (InterruptedException | BundleException | RuntimeException e) {
            // The framework is stopping or gone: nothing more to do.
        }
    }

    /** @return the status given to {@code exit}, 0 if none */
    int status() {
        return status;
    }
}
