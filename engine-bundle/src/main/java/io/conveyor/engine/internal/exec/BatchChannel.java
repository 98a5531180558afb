package io.conveyor.engine.internal.exec;

import io.conveyor.api.RecordBatch;
import java.util.ArrayDeque;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A queue of batches between two threads, ending with an end mark or an "upstream failed"
 * mark. Bounded on a graph edge (backpressure); unbounded as the spill buffer of a
 * multi-input stage. A thread that would block first gives back its {@link Permit}; every
 * wait wakes up when the run stops. Once the consumer has gone (it ended early or failed),
 * whatever the producer still puts is dropped, so a producer never waits on a dead consumer.
 */
final class BatchChannel {
    /** What a channel carries: a batch, the end, or the failure of the producing stage. */
    record Item(RecordBatch batch, String failedUpstream) {
        static final Item END = new Item(null, null);

        boolean isEnd() {
            return batch == null && failedUpstream == null;
        }
    }

    private static final long POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(50);
    private final int capacity;
    private final RunState run;
    private final ArrayDeque<Item> items = new ArrayDeque<>();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition notEmpty = lock.newCondition();
    private final Condition notFull = lock.newCondition();
    private boolean consumerGone;
    private int highWater;

    /**
     * @param capacity batches held at most ({@link Integer#MAX_VALUE} for a spill buffer)
     * @param run the run, whose stopping ends every wait
     */
    BatchChannel(int capacity, RunState run) {
        this.capacity = capacity;
        this.run = run;
    }

    /**
     * @param item what to add
     * @param permit the caller's permit, released while it waits; null for a feeder thread
     */
    void put(Item item, Permit permit) {
        boolean released = false;
        lock.lock();
        try {
            while (!consumerGone && items.size() >= capacity) {
                if (permit != null && permit.isHeld()) {
                    permit.release();
                    released = true;
                }
                await(notFull);
            }
            if (!consumerGone) {
                items.addLast(item);
                highWater = Math.max(highWater, items.size());
                notEmpty.signal();
            }
        } finally {
            lock.unlock();
        }
        if (released) {
            permit.acquire();
        }
    }

    /**
     * @param permit the caller's permit, released while it waits; null for a feeder thread
     * @return the next item
     */
    Item take(Permit permit) {
        Item item = waitForHead(permit);
        lock.lock();
        try {
            if (!consumerGone) {
                items.pollFirst();
            }
            notFull.signal();
        } finally {
            lock.unlock();
        }
        return item;
    }

    /**
     * Waits for the first item without taking it, holding no permit.
     *
     * @return the item at the head
     */
    Item peek() {
        return waitForHead(null);
    }

    private Item waitForHead(Permit permit) {
        boolean released = false;
        Item head;
        lock.lock();
        try {
            if (consumerGone) {
                return Item.END;
            }
            while (items.isEmpty()) {
                if (permit != null && permit.isHeld()) {
                    permit.release();
                    released = true;
                }
                await(notEmpty);
            }
            head = items.peekFirst();
        } finally {
            lock.unlock();
        }
        if (released) {
            permit.acquire();
        }
        return head;
    }

    private void await(Condition c) {
        if (run.isStopping()) {
            throw new RunStoppedException();
        }
        try {
            c.awaitNanos(POLL_NANOS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RunStoppedException();
        }
    }

    /** The consumer has ended: drop what is queued and whatever comes later. */
    void consumerGone() {
        lock.lock();
        try {
            consumerGone = true;
            items.clear();
            notFull.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** @return the most items this channel ever held at once */
    int highWater() {
        lock.lock();
        try {
            return highWater;
        } finally {
            lock.unlock();
        }
    }
}
