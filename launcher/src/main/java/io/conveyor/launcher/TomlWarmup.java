package io.conveyor.launcher;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.tomlj.Toml;

/**
 * Parses the pipeline file named on the command line on a second thread, as soon as the JVM
 * starts, while the launcher's thread starts the framework (some 200 ms).
 *
 * <p>The TOML parser's first parse is the costliest step of a short run: its generated lexer and
 * parser rebuild their state machines in static initialisers and fill their decision caches
 * from the first document, about 200 ms of interpreted code on one core. Those caches are
 * static, so they serve every later parse in the JVM; the engine takes the parser from the
 * launcher's class path (the system bundle exports {@code org.tomlj}, see {@link Main}), and by
 * the time it compiles the file the warm-up has done that work on the machine's other core.
 * Parsing the very file the command names warms exactly the rules it uses.
 *
 * <p>Only a head start: nothing waits for it, nothing it finds is reported (the engine parses
 * the file again and reports what is wrong), and without a pipeline file on the command line
 * ({@code stages}, {@code --version}) it does nothing.
 */
final class TomlWarmup implements Runnable {
    /** Larger files are not read twice: a pipeline file is a few kilobytes. */
    static final long MAX_BYTES = 1 << 20;

    private final Path file;

    private TomlWarmup(Path file) {
        this.file = file;
    }

    /**
     * @param args the command line
     * @return the warm-up thread, started, or null when the command names no pipeline file
     */
    static Thread start(String[] args) {
        Path file = pipelineFile(args);
        if (file == null) {
            return null;
        }
        Thread t = new Thread(new TomlWarmup(file), "conveyor-toml-warmup");
        t.setDaemon(true);
        t.start();
        return t;
    }

    /** @return the first argument that names a regular {@code .toml} file of at most {@link #MAX_BYTES}, or null */
    static Path pipelineFile(String[] args) {
        for (String a : args) {
            if (!a.endsWith(".toml")) {
                continue;
            }
            try {
                Path p = Path.of(a);
                if (Files.isRegularFile(p) && Files.size(p) <= MAX_BYTES) {
                    return p;
                }
            } catch (IOException | RuntimeException e) {
                // Not a usable path: the engine says what is wrong with it.
            }
        }
        return null;
    }

    @Override
    public void run() {
        try {
            Toml.parse(new String(Files.readAllBytes(file), StandardCharsets.UTF_8));
        } catch (IOException | RuntimeException | LinkageError e) {
            // Only a head start: the real parse reports whatever is wrong.
        }
    }
}
