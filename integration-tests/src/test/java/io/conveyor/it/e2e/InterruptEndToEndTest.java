package io.conveyor.it.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import io.conveyor.it.e2e.ConveyorProcess.Outcome;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Stopping conveyor from outside (SIGTERM, as Ctrl-C's SIGINT, runs the shutdown hook) still
 * stops the framework and removes its storage, without an internal error or stack trace. The
 * run is held mid-request by a loopback HTTP server that does not answer. Needs the http plugin.
 */
class InterruptEndToEndTest {
    @TempDir
    Path dir;

    @Test
    void terminatedRunLeavesNoFrameworkStorage() throws Exception {
        CountDownLatch requested = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/slow", exchange -> {
            requested.countDown();
            try {
                release.await(120, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.close();
        });
        server.start();
        try {
            Files.writeString(dir.resolve("wait.toml"), """
                    [pipeline]
                    name = "waits_for_a_reply"

                    [global]
                    plugins = ["http"]

                    [[stages]]
                    id = "api"
                    type = "plugin.http"
                    inputs = []
                    [stages.config]
                    url = "http://127.0.0.1:%d/slow"
                    timeout = 120

                    [[stages]]
                    id = "show"
                    type = "sink.stdout"
                    inputs = ["api"]
                    """.formatted(server.getAddress().getPort()));
            ConveyorProcess conveyor = new ConveyorProcess(dir, dir.resolve("tmp"));
            Process p = conveyor.start("wait.toml");
            if (!requested.await(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError("precondition: the run should call the server\n" + ConveyorProcess.await(p));
            }
            assertTrue(p.isAlive(), "the run waits for the reply");
            assertEquals(1, conveyor.leftInTmp().size(), "the framework storage exists while running");
            // SIGTERM through the handle: Process.destroy() would also close our ends of the
            // pipes and lose what conveyor prints while stopping.
            assertTrue(p.toHandle().destroy(), "SIGTERM sent");
            Outcome o = ConveyorProcess.await(p);
            assertTrue(o.exit() != 0, o::toString);
            assertTrue(o.stderr().contains("conveyor: interrupted; stopping"), o::toString);
            assertFalse(o.stderr().contains("internal error"), o::toString);
            assertFalse(o.stderr().contains("\tat "), o::toString);
            assertEquals(List.of(), conveyor.leftInTmp(), () -> "storage removed after SIGTERM\n" + o);
        } finally {
            release.countDown();
            server.stop(0);
        }
    }
}
