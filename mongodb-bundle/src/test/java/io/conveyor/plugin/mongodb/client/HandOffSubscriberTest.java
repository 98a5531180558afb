package io.conveyor.plugin.mongodb.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.reactivestreams.Publisher;
import org.reactivestreams.Subscriber;
import org.reactivestreams.Subscription;

class HandOffSubscriberTest {
    private final ExecutorService producer = Executors.newSingleThreadExecutor();

    @AfterEach
    void stop() {
        producer.shutdownNow();
    }

    /** Emits 0..count-1 on another thread, exactly as far as requested; records the largest demand outstanding. */
    private final class CountingPublisher implements Publisher<Long> {
        final long count;
        final AtomicLong maxOutstanding = new AtomicLong();
        final AtomicBoolean cancelled = new AtomicBoolean();
        final RuntimeException failAtEnd;

        CountingPublisher(long count, RuntimeException failAtEnd) {
            this.count = count;
            this.failAtEnd = failAtEnd;
        }

        @Override
        public void subscribe(Subscriber<? super Long> s) {
            AtomicLong demand = new AtomicLong();
            AtomicLong next = new AtomicLong();
            s.onSubscribe(new Subscription() {
                @Override
                public void request(long n) {
                    long d = demand.addAndGet(n);
                    maxOutstanding.accumulateAndGet(d, Math::max);
                    producer.execute(() -> {
                        while (demand.get() > 0 && next.get() < count && !cancelled.get()) {
                            demand.decrementAndGet();
                            s.onNext(next.getAndIncrement());
                        }
                        if (next.get() == count && !cancelled.get()) {
                            next.incrementAndGet();
                            if (failAtEnd != null) {
                                s.onError(failAtEnd);
                            } else {
                                s.onComplete();
                            }
                        }
                    });
                }

                @Override
                public void cancel() {
                    cancelled.set(true);
                }
            });
        }
    }

    @Test
    void requestsOneChunkAtATimeAndDeliversEverythingInOrder() throws Throwable {
        CountingPublisher publisher = new CountingPublisher(1000, null);
        HandOffSubscriber<Long> subscriber = new HandOffSubscriber<>(64, () -> false);
        publisher.subscribe(subscriber);
        List<Long> got = new ArrayList<>();
        for (Long v = subscriber.take(); v != null; v = subscriber.take()) {
            got.add(v);
        }
        assertEquals(1000, got.size());
        assertEquals(999L, got.get(999));
        assertTrue(publisher.maxOutstanding.get() <= 64, "never more than one chunk asked for: " + publisher.maxOutstanding);
        assertNull(subscriber.take(), "stays completed");
    }

    @Test
    void publisherErrorIsThrownToTheConsumer() {
        IllegalStateException boom = new IllegalStateException("boom");
        HandOffSubscriber<Long> subscriber = new HandOffSubscriber<>(10, () -> false);
        new CountingPublisher(3, boom).subscribe(subscriber);
        assertThrows(IllegalStateException.class, () -> {
            while (subscriber.take() != null) {
                // drain
            }
        });
    }

    @Test
    void cancellationStopsWaitingAndCancelsTheSubscription() {
        AtomicBoolean cancelled = new AtomicBoolean();
        AtomicBoolean subscriptionCancelled = new AtomicBoolean();
        HandOffSubscriber<Long> subscriber = new HandOffSubscriber<>(10, cancelled::get);
        subscriber.onSubscribe(new Subscription() {
            @Override
            public void request(long n) {
                cancelled.set(true); // a publisher that never answers, and a run that gets cancelled
            }

            @Override
            public void cancel() {
                subscriptionCancelled.set(true);
            }
        });
        HandOffSubscriber.CancelledException e = assertThrows(HandOffSubscriber.CancelledException.class, subscriber::take);
        assertSame(HandOffSubscriber.CancelledException.class, e.getClass());
        assertTrue(subscriptionCancelled.get());
    }
}
