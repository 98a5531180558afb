package io.conveyor.launcher;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * Runs the command in a child JVM that maps a {@link ClassArchive}, because JVM options
 * (which class-data sharing needs) cannot be given in a jar's manifest and the README's
 * command is plain {@code java -jar conveyor.jar pipeline.toml}.
 *
 * <p>The first run for a jar and JVM makes the archive with a short training run of a
 * built-in pipeline (output discarded), then runs the command with it. Whenever anything
 * about the cache is missing or fails (no home directory, a read-only cache, training that
 * fails), the command runs in this JVM as before: a cache never fails a run.
 *
 * <p>The child inherits standard input, output and error, the parent's JVM options (after
 * Conveyor's own defaults, {@link ChildJvmOptions}, so the user's win) and environment;
 * the parent returns the child's exit status. Ctrl-C reaches both processes of
 * the terminal's foreground group, so the parent ignores SIGINT and waits for the child to
 * finish its own handling; SIGTERM and SIGHUP sent to the parent alone are passed on. The
 * previous handlers are restored once the child has exited.
 */
final class ArchivedRelaunch {
    /** System property marking the child JVM (and the training run), so it does not relaunch again. */
    static final String CHILD_PROPERTY = "conveyor.launch.child";
    /** System property that turns the relaunch off: {@code -Dconveyor.archive=false}. */
    static final String ENABLED_PROPERTY = "conveyor.archive";
    private static final String TRAINING = "training/";
    private static final List<String> TRAINING_FILES = List.of("pipeline.toml", "orders.csv", "regions.csv");
    private static final long TRAINING_TIMEOUT_SECONDS = 120;
    /** JDK log tags of class-data sharing: its warnings go to stdout, which belongs to sink.stdout. */
    private static final List<String> QUIET_SHARING = List.of("-Xlog:cds=off", "-Xlog:cds+dynamic=off");
    /** What the child's standard input (the parent's, inherited) is, where the platform shows it. */
    private static final Path STDIN = Files.isSymbolicLink(Path.of("/proc/self/fd/0")) ? Path.of("/proc/self/fd/0") : null;

    private final Path javaCommand;
    private final Path jar;
    private final List<String> jvmOptions;
    private final ClassArchive archive;
    private final boolean serverCompiler;
    private boolean extractedBundles;

    ArchivedRelaunch(Path java, Path jar, List<String> jvmOptions, ClassArchive archive) {
        this(java, jar, jvmOptions, archive, ChildJvmOptions.hasServerCompiler());
    }

    /**
     * @param serverCompiler whether the child JVM has C2, so that a choice of compilers means something
     *        ({@link CompilerChoice})
     */
    ArchivedRelaunch(Path java, Path jar, List<String> jvmOptions, ClassArchive archive, boolean serverCompiler) {
        this.javaCommand = java;
        this.jar = jar;
        this.jvmOptions = List.copyOf(jvmOptions);
        this.archive = archive;
        this.serverCompiler = serverCompiler;
    }

    /**
     * @param args the command line
     * @param bundles the running jar
     * @return the child's exit status, or empty if the command should run in this JVM
     */
    static OptionalInt runInChild(String[] args, BundleSource bundles) {
        if (System.getProperty(CHILD_PROPERTY) != null || "false".equals(System.getProperty(ENABLED_PROPERTY))) {
            return OptionalInt.empty();
        }
        ArchivedRelaunch relaunch;
        try {
            relaunch = prepare(bundles.jarPath());
        } catch (RuntimeException e) {
            // An odd command line or file system: never a reason to fail the run.
            return OptionalInt.empty();
        }
        return relaunch == null ? OptionalInt.empty() : relaunch.run(args);
    }

