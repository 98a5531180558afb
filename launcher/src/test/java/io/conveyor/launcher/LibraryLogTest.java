package io.conveyor.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ConnectException;
import java.nio.charset.StandardCharsets;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.Test;

class LibraryLogTest {
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private final LibraryLog log = new LibraryLog(new PrintStream(err, true, StandardCharsets.UTF_8));

    private static LogRecord record(Level level, String message, Throwable thrown) {
        LogRecord r = new LogRecord(level, message);
        r.setLoggerName("org.mongodb.driver.cluster");
        r.setThrown(thrown);
        return r;
    }

    @Test
    void infoChatterIsNotPrinted() {
        log.publish(record(Level.INFO, "Exception in monitor thread while connecting to server 127.0.0.1:1",
                new IOException("Exception opening socket", new ConnectException("Connection refused"))));
        log.publish(record(Level.FINE, "Checking status of 127.0.0.1:1", null));
        assertEquals("", err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void warningsAndErrorsAreOneLineWithoutStackTrace() {
        log.publish(record(Level.WARNING, "Unsupported option 'foo'", null));
        LogRecord withParam = record(Level.SEVERE, "Lost server {0}", new IOException("Connection reset"));
        withParam.setParameters(new Object[] {"127.0.0.1:27017"});
        log.publish(withParam);
        assertEquals("conveyor: org.mongodb.driver.cluster warning: Unsupported option 'foo'\n"
                + "conveyor: org.mongodb.driver.cluster error: Lost server 127.0.0.1:27017: Connection reset\n",
                err.toString(StandardCharsets.UTF_8));
    }
}
