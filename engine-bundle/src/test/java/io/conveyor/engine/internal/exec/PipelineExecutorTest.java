package io.conveyor.engine.internal.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.conveyor.api.RunResult;
import io.conveyor.api.RunStatus;
import io.conveyor.api.StageException;
import io.conveyor.api.StageResult;
import io.conveyor.api.StageStatus;
import io.conveyor.engine.internal.config.CompiledPipeline;
import io.conveyor.engine.internal.config.ErrorHandling.Strategy;
import io.conveyor.engine.internal.config.SecretMasker;
import io.conveyor.engine.internal.exec.FakeStages.CollectSink;
import io.conveyor.engine.internal.exec.FakeStages.Concat;
import io.conveyor.engine.internal.exec.FakeStages.NumberSource;
import io.conveyor.engine.internal.exec.FakeStages.PassThrough;
import io.conveyor.engine.internal.log.Log;
import io.conveyor.engine.internal.log.LogLevel;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PipelineExecutorTest {
    private static final Duration LIMIT = Duration.ofSeconds(30);
    private final ByteArrayOutputStream logBytes = new ByteArrayOutputStream();
    private final RecordingPluginLoader plugins = new RecordingPluginLoader();
    private final PipelineExecutor executor = new PipelineExecutor(plugins,
            new Log(new PrintStream(logBytes, true, StandardCharsets.UTF_8), LogLevel.INFO));

    @TempDir
    Path dir;

    private RunResult run(CompiledPipeline p) {
        return run(p, new RunControl());
    }

    private RunResult run(CompiledPipeline p, RunControl control) {
        return assertTimeoutPreemptively(LIMIT, () -> executor.run(p, control));
    }

    private String logText() {
        return logBytes.toString(StandardCharsets.UTF_8);
    }

    private static List<Long> range(long from, long to) {
        return LongStream.range(from, to).boxed().toList();
    }

    @Test
    void keepsBatchAndRowOrderAndCountsRecords() {
        CollectSink sink = new CollectSink();
        RunResult r = run(new TestPipeline()
                .stage("src", new NumberSource(50, 10))
                .stage("pass", new PassThrough(), "src")
                .stage("out", sink, "pass").build());
        assertEquals(RunStatus.SUCCEEDED, r.status(), r::toString);
        assertNull(r.error());
        assertEquals(range(0, 500), sink.values);
        assertEquals(List.of("src", "pass", "out"), r.stages().stream().map(StageResult::stageId).toList());
        assertEquals(500, r.stage("src").recordsOut());
        assertEquals(500, r.stage("pass").recordsIn());
        assertEquals(500, r.stage("pass").recordsOut());
        assertEquals(500, r.stage("out").recordsIn());
        assertEquals(500, r.stage("out").recordsOut());
        assertEquals(1, sink.commits.get());
        assertEquals(0, sink.aborts.get());
        r.stages().forEach(s -> assertEquals(StageStatus.SUCCEEDED, s.status()));
    }

    @Test
    void multiInputStagesReadInputsInOrder() {
        CollectSink viaConcat = new CollectSink();
        CollectSink twoInputSink = new CollectSink();
        RunResult r = run(new TestPipeline()
                .stage("a", new NumberSource(20, 5, 0, (i, c) -> { }))
                .stage("b", new NumberSource(20, 5, 1000, (i, c) -> { }))
                .stage("ba", new Concat(), "b", "a")
                .stage("out1", viaConcat, "ba")
                .stage("out2", twoInputSink, "a", "b").build());
        assertEquals(RunStatus.SUCCEEDED, r.status(), r::toString);
        List<Long> expected = new ArrayList<>(range(1000, 1100));
        expected.addAll(range(0, 100));
        assertEquals(expected, viaConcat.values);
        List<Long> expected2 = new ArrayList<>(range(0, 100));
        expected2.addAll(range(1000, 1100));
        assertEquals(expected2, twoInputSink.values);
        assertEquals(200, r.stage("out2").recordsIn());
    }

    @Test
    void independentBranchesRunConcurrently() {
        CyclicBarrier bothInside = new CyclicBarrier(2);
        FakeStages.Step meet = (i, c) -> {
            if (i == 0) {
                // Only returns if the other branch's source is computing at the same time.
                bothInside.await(10, TimeUnit.SECONDS);
            }
        };
        CollectSink s1 = new CollectSink();
        CollectSink s2 = new CollectSink();
        RunResult r = run(new TestPipeline().maxParallel(2)
                .stage("a", new NumberSource(3, 2, 0, meet))
                .stage("b", new NumberSource(3, 2, 100, meet))
                .stage("out_a", s1, "a")
                .stage("out_b", s2, "b").build());
        assertEquals(RunStatus.SUCCEEDED, r.status(), r::toString);
        assertEquals(range(0, 6), s1.values);
        assertEquals(range(100, 106), s2.values);
    }

    @Test
    void neverMoreStagesComputeThanMaxParallelTasks() {
        java.util.concurrent.atomic.AtomicInteger inside = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.atomic.AtomicInteger most = new java.util.concurrent.atomic.AtomicInteger();
        FakeStages.Step busy = (i, c) -> {
            most.accumulateAndGet(inside.incrementAndGet(), Math::max);
            Thread.sleep(2);
            inside.decrementAndGet();
        };
        TestPipeline p = new TestPipeline().maxParallel(2);
        for (int s = 0; s < 4; s++) {
            p.stage("src" + s, new NumberSource(20, 1, 0, busy)).stage("out" + s, new CollectSink(), "src" + s);
        }
        RunResult r = run(p.build());
        assertEquals(RunStatus.SUCCEEDED, r.status(), r::toString);
        assertTrue(most.get() <= 2, "at most 2 sources computed at once, saw " + most.get());
        assertEquals(2, most.get(), "two sources did compute at once");
    }

    @Test
    void oneParallelTaskStillCompletesFanOutAndDiamond() {
        CollectSink diamond = new CollectSink();
        CollectSink direct = new CollectSink();
        RunResult r = run(new TestPipeline().maxParallel(1)
                .stage("a", new NumberSource(200, 3))
                .stage("b", new PassThrough(), "a")
                .stage("c", new PassThrough(), "a")
                .stage("union", new Concat(), "b", "c")
                .stage("out", diamond, "union")
                .stage("copy", direct, "a").build());
        assertEquals(RunStatus.SUCCEEDED, r.status(), r::toString);
        List<Long> twice = new ArrayList<>(range(0, 600));
        twice.addAll(range(0, 600));
        assertEquals(twice, diamond.values);
        assertEquals(range(0, 600), direct.values);
        assertEquals(1200, r.stage("union").recordsOut());
    }

    @Test
    void anIndependentSecondInputIsHeldBackNotBufferedWhileTheFirstIsRead() throws Exception {
        // A two-input stage reads "first" to its end before "second": the second source must
        // wait on a bounded buffer, not run ahead into memory (a join of a big file with a
        // slow small one used to buffer the big one whole).
        CountDownLatch release = new CountDownLatch(1);
        NumberSource first = new NumberSource(2, 10, 0, (i, c) -> {
            if (i == 1) {
                release.await(20, TimeUnit.SECONDS);
            }
        });
        NumberSource second = new NumberSource(400, 10, 10_000, (i, c) -> { });
        CollectSink out = new CollectSink();
        CompiledPipeline p = new TestPipeline()
                .stage("first", first)
                .stage("second", second)
                .stage("out", out, "first", "second").build();
        RunControl control = new RunControl();
        Thread runner = new Thread(() -> executor.run(p, control));
        runner.start();
        Thread.sleep(500);
        int ahead = second.produced.get();
        // A full spill buffer, a full edge, and the batch the source holds while it waits.
        assertTrue(ahead <= SpillGate.SPILL_CAPACITY + PipelineExecutor.EDGE_CAPACITY + 2,
                "the second input ran " + ahead + " batches ahead of its reader");
        assertTrue(ahead >= SpillGate.SPILL_CAPACITY, "the second input did fill its buffer: " + ahead);
        release.countDown();
        runner.join(20_000);
        assertFalse(runner.isAlive());
        List<Long> expected = new ArrayList<>(range(0, 20));
        expected.addAll(range(10_000, 14_000));
        assertEquals(expected, out.values);
    }

    @Test
    void aDiamondLongerThanTheSpillBoundStillCompletesInOrder() {
        // Both inputs come from "a"; reading "b" to its end needs "c"'s buffer to grow past
        // its bound, or "a" would block on c's full edge and the run would hang.
        CollectSink out = new CollectSink();
        int batches = SpillGate.SPILL_CAPACITY * 10;
        RunResult r = run(new TestPipeline()
                .stage("a", new NumberSource(batches, 5))
                .stage("b", new PassThrough(), "a")
                .stage("c", new PassThrough(), "a")
                .stage("out", out, "b", "c").build());
        assertEquals(RunStatus.SUCCEEDED, r.status(), r::toString);
        List<Long> twice = new ArrayList<>(range(0, batches * 5L));
        twice.addAll(range(0, batches * 5L));
        assertEquals(twice, out.values);
    }

    @Test
    void slowConsumerHoldsBackItsProducer() throws Exception {
        CountDownLatch slowStarted = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        NumberSource source = new NumberSource(100, 10);
        CollectSink fast = new CollectSink();
        CollectSink slow = new CollectSink((i, c) -> {
            if (i == 0) {
                slowStarted.countDown();
                release.await(20, TimeUnit.SECONDS);
            }
        });
        CompiledPipeline p = new TestPipeline()
                .stage("src", source)
                .stage("fast", fast, "src")
                .stage("slow", slow, "src").build();
        RunControl control = new RunControl();
        Thread runner = new Thread(() -> executor.run(p, control));
        runner.start();
        assertTrue(slowStarted.await(10, TimeUnit.SECONDS));
        Thread.sleep(300);
        int ahead = source.produced.get();
        // One batch in the slow sink, a full edge queue, one batch the source holds while it waits.
        assertTrue(ahead <= 1 + PipelineExecutor.EDGE_CAPACITY + 1, "producer ran " + ahead + " batches ahead");
        assertTrue(fast.values.size() <= ahead * 10);
        release.countDown();
        runner.join(20_000);
        assertFalse(runner.isAlive());
        assertEquals(range(0, 1000), fast.values);
        assertEquals(range(0, 1000), slow.values);
        control.snapshot().forEach(s -> assertEquals(StageStatus.SUCCEEDED, s.status(), s::toString));
    }

    @Test
    void stopStrategyCancelsTheOtherStagesAndAbortsSinks() {
        CollectSink healthy = new CollectSink();
        CollectSink downstream = new CollectSink();
        RunResult r = run(new TestPipeline()
                .stage("slow", new NumberSource(1_000_000, 1, 0, (i, c) -> Thread.sleep(1)))
                .stage("bad", new NumberSource(5, 1, 0, (i, c) -> {
                    if (i == 2) {
                        throw new StageException("cannot read page 3 of orders");
                    }
                }))
                .stage("out_slow", healthy, "slow")
                .stage("out_bad", downstream, "bad").build());
        assertEquals(RunStatus.FAILED, r.status());
        assertEquals("stage 'bad' failed: cannot read page 3 of orders", r.error());
        assertEquals(StageStatus.FAILED, r.stage("bad").status());
        assertEquals("cannot read page 3 of orders", r.stage("bad").error());
        assertEquals(StageStatus.CANCELLED, r.stage("slow").status());
        assertEquals(0, healthy.commits.get() + downstream.commits.get());
        // Every sink that was opened is aborted (on a loaded machine the healthy one may be
        // cancelled before it opens).
        assertEquals(healthy.opens.get(), healthy.aborts.get());
        assertEquals(downstream.opens.get(), downstream.aborts.get());
        assertTrue(logText().contains("[bad] cannot read page 3 of orders"), logText());
        assertFalse(logText().contains("\tat "), "no stack trace at info level");
    }

    @Test
    void continueStrategySkipsOnlyTheFailedBranch() {
        CollectSink failedBranch = new CollectSink();
        CollectSink midStream = new CollectSink();
        CollectSink healthy = new CollectSink();
        RunResult r = run(new TestPipeline().strategy(Strategy.CONTINUE, 0)
                .stage("a", new NumberSource(10, 2))
                .stage("bad", new PassThrough((i, c) -> {
                    throw new StageException("bad row");
                }), "a")
                .stage("out_bad", failedBranch, "bad")
                .stage("late", new PassThrough((i, c) -> {
                    if (i == 3) {
                        throw new IllegalStateException("late failure");
                    }
                }), "a")
                .stage("out_late", midStream, "late")
                .stage("b", new NumberSource(10, 2, 100, (i, c) -> { }))
                .stage("out_b", healthy, "b").build());
        assertEquals(RunStatus.FAILED, r.status());
        // Both failures are named, in the order they happened.
        assertEquals(2, r.error().split("; ").length, r.error());
        assertTrue(r.error().contains("stage 'bad' failed: bad row"), r.error());
        assertTrue(r.error().contains("stage 'late' failed: IllegalStateException: late failure"), r.error());
        assertEquals(StageStatus.FAILED, r.stage("bad").status());
        assertEquals(StageStatus.SKIPPED, r.stage("out_bad").status());
        assertEquals("upstream stage 'bad' did not finish", r.stage("out_bad").error());
        assertEquals(StageStatus.SKIPPED, r.stage("out_late").status());
        assertEquals(StageStatus.SUCCEEDED, r.stage("out_b").status());
        assertEquals(StageStatus.SUCCEEDED, r.stage("a").status());
        assertEquals(range(100, 120), healthy.values);
        assertEquals(1, healthy.commits.get());
        // Never fed empty data: the sink behind the stage that failed first was never opened.
        assertEquals(List.of(), failedBranch.values);
        assertEquals(0, failedBranch.commits.get() + failedBranch.aborts.get());
        // Fed part of the data, then the failure: it aborts, never commits.
        assertEquals(0, midStream.commits.get());
        assertEquals(1, midStream.aborts.get());
    }

    @Test
    void retriesTransientSourceFailuresWithoutDuplicatingRows() {
        AtomicBoolean failedOnce = new AtomicBoolean();
        NumberSource flaky = new NumberSource(6, 5, 0, (i, c) -> {
            if (i == 3 && failedOnce.compareAndSet(false, true)) {
                throw StageException.transientFailure("HTTP 503 from 127.0.0.1", null);
            }
        });
        CollectSink sink = new CollectSink();
        RunResult r = run(new TestPipeline().strategy(Strategy.RETRY, 2)
                .stage("src", flaky).stage("out", sink, "src").build());
        assertEquals(RunStatus.SUCCEEDED, r.status(), r::toString);
        assertEquals(2, flaky.opened.get());
        assertEquals(range(0, 30), sink.values);
        assertEquals(30, r.stage("src").recordsOut());
        assertTrue(logText().contains("transient failure, retry 1 of 2"), logText());
    }

    @Test
    void givesUpAfterMaxRetriesAndNeverRetriesPermanentFailures() {
        NumberSource alwaysDown = new NumberSource(3, 1, 0, (i, c) -> {
            throw StageException.transientFailure("connection refused", null);
        });
        RunResult r = run(new TestPipeline().strategy(Strategy.RETRY, 2)
                .stage("src", alwaysDown).stage("out", new CollectSink(), "src").build());
        assertEquals(RunStatus.FAILED, r.status());
        assertEquals("stage 'src' failed: connection refused", r.error());
        assertEquals(3, alwaysDown.opened.get());

        NumberSource broken = new NumberSource(3, 1, 0, (i, c) -> {
            throw new StageException("no such collection");
        });
        RunResult r2 = run(new TestPipeline().strategy(Strategy.RETRY, 2)
                .stage("src", broken).stage("out", new CollectSink(), "src").build());
        assertEquals(RunStatus.FAILED, r2.status());
        assertEquals(1, broken.opened.get());
    }

    @Test
    void pluginErrorStopsThePluginAndTheOtherBranchFinishes() {
        CollectSink healthy = new CollectSink();
        RunResult r = run(new TestPipeline().strategy(Strategy.CONTINUE, 0)
                .pluginStage("p", "acme", new NumberSource(3, 1, 0, (i, c) -> {
                    throw new NoClassDefFoundError("com/acme/Missing");
                }))
                .stage("out_p", new CollectSink(), "p")
                .stage("b", new NumberSource(4, 2))
                .stage("out_b", healthy, "b").build());
        assertEquals(RunStatus.FAILED, r.status());
        String expected = "Plugin 'acme' failed in stage 'p': NoClassDefFoundError: com/acme/Missing";
        assertEquals(expected, r.error());
        assertEquals(expected, r.stage("p").error());
        assertTrue(plugins.stopped.get("acme") instanceof NoClassDefFoundError);
        assertEquals(range(0, 8), healthy.values);
        assertEquals(StageStatus.SUCCEEDED, r.stage("out_b").status());
        assertEquals(StageStatus.SKIPPED, r.stage("out_p").status());
    }

    @Test
    void pluginRuntimeExceptionInATransformUnderStop() {
        RunResult r = run(new TestPipeline()
                .stage("a", new NumberSource(3, 1))
                .pluginStage("t", "acme", new PassThrough((i, c) -> {
                    throw new NullPointerException("field 'x'");
                }), "a")
                .stage("out", new CollectSink(), "t").build());
        assertEquals(RunStatus.FAILED, r.status());
        assertEquals("Plugin 'acme' failed in stage 't': NullPointerException: field 'x'", r.error());
        assertTrue(plugins.stopped.containsKey("acme"));
    }

    @Test
    void timeoutCancelsTheRun() {
        CollectSink sink = new CollectSink();
        RunResult r = run(new TestPipeline().timeoutSeconds(1)
                .stage("endless", new NumberSource(Integer.MAX_VALUE, 1, 0, (i, c) -> Thread.sleep(5)))
                .stage("out", sink, "endless").build());
        assertEquals(RunStatus.CANCELLED, r.status());
        assertEquals("pipeline timed out after 1 s", r.error());
        assertEquals(StageStatus.CANCELLED, r.stage("endless").status());
        assertEquals(0, sink.commits.get());
        assertEquals(1, sink.aborts.get());
    }

    @Test
    void cancelThroughTheControl() {
        RunControl control = new RunControl();
        List<String> started = new ArrayList<>();
        List<Long> progressSeen = new ArrayList<>();
        control.setListener(new RunListener() {
            @Override
            public synchronized void stageStarted(String stageId) {
                started.add(stageId);
            }

            @Override
            public void progress(List<StageResult> stages) {
                progressSeen.add(stages.get(1).recordsIn());
            }
        });
        CollectSink sink = new CollectSink((i, c) -> {
            if (i == 200) {
                control.cancel();
            }
            Thread.sleep(5);
        });
        RunResult r = run(new TestPipeline()
                .stage("endless", new NumberSource(Integer.MAX_VALUE, 1))
                .stage("out", sink, "endless").build(), control);
        assertEquals(RunStatus.CANCELLED, r.status());
        assertEquals("pipeline cancelled", r.error());
        assertEquals(1, sink.aborts.get());
        assertTrue(started.containsAll(List.of("endless", "out")), started::toString);
        // About 1 s of work: the display got live counters on the way.
        assertFalse(progressSeen.isEmpty());
        assertTrue(progressSeen.get(0) > 0, progressSeen::toString);
    }

    @Test
    void rejectedRecordsGoToTheDeadLetterFile() throws Exception {
        Path dlq = dir.resolve("errors/failed.jsonl");
        CompiledPipeline p = new TestPipeline().deadLetters(dlq)
                .masker(SecretMasker.of(List.of("s3cr3t")))
                .stage("src", new NumberSource(2, 2, 0, (i, c) -> {
                    c.reject(Map.of("id", (long) i, "name", "x\"y"), "line " + (i + 2) + ": token s3cr3t refused");
                    c.report("last_line", (long) i + 2);
                }))
                .stage("out", new CollectSink(), "src").build();
        Instant before = Instant.now();
        RunResult r = run(p);
        assertEquals(RunStatus.SUCCEEDED, r.status(), r::toString);
        assertEquals(2, r.stage("src").deadLettered());
        assertEquals(2, r.stage("src").errors());
        assertEquals(Map.of("last_line", 3L), r.stage("src").reports());
        List<String> lines = Files.readAllLines(dlq);
        assertEquals(2, lines.size());
        JsonNode first = new ObjectMapper().readTree(lines.get(0));
        assertEquals(0, first.get("record").get("id").asLong());
        assertEquals("x\"y", first.get("record").get("name").asText());
        assertEquals("line 2: token *** refused", first.get("error").asText());
        assertEquals("src", first.get("stage_id").asText());
        assertFalse(Instant.parse(first.get("timestamp").asText()).isBefore(before.minusSeconds(1)));
        assertEquals(List.of("record", "error", "stage_id", "timestamp"),
                iterableToList(first.fieldNames()));
    }

    @Test
    void aSinkCountsAsWrittenOnlyWhatItDidNotReject() throws Exception {
        CompiledPipeline p = new TestPipeline().deadLetters(dir.resolve("dlq.jsonl"))
                .stage("src", new NumberSource(3, 4))
                .stage("out", new CollectSink((i, c) -> c.reject(Map.of("batch", (long) i), "refused by the server")),
                        "src").build();
        RunResult r = run(p);
        assertEquals(RunStatus.SUCCEEDED, r.status(), r::toString);
        assertEquals(12, r.stage("out").recordsIn());
        assertEquals(3, r.stage("out").deadLettered());
        assertEquals(9, r.stage("out").recordsOut());
    }

    @Test
    void withoutDeadLetterQueueARejectFailsTheStage() {
        RunResult r = run(new TestPipeline()
                .stage("src", new NumberSource(2, 2, 0, (i, c) -> c.reject(Map.of("id", 7L), "line 4: expected 3 fields, found 2")))
                .stage("out", new CollectSink(), "src").build());
        assertEquals(RunStatus.FAILED, r.status());
        assertEquals("stage 'src' failed: line 4: expected 3 fields, found 2 (record: {\"id\":7}); enable "
                + "[error_handling.dead_letter_queue] to set such records aside and go on", r.error());
    }

    private static List<String> iterableToList(java.util.Iterator<String> it) {
        List<String> out = new ArrayList<>();
        it.forEachRemaining(out::add);
        return out;
    }
}