    /** @return the relaunch for this jar and JVM, or null if the command should run here */
    private static ArchivedRelaunch prepare(Path jar) {
        if (!Files.isRegularFile(jar)) {
            return null;
        }
        Optional<ParentCommandLine> parent = ParentCommandLine.ofThisProcess(jar);
        if (parent.isEmpty() || parent.get().managesSharingItself()) {
            return null;
        }
        // Conveyor's defaults are part of the key: an archive made under another collector does not fit.
        Map<String, String> environment = System.getenv();
        Optional<ClassArchive> archive = ClassArchive.of(jar,
                ChildJvmOptions.withDefaults(parent.get().archiveRelevantOptions(), environment));
        if (archive.isEmpty()) {
            return null;
        }
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        return new ArchivedRelaunch(java, jar, ChildJvmOptions.withDefaults(parent.get().jvmOptions(), environment),
                archive.get());
    }

    /**
     * @param args the command line
     * @return the child's exit status, or empty if there is no archive and none could be made
     */
    OptionalInt run(String[] args) {
        // Extracted once, like the archive; without them the child installs from the jar as before.
        extractedBundles = archive.coreBundles().extract(new BundleSource(jar));
        if (!archive.exists() && !train()) {
            return OptionalInt.empty();
        }
        // Before the child starts: a prune by a concurrent run keeps what this run is about to use.
        archive.markUsed();
        // Handlers first: Ctrl-C right after the child starts must not end the parent alone.
        // (Java handlers, not SIG_IGN: a started process gets the default disposition back.)
        SignalForwarder forwarder = new SignalForwarder();
        Map<Signal, SignalHandler> previous = passSignalsTo(forwarder);
        try {
            Process child;
            try {
                child = new ProcessBuilder(childCommand(args)).inheritIO().start();
            } catch (IOException | RuntimeException e) {
                // Nothing has run yet: run the command here instead.
                return OptionalInt.empty();
            }
            forwarder.child = child;
            while (true) {
                try {
                    return OptionalInt.of(child.waitFor());
                } catch (InterruptedException e) {
                    // Nothing in the parent interrupts this thread; keep waiting for the child's status.
                }
            }
        } finally {
            for (Map.Entry<Signal, SignalHandler> e : previous.entrySet()) {
                Signal.handle(e.getKey(), e.getValue());
            }
        }
    }

    /** @return the command that runs {@code args} in a child JVM with the archive */
    List<String> childCommand(String[] args) {
        // Not part of the archive's key: an archive serves a run whichever compilers it uses.
        List<String> command = javaWithOptions(
                CompilerChoice.options(args, jvmOptions, System.getenv(), serverCompiler, STDIN));
        command.add("-XX:SharedArchiveFile=" + archive.path());
        command.add("-Xshare:auto");
        command.add("-jar");
        command.add(jar.toString());
        command.addAll(List.of(args));
        return command;
    }

    /** @param chosen options chosen for this run, before the user's so that an options file of theirs wins */
    private List<String> javaWithOptions(List<String> chosen) {
        List<String> command = new ArrayList<>();
        command.add(javaCommand.toString());
        // Before the user's options, so an explicit -Xlog:cds still shows what sharing does.
        command.addAll(QUIET_SHARING);
        command.addAll(chosen);
        command.addAll(jvmOptions);
        command.add("-D" + CHILD_PROPERTY + "=true");
        if (extractedBundles) {
            command.add("-D" + BundleSource.EXTRACTED_PROPERTY + "=" + archive.coreBundles().dir());
        }
        command.add("-D" + SystemPackages.FILE_PROPERTY + "=" + archive.systemPackagesFile());
        if (Files.isRegularFile(archive.classListFile())) {
            command.add("-D" + ClassPreload.LIST_PROPERTY + "=" + archive.classListFile());
        }
        return command;
    }

