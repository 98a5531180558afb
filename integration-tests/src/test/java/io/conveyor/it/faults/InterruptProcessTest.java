package io.conveyor.it.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import io.conveyor.it.e2e.ConveyorProcess;
import io.conveyor.it.e2e.ConveyorProcess.Outcome;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * Property: Ctrl-C (SIGINT, sent with {@code kill -INT}) or SIGTERM during a run ends the
 * process with exit status 130 and the summary, the stages cancelled, the sink aborted (no output file,
 * no temporary file) and the framework storage removed. The run is held mid-stream by a
 * loopback server that answers page 1 and never answers page 2.
 */
class InterruptProcessTest {
    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"INT", "TERM"})
    void exits130WithTheSummaryAndLeavesNoPartialFile(String sent) throws Exception {
        CountDownLatch secondPage = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/orders", exchange -> {
            if (exchange.getRequestURI().getQuery().contains("page=1")) {
                byte[] body = "[{\"id\":1},{\"id\":2},{\"id\":3}]".getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, body.length);
                exchange.getResponseBody().write(body);
                exchange.close();
                return;
            }
            secondPage.countDown();
            try {
                release.await(120, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.close();
        });
        server.start();
        try {
            Files.writeString(dir.resolve("orders.toml"), """
                    [pipeline]
                    name = "orders_copy"
                    [global]
                    plugins = ["http"]
                    [[stages]]
                    id = "orders"
                    type = "plugin.http"
                    [stages.config]
                    url = "http://127.0.0.1:%d/orders"
                    pagination = "page"
                    batch_size = 3
                    timeout = 120
                    [[stages]]
                    id = "save"
                    type = "sink.csv"
                    inputs = ["orders"]
                    [stages.config]
                    path = "out/orders.csv"
                    """.formatted(server.getAddress().getPort()));
            ConveyorProcess conveyor = new ConveyorProcess(dir, dir.resolve("tmp"));
            Process p = conveyor.start("orders.toml");
            if (!secondPage.await(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError("precondition: the run should ask for page 2\n" + ConveyorProcess.await(p));
            }
            // Page 1 reached the sink, which writes a temporary file; wait for it (briefly).
            for (int i = 0; i < 100 && outDir().isEmpty(); i++) {
                Thread.sleep(20);
            }
            assertTrue(p.isAlive(), "the run waits for page 2");
            String signal = sent.equals("INT") && sigintIgnored() ? "TERM" : sent;
            Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(p.pid())).start();
            assertEquals(0, kill.waitFor(), "kill -" + signal);
            Outcome o = ConveyorProcess.await(p);
            assertEquals(130, o.exit(), o::toString);
            assertTrue(o.stderr().contains("conveyor: interrupted (SIG" + signal + "); stopping"), o::toString);
            assertTrue(o.stderr().matches("(?s).*orders +cancelled +0 +3 .*"), o::toString);
            assertTrue(o.stderr().matches("(?s).*save +cancelled +3 +0 .*"), o::toString);
            assertTrue(o.stderr().contains("Pipeline 'orders_copy' was cancelled after "), o::toString);
            assertTrue(o.stderr().contains(": interrupted (SIG" + signal + ")\n"), o::toString);
            assertFalse(o.stderr().contains("\tat "), o::toString);
            assertFalse(o.stderr().contains("internal error"), o::toString);
            assertEquals(List.of(), outDir(), "no output and no temporary file");
            assertEquals(List.of(), conveyor.leftInTmp(), "framework storage removed");
        } finally {
            release.countDown();
            server.stop(0);
        }
    }

    private List<Path> outDir() throws Exception {
        Path out = dir.resolve("out");
        if (!Files.isDirectory(out)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(out)) {
            return s.toList();
        }
    }

    /**
     * A process started with SIGINT ignored (a background job of a non-interactive shell) passes
     * that on, and no JVM can then handle it; the same path is then tested with SIGTERM.
     */
    private static boolean sigintIgnored() throws Exception {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("SigIgn:")) {
                return (Long.parseUnsignedLong(line.substring(7).trim(), 16) & 0x2) != 0;
            }
        }
        return false;
    }
}
