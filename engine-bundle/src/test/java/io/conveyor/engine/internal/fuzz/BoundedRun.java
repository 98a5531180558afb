package io.conveyor.engine.internal.fuzz;

import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs one fuzz try on its own daemon thread and gives up after {@link #LIMIT_SECONDS}: a hang is a
 * finding, and it must fail that try instead of freezing the whole suite. A cached pool, so a
 * thread stuck in a hang does not block the tries that follow.
 */
public final class BoundedRun {
    /** How long one try may take before it counts as a hang. */
    public static final long LIMIT_SECONDS = 15;

    private static final ExecutorService POOL = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "fuzz-try");
        t.setDaemon(true);
        return t;
    });

    private BoundedRun() {
    }

    /**
     * @param what names the try in the failure message
     * @param task the try
     * @return what the task returned
     * @throws Exception whatever the task threw, unwrapped
     * @throws AssertionError when the task did not finish in time, or threw an {@link Error}
     */
    public static <T> T within(String what, Callable<T> task) throws Exception {
        Future<T> future = POOL.submit(task);
        try {
            return future.get(LIMIT_SECONDS, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            future.cancel(true);
            throw new AssertionError(what + " did not finish within " + LIMIT_SECONDS + " s (a hang)");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof Exception ex) {
                throw ex;
            }
            throw new AssertionError(what + " threw " + cause, cause);
        }
    }
}