    /**
     * Makes the archive by running a built-in pipeline that touches the usual start-up path
     * (framework, engine, TOML, CSV and JSON, the summary) in a JVM that writes the classes
     * it loaded to a scratch file at exit, then publishes it.
     *
     * @return true if the archive now exists
     */
    boolean train() {
        Path work = null;
        Path scratch = null;
        Path loadLog = null;
        try {
            scratch = archive.newScratchFile();
            loadLog = archive.newScratchFile();
            work = Files.createTempDirectory("conveyor-training-");
            for (String name : TRAINING_FILES) {
                try (InputStream in = ArchivedRelaunch.class.getResourceAsStream("/" + TRAINING + name)) {
                    if (in == null) {
                        return false;
                    }
                    Files.copy(in, work.resolve(name));
                }
            }
            List<String> command = javaWithOptions(List.of());
            command.add("-XX:ArchiveClassesAtExit=" + scratch);
            if (plainLogPath(loadLog)) {
                // The classes it loads, for the children to load ahead (ClassPreload).
                command.add("-Xlog:class+load=info:file=" + loadLog + ":none");
            }
            command.add("-jar");
            command.add(jar.toString());
            command.add(work.resolve("pipeline.toml").toString());
            Process p = new ProcessBuilder(command).directory(work.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(nullFile()))
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            if (!p.waitFor(TRAINING_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return false;
            }
            if (p.exitValue() != 0 || !archive.publish(scratch)) {
                return false;
            }
            publishClassList(loadLog);
            return true;
        } catch (IOException | RuntimeException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } finally {
            deleteQuietly(scratch);
            deleteQuietly(loadLog);
            if (work != null) {
                StorageDir.delete(work, new PrintStream(OutputStream.nullOutputStream()));
            }
        }
    }

    /** Publishes the classes the training run loaded, if it logged them; without them a run only starts later. */
    private void publishClassList(Path loadLog) {
        try {
            if (Files.isRegularFile(loadLog)) {
                // Latin-1 reads any bytes; the names kept are ASCII.
                archive.publishClassList(ClassPreload.fromLoadLog(Files.readAllLines(loadLog, StandardCharsets.ISO_8859_1)));
            }
        } catch (IOException | RuntimeException e) {
            // No list: the children load every class when the engine asks for it.
        }
    }

    /**
     * @return whether {@code file} can be named in an {@code -Xlog} option as it is: the option
     *         separates its parts with ':', and expands '%' in file names
     */
    static boolean plainLogPath(Path file) {
        String s = file.toString();
        return s.indexOf(':') < 0 && s.indexOf('%') < 0 && s.indexOf('"') < 0 && s.indexOf(',') < 0;
    }

    private static File nullFile() {
        return new File(System.getProperty("os.name").startsWith("Windows") ? "NUL" : "/dev/null");
    }

    private static void deleteQuietly(Path file) {
        if (file != null) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                // A scratch file left behind is removed by a later publish once old.
            }
        }
    }

    /**
     * Every signal that stops a run is passed on: a SIGINT sent to the parent alone
     * ({@code kill -INT}) must stop the child as well. Ctrl-C at a terminal reaches both
     * processes, so the child sees it twice within a moment; the child takes signals that
     * close together as one (see {@code Main.interrupt}), so the run still ends with its summary.
     */
    private static Map<Signal, SignalHandler> passSignalsTo(SignalForwarder forwarder) {
        Map<Signal, SignalHandler> previous = new HashMap<>();
        handle("INT", forwarder, previous);
        handle("TERM", forwarder, previous);
        handle("HUP", forwarder, previous);
        return previous;
    }

    private static void handle(String name, SignalHandler handler, Map<Signal, SignalHandler> previous) {
        try {
            Signal signal = new Signal(name);
            previous.put(signal, Signal.handle(signal, handler));
        } catch (IllegalArgumentException e) {
            // The signal does not exist here or the JVM reserves it (-Xrs): keep the default.
        }
    }

    /**
     * Passes a signal on to the child once there is one (SIGINT as SIGINT, others as SIGTERM), else ignores it.
     * A class, not a lambda: see {@link ParentCommandLine#ofThisProcess}.
     */
    private static final class SignalForwarder implements SignalHandler {
        private volatile Process child;

        @Override
        public void handle(Signal signal) {
            Process c = child;
            if (c == null) {
                return;
            }
            if (signal.getName().equals("INT") && sendInterrupt(c)) {
                return;
            }
            c.destroy();
        }

        /** The child reports the signal it got, so a SIGINT is passed on as one (Process can only send TERM). */
        private static boolean sendInterrupt(Process c) {
            try {
                return new ProcessBuilder("kill", "-INT", Long.toString(c.pid())).redirectErrorStream(true)
                        .redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor() == 0;
            } catch (java.io.IOException | RuntimeException e) {
                return false;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
    }
}
