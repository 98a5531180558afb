package io.conveyor.engine.internal;

import org.tomlj.Toml;

/**
 * Parses a small pipeline-shaped TOML document on a background thread while the engine
 * bundle finishes starting and the command line is read, so the first real parse finds the
 * TOML parser ready.
 *
 * <p>The parser's first use is the costliest step of a short command: its generated lexer
 * and parser rebuild their state machines (ANTLR ATN deserialisation) in static
 * initialisers and grow their decision caches on the first document, tens of milliseconds
 * on one core. A run has a second core with nothing to do while the framework starts, so
 * that work moves there. Nothing depends on the warm-up finishing: a parse that comes first
 * simply waits for the class initialisation the JVM is already doing, or does it itself.
 * Only stopping the bundle waits for it ({@link #await}): a warm-up still loading classes
 * when the framework closes the bundle's jar (a command that fails at once) would make the
 * framework log a read error.
 */
final class ParserWarmup implements Runnable {
    /** What pipeline files hold: tables, arrays of tables, inline tables, strings, numbers, arrays, comments. */
    static final String DOCUMENT = """
            # warm-up
            [pipeline]
            name = "warmup"
            description = 'warm-up'

            [global]
            log_level = "info"
            max_parallel_tasks = 4
            plugins = []

            [global.variables]
            region = "eu"

            [[stages]]
            id = "in"
            type = "source.csv"
            config = { path = "in.csv", delimiter = ",", header = true }

            [[stages]]
            id = "out"
            type = "sink.stdout"
            inputs = ["in"]
            [stages.config]
            format = "table"
            limit = 1.5e3

            [error_handling]
            strategy = "stop"
            """;

    private Thread thread;

    private ParserWarmup() {
    }

    /**
     * Starts the warm-up on a daemon thread and returns at once.
     *
     * @return the running warm-up
     */
    static ParserWarmup start() {
        ParserWarmup warmup = new ParserWarmup();
        Thread t = new Thread(warmup, "conveyor-parser-warmup");
        t.setDaemon(true);
        warmup.thread = t;
        t.start();
        return warmup;
    }

    /**
     * Waits until the warm-up has finished (it takes a fraction of a second).
     *
     * @param millis the longest wait
     * @return true if it has finished
     */
    boolean await(long millis) {
        try {
            thread.join(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return !thread.isAlive();
    }

    @Override
    public void run() {
        try {
            Toml.parse(DOCUMENT);
        } catch (RuntimeException | LinkageError e) {
            // Only a head start: the real parse reports whatever is wrong with the parser.
        }
    }
}
