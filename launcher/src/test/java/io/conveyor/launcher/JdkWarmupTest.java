package io.conveyor.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

class JdkWarmupTest {
    @Test
    void onceAwaitedLibraryLoggingIsInPlaceAsWhenItWasInstalledFirstThing() {
        Logger root = Logger.getLogger("");
        Handler[] before = root.getHandlers();
        Level level = root.getLevel();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try {
            JdkWarmup.start(new PrintStream(err, true, StandardCharsets.UTF_8)).await();
            assertEquals(1, root.getHandlers().length);
            assertEquals(LibraryLog.class, root.getHandlers()[0].getClass());
            Logger.getLogger("org.example.driver").info("settings dump");
            Logger.getLogger("org.example.driver").warning("server unreachable");
            assertEquals(List.of("conveyor: org.example.driver warning: server unreachable"),
                    err.toString(StandardCharsets.UTF_8).lines().toList());
        } finally {
            for (Handler h : root.getHandlers()) {
                root.removeHandler(h);
            }
            for (Handler h : before) {
                root.addHandler(h);
            }
            root.setLevel(level);
        }
    }

    @Test
    void waitingForNoWarmUpReturnsAtOnce() {
        JdkWarmup.none().await();
    }
}
