package io.conveyor.it.http;

import io.conveyor.it.support.ItPaths;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInstance;

/**
 * What the in-JVM http tests share: one Felix with the real http plugin for the whole class
 * (loading it once keeps the suite fast), and per test a fresh loopback server and a fresh
 * directory for the pipeline file and what it writes.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ThroughFelixTest {
    FelixPipelines felix;
    LoopbackServer server;
    Path dir;

    @BeforeAll
    void startFelix() throws Exception {
        felix = FelixPipelines.start();
    }

    @AfterAll
    void stopFelix() throws Exception {
        felix.close();
    }

    @BeforeEach
    void startServer() throws Exception {
        dir = ItPaths.newWorkDir("http");
        server = LoopbackServer.start();
    }

    @AfterEach
    void stopServer() {
        server.close();
    }
}
