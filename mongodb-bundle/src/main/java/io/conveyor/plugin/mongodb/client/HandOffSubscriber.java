package io.conveyor.plugin.mongodb.client;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.reactivestreams.Subscriber;
import org.reactivestreams.Subscription;

/**
 * A Reactive Streams subscriber that turns a driver {@code Publisher} into a blocking pull:
 * the consumer thread calls {@link #take()}; the subscriber requests {@code chunk} items at
 * a time and only asks for the next chunk once the consumer has taken the previous one.
 * The hand-off queue holds at most one chunk plus the terminal signal, so memory stays
 * bounded whatever the publisher could produce.
 *
 * <p>One consumer thread only: {@code request} and {@code cancel} are called from it, which
 * keeps the calls on the subscription serial as the specification asks (rule 2.7).
 *
 * @param <T> the item type
 */
public final class HandOffSubscriber<T> implements Subscriber<T> {
    private static final Object COMPLETE = new Object();
    private static final long POLL_MILLIS = 100;

    private final int chunk;
    private final BooleanSupplier cancelled;
    private final BlockingQueue<Object> queue;
    private final ArrayBlockingQueue<Subscription> subscriptionSlot = new ArrayBlockingQueue<>(1);
    private Subscription subscription;
    private long outstanding;
    private boolean done;
    private volatile boolean cancelRequested;

    /** A failure signalled by the publisher, kept apart from items in the queue. */
    private record Failure(Throwable error) {
    }

    /**
     * @param chunk how many items to request at a time, at least 1
     * @param cancelled polled while waiting; when it turns true the subscription is cancelled
     */
    public HandOffSubscriber(int chunk, BooleanSupplier cancelled) {
        if (chunk < 1) {
            throw new IllegalArgumentException("chunk must be at least 1");
        }
        this.chunk = chunk;
        this.cancelled = cancelled;
        this.queue = new ArrayBlockingQueue<>(chunk + 1);
    }

    @Override
    public void onSubscribe(Subscription s) {
        if (cancelRequested || !subscriptionSlot.offer(s)) {
            s.cancel(); // rule 2.5: a second subscription is cancelled; so is one arriving after cancel()
        }
    }

    @Override
    public void onNext(T item) {
        if (!queue.offer(item)) {
            // Cannot happen with a publisher that honours request(n); fail loudly rather than drop.
            queue.clear();
            queue.offer(new Failure(new IllegalStateException("publisher sent more items than requested")));
        }
    }

    @Override
    public void onError(Throwable t) {
        queue.offer(new Failure(t));
    }

    @Override
    public void onComplete() {
        queue.offer(COMPLETE);
    }

    /**
     * Waits for the next item.
     *
     * @return the item, or null when the publisher completed
     * @throws Throwable the publisher's error
     * @throws CancelledException when the run was cancelled while waiting
     */
    @SuppressWarnings("unchecked")
    public T take() throws Throwable {
        if (done) {
            return null;
        }
        if (subscription == null) {
            subscription = await(subscriptionSlot);
        }
        if (outstanding == 0) {
            outstanding = chunk;
            subscription.request(chunk);
        }
        Object signal = await(queue);
        if (signal == COMPLETE) {
            done = true;
            return null;
        }
        if (signal instanceof Failure f) {
            done = true;
            throw f.error();
        }
        outstanding--;
        return (T) signal;
    }

    /** Stops the publisher early (e.g. when the consumer has what it needs). */
    public void cancel() {
        if (!done) {
            done = true;
            cancelRequested = true;
            Subscription s = subscription != null ? subscription : subscriptionSlot.poll();
            if (s != null) {
                s.cancel();
            }
        }
    }

    private <X> X await(BlockingQueue<X> from) throws InterruptedException, CancelledException {
        while (true) {
            X x = from.poll(POLL_MILLIS, TimeUnit.MILLISECONDS);
            if (x != null) {
                return x;
            }
            if (cancelled.getAsBoolean()) {
                cancel();
                throw new CancelledException();
            }
        }
    }

    /** Thrown by {@link #take()} when the run is cancelled while it waits. */
    public static final class CancelledException extends Exception {
        private static final long serialVersionUID = 1L;

        CancelledException() {
            super("cancelled while waiting for MongoDB");
        }
    }
}
