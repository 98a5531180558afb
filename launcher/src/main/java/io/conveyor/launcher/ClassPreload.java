package io.conveyor.launcher;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.osgi.framework.Bundle;
import org.osgi.framework.launch.Framework;
import org.osgi.framework.wiring.FrameworkWiring;

/**
 * Loads, on a second thread, the classes of Conveyor's core bundles that a run is about to
 * need, while the launcher's thread starts the bundles and the engine compiles the pipeline.
 *
 * <p>The child JVM maps these classes from its archive, but a bundle's class loader still
 * finds each one in the bundle jar and reads and inflates its bytes before the JVM matches
 * them to the archived class: some 0.2 ms a class, about 150 classes for the smallest
 * pipeline, on the one thread every run waits for. The machine's second core is mostly idle
 * then, and by the time the engine asks for a class, this thread has usually loaded it.
 *
 * <p>Which classes: those the training run loaded from Conveyor's bundles, in the order it
 * loaded them (the archive's training run logs class loading, {@link #fromLoadLog}, and the
 * list is kept beside the archive). Loading is all it does: no class is initialised, so
 * nothing runs earlier or on another thread than before. A name that no longer loads is
 * skipped; a missing or unreadable list means no preloading.
 */
final class ClassPreload implements Runnable {
    /** System property naming the list of classes to preload (set by the relaunching parent). */
    static final String LIST_PROPERTY = "conveyor.preload.classes";
    private static final String CONVEYOR = "io.conveyor.";
    private static final String LAUNCHER = "io.conveyor.launcher.";
    /** Loading one class takes milliseconds; a stop never waits longer than this for it. */
    private static final long STOP_WAIT_MILLIS = 2_000;

    private final Path list;
    private final List<Bundle> bundles;
    private volatile boolean stopped;
    private volatile int loaded;
    private Thread thread;

    private ClassPreload(Path list, List<Bundle> bundles) {
        this.list = list;
        this.bundles = List.copyOf(bundles);
    }

    /**
     * @param lines the output of {@code -Xlog:class+load=info:file=...:none}, one class a line
     *        ({@code NAME source: ...})
     * @return the classes of Conveyor's bundles among them (not the launcher's, which the
     *         application class loader maps directly, and no hidden classes such as lambdas,
     *         which have no name to load by), each once, in the order they were loaded
     */
    static List<String> fromLoadLog(List<String> lines) {
        Set<String> names = new LinkedHashSet<>();
        for (String line : lines) {
            int space = line.indexOf(' ');
            String name = space < 0 ? line : line.substring(0, space);
            if (name.startsWith(CONVEYOR) && !name.startsWith(LAUNCHER) && name.indexOf('/') < 0) {
                names.add(name);
            }
        }
        return new ArrayList<>(names);
    }

    /**
     * Resolves the installed bundles (as starting them would) and starts loading the listed
     * classes beside the caller.
     *
     * @param framework the framework, initialised, with the core bundles installed
     * @param installed the core bundles
     * @param listFile the list of classes (the {@value #LIST_PROPERTY} property), or null
     * @return the running preload, or null when there is nothing to preload
     */
    static ClassPreload start(Framework framework, List<Bundle> installed, String listFile) {
        if (listFile == null || listFile.isBlank() || installed.isEmpty()) {
            return null;
        }
        // Starting the bundles resolves them first anyway; resolved now, their classes can be loaded.
        FrameworkWiring wiring = framework.adapt(FrameworkWiring.class);
        if (wiring == null || !wiring.resolveBundles(installed)) {
            // Whatever failed to resolve is reported when the bundle is started, as before.
            return null;
        }
        ClassPreload preload = new ClassPreload(Path.of(listFile), installed);
        preload.thread = new Thread(preload, "conveyor-class-preload");
        preload.thread.setDaemon(true);
        preload.thread.start();
        return preload;
    }

    /**
     * @param millis how long to wait at most
     * @return true if the preload has finished (for tests)
     */
    boolean await(long millis) throws InterruptedException {
        thread.join(millis);
        return !thread.isAlive();
    }

    /** @return how many classes the preload has loaded so far */
    int loaded() {
        return loaded;
    }

    /**
     * Stops loading and waits for the class being loaded, so that the framework never closes a
     * bundle's jar under it (Felix would log a read error on a command that fails at once):
     * the rest of the list is left alone.
     */
    void stop() {
        stopped = true;
        try {
            thread.join(STOP_WAIT_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void run() {
        List<String> names;
        try {
            names = Files.readAllLines(list);
        } catch (IOException | RuntimeException e) {
            return;
        }
        for (String name : names) {
            if (stopped) {
                return;
            }
            Bundle bundle = owner(name);
            if (bundle == null) {
                continue;
            }
            try {
                bundle.loadClass(name);
                loaded++;
            } catch (ClassNotFoundException | LinkageError | RuntimeException e) {
                // Only a head start: the engine loads what it needs itself and reports any failure.
            }
        }
    }

    /** @return the bundle whose symbolic name is the longest package prefix of {@code className}, or null */
    private Bundle owner(String className) {
        Bundle best = null;
        int bestLength = -1;
        for (Bundle b : bundles) {
            String bsn = b.getSymbolicName();
            if (bsn != null && bsn.length() > bestLength && className.startsWith(bsn)
                    && className.length() > bsn.length() && className.charAt(bsn.length()) == '.') {
                best = b;
                bestLength = bsn.length();
            }
        }
        return best;
    }
}
