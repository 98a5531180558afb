package io.conveyor.engine.internal.exec;

import io.conveyor.api.RecordBatch;
import java.util.ArrayDeque;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A queue of batches between two threads, ending with an end mark or an "upstream failed"
 * mark. Bounded on a graph edge (backpressure). As the spill buffer of a multi-input stage
 * it is bounded too, except while its {@link SpillGate} says waiting could deadlock a
 * diamond. A thread that would block first gives back its {@link Permit}; every
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
    private final SpillGate gate;
    private final int slot;
    private boolean consumerGone;
    private int highWater;

    /**
     * @param capacity batches held at most
     * @param run the run, whose stopping ends every wait
     */
    BatchChannel(int capacity, RunState run) {
        this(capacity, run, null, -1);
    }

    /**
     * @param capacity batches held at most, unless {@code gate} allows more
     * @param run the run, whose stopping ends every wait
     * @param gate for a spill buffer, what decides when it may overflow; else null
     * @param slot the input slot this spill buffer serves
     */
    BatchChannel(int capacity, RunState run, SpillGate gate, int slot) {
        this.capacity = capacity;
        this.run = run;
        this.gate = gate;
        this.slot = slot;
    }

    /**
     * @param item what to add
     * @param permit the caller's permit, released while it waits; null for a feeder thread
     */
    void put(Item item, Permit permit) {
        boolean released = false;
        lock.lock();
        try {
            while (!consumerGone && items.size() >= capacity && (gate == null || !gate.mayOverflow(slot))) {
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
        if (gate == null) {
            return waitForHeadHere(permit);
        }
        gate.waiting(slot);
        try {
            return waitForHeadHere(permit);
        } finally {
            gate.waiting(-1);
        }
    }

    private Item waitForHeadHere(Permit permit) {
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

    /** Wakes a producer waiting for room, to check again whether it may add now. */
    void wakeProducer() {
        lock.lock();
        try {
            notFull.signalAll();
        } finally {
            lock.unlock();
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
