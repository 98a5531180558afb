package io.conveyor.it.e2e;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Runs the built {@code conveyor.jar} as a user does: {@code java -jar conveyor.jar ARGS} in
 * its own process, with a timeout. Every process gets a private {@code java.io.tmpdir}, so
 * a test can check that the framework storage was removed when it exited. Public so that
 * the plugin suites (e.g. {@code io.conveyor.it.mongodb}) run the jar the same way.
 */
public final class ConveyorProcess {
    static final Path LAUNCHER = Path.of(System.getProperty("conveyor.it.launcher.jar", "../launcher/target/conveyor.jar"))
            .toAbsolutePath().normalize();
    static final Path PROJECT_ROOT = Path.of(System.getProperty("conveyor.it.project.root", ".."))
            .toAbsolutePath().normalize();
    private static final long TIMEOUT_SECONDS = 120;

    private final Path workDir;
    private final Path tmpDir;
    private final Map<String, String> environment = new HashMap<>();
    private byte[] input = new byte[0];

    /**
     * @param workDir the working directory of the process
     * @param tmpDir its private temporary directory (created if missing)
     */
    public ConveyorProcess(Path workDir, Path tmpDir) {
        this.workDir = workDir;
        this.tmpDir = tmpDir;
    }

    /** @return this, with an environment variable set for the process */
    public ConveyorProcess env(String name, String value) {
        environment.put(name, value);
        return this;
    }

    /** @return this, with {@code text} (UTF-8) written to the process's stdin by {@link #run} before it is closed */
    public ConveyorProcess stdin(String text) {
        input = text.getBytes(StandardCharsets.UTF_8);
        return this;
    }

    /** What a finished process left: exit status and both streams. */
    public record Outcome(int exit, String stdout, String stderr) {
        /** @return stdout's lines */
        public List<String> stdoutLines() {
            return stdout.isEmpty() ? List.of() : List.of(stdout.split("\\R"));
        }

        @Override
        public String toString() {
            return "exit " + exit + "\n--- stdout ---\n" + stdout + "--- stderr ---\n" + stderr;
        }
    }

    /** @return a started process, stdin left open (for tests that stop it from outside) */
    public Process start(String... args) throws IOException {
        assertTrue(Files.isRegularFile(LAUNCHER), "conveyor.jar not built: " + LAUNCHER + " (run mvn package first)");
        Files.createDirectories(tmpDir);
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Djava.io.tmpdir=" + tmpDir);
        command.add("-jar");
        command.add(LAUNCHER.toString());
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).directory(workDir.toFile());
        pb.environment().remove("CONVEYOR_PLUGIN_PATH");
        pb.environment().putAll(environment);
        return pb.start();
    }

    /**
     * Runs to completion and returns what it printed. Stdin gets the text given to
     * {@link #stdin} (none by default) and is then closed; it is written from its own thread,
     * so a process that prints before it has read all its input cannot block on a full pipe.
     */
    public Outcome run(String... args) throws Exception {
        Process p = start(args);
        Thread feed = new Thread(() -> {
            try (OutputStream in = p.getOutputStream()) {
                in.write(input);
            } catch (IOException e) {
                // The process ended without reading all its input: its exit status and output say why.
            }
        });
        feed.start();
        Outcome o = await(p);
        feed.join();
        return o;
    }

    /** Waits for a started process, reading both streams. */
    public static Outcome await(Process p) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Thread o = pump(p.getInputStream(), out);
        Thread e = pump(p.getErrorStream(), err);
        if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("conveyor did not finish within " + TIMEOUT_SECONDS + " s; stderr so far:\n"
                    + err.toString(StandardCharsets.UTF_8));
        }
        o.join();
        e.join();
        return new Outcome(p.exitValue(), out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private static Thread pump(InputStream in, ByteArrayOutputStream to) {
        Thread t = new Thread(() -> {
            try (in) {
                in.transferTo(to);
            } catch (IOException ex) {
                throw new UncheckedIOException(ex);
            }
        });
        t.start();
        return t;
    }

    /** @return what the process left in its temporary directory (the Felix storage must be gone) */
    public List<Path> leftInTmp() throws IOException {
        try (Stream<Path> s = Files.list(tmpDir)) {
            return s.filter(f -> f.getFileName().toString().startsWith("conveyor-felix")).toList();
        }
    }

    /** Copies the examples' {@code data/} and the named example directories under {@code to}. */
    static void copyExamples(Path to, String... dirs) throws IOException {
        List<String> all = new ArrayList<>(List.of(dirs));
        all.add("data");
        for (String d : all) {
            Path from = PROJECT_ROOT.resolve("examples").resolve(d);
            try (Stream<Path> files = Files.walk(from)) {
                for (Path f : files.toList()) {
                    Path target = to.resolve(d).resolve(from.relativize(f).toString());
                    if (Files.isDirectory(f)) {
                        Files.createDirectories(target);
                    } else {
                        Files.copy(f, target);
                    }
                }
            }
        }
    }
}
