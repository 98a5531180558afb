package io.conveyor.it.support;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * An OSGi framework started the way a container starts itself, not by our launcher: the
 * framework jar (Apache Felix or Eclipse Equinox) in its own class loader, nothing of
 * Conveyor exported from the system bundle, bundles installed from files. Everything is
 * called reflectively ({@link Reflective}) with {@code java.*} types, so the test's copies
 * of {@code org.osgi.*} and {@code io.conveyor.api} never meet the framework's.
 */
public final class ContainerFramework implements AutoCloseable {
    /** Which framework to start. */
    public enum Kind {
        /** Apache Felix 7. */
        FELIX("felix.jar", "org.apache.felix.framework.FrameworkFactory"),
        /** Eclipse Equinox. */
        EQUINOX("equinox.jar", "org.eclipse.osgi.launch.EquinoxFactory");

        private final String jar;
        private final String factory;

        Kind(String jar, String factory) {
            this.jar = jar;
            this.factory = factory;
        }
    }

    private static final int ACTIVE = 32;
    private static final int UNINSTALLED = 1;

    private final Object framework;
    private final Object context;
    private final URLClassLoader loader;
    private final Path storage;

    private ContainerFramework(Object framework, URLClassLoader loader, Path storage) {
        this.framework = framework;
        this.context = Reflective.call(framework, "getBundleContext");
        this.loader = loader;
        this.storage = storage;
    }

    /**
     * @param kind the framework
     * @param properties framework properties besides the storage
     * @return the started framework, no bundle installed
     */
    public static ContainerFramework start(Kind kind, Map<String, String> properties) throws Exception {
        return start(kind, properties, List.of());
    }

    /**
     * @param kind the framework
     * @param properties framework properties besides the storage
     * @param classPath more jars on the framework's class path (a container's own libraries,
     *                  which it may export from the system bundle)
     * @return the started framework, no bundle installed
     */
    public static ContainerFramework start(Kind kind, Map<String, String> properties, List<Path> classPath)
            throws Exception {
        Path jar = frameworks().resolve(kind.jar);
        List<URL> urls = new ArrayList<>(List.of(jar.toUri().toURL()));
        for (Path p : classPath) {
            urls.add(p.toUri().toURL());
        }
        URLClassLoader loader = new URLClassLoader(urls.toArray(URL[]::new), ClassLoader.getPlatformClassLoader());
        Path storage = ItPaths.newWorkDir(kind.name().toLowerCase());
        Map<String, String> config = new HashMap<>(properties);
        config.put("org.osgi.framework.storage", storage.toString());
        config.put("org.osgi.framework.storage.clean", "onFirstInit");
        Object factory = loader.loadClass(kind.factory).getConstructor().newInstance();
        Object framework = Reflective.call(factory, "newFramework", config);
        Reflective.call(framework, "start");
        return new ContainerFramework(framework, loader, storage);
    }

    /** @return {@code target/frameworks}: felix.jar and equinox.jar */
    private static Path frameworks() {
        String v = System.getProperty("conveyor.it.frameworks");
        if (v == null) {
            throw new IllegalStateException("system property conveyor.it.frameworks is not set; run the tests through Maven");
        }
        return Path.of(v);
    }

    private final Set<String> deployed = new HashSet<>();

    private static String identity(Path jar) throws IOException {
        try (JarFile jf = new JarFile(jar.toFile())) {
            Attributes a = jf.getManifest().getMainAttributes();
            return a.getValue("Bundle-SymbolicName").split(";")[0].strip() + ":" + a.getValue("Bundle-Version");
        }
    }

    /**
     * Installs every jar in the directories, then starts each one that is not a fragment,
     * as a container's deploy folder would.
     *
     * @param dirs directories of bundle jars
     * @return the installed bundles (framework objects)
     */
    public List<Object> installAndStart(Path... dirs) throws IOException {
        List<Object> installed = new ArrayList<>();
        for (Path dir : dirs) {
            try (Stream<Path> jars = Files.list(dir)) {
                for (Path jar : jars.filter(p -> p.toString().endsWith(".jar")).sorted().toList()) {
                    if (!deployed.add(identity(jar))) {
                        // A plugin folder may carry a library the container already has (the
                        // http plugin ships jackson-core); a deploy folder holds it once.
                        continue;
                    }
                    try (InputStream in = Files.newInputStream(jar)) {
                        installed.add(Reflective.call(context, "installBundle", jar.toUri().toString(), in));
                    }
                }
            }
        }
        for (Object b : installed) {
            if (header(b, "Fragment-Host") == null) {
                Reflective.call(b, "start");
            }
        }
        return installed;
    }

    /**
     * @param interfaceName a service interface
     * @return the service object (of the framework's class space), or null
     */
    public Object service(String interfaceName) {
        // getAllServiceReferences: the system bundle does not wire to io.conveyor.api.
        Object refs = Reflective.call(context, "getAllServiceReferences", interfaceName, null);
        if (refs == null || java.lang.reflect.Array.getLength(refs) == 0) {
            return null;
        }
        return Reflective.call(context, "getService", java.lang.reflect.Array.get(refs, 0));
    }

    /**
     * @param symbolicName an installed bundle
     * @param packageName a package it imports
     * @return the id of the bundle its import of that package is wired to, or -1 if unwired
     */
    public long packageProvider(String symbolicName, String packageName) throws ClassNotFoundException {
        Class<?> wiringType = loader.loadClass("org.osgi.framework.wiring.BundleWiring");
        for (Object b : (Object[]) Reflective.call(context, "getBundles")) {
            if (!symbolicName.equals(Reflective.call(b, "getSymbolicName"))) {
                continue;
            }
            Object wiring = Reflective.call(b, "adapt", wiringType);
            for (Object wire : (List<?>) Reflective.call(wiring, "getRequiredWires", "osgi.wiring.package")) {
                Map<?, ?> attributes = (Map<?, ?>) Reflective.call(Reflective.call(wire, "getCapability"), "getAttributes");
                if (packageName.equals(attributes.get("osgi.wiring.package"))) {
                    Object provider = Reflective.call(Reflective.call(wire, "getProvider"), "getBundle");
                    return (Long) Reflective.call(provider, "getBundleId");
                }
            }
            return -1;
        }
        throw new IllegalArgumentException("no bundle " + symbolicName + " in " + bundleStates());
    }

    /** @return symbolic name → state name (ACTIVE, RESOLVED, ...) of every installed bundle */
    public Map<String, String> bundleStates() {
        Map<String, String> out = new TreeMap<>();
        for (Object b : (Object[]) Reflective.call(context, "getBundles")) {
            int state = (Integer) Reflective.call(b, "getState");
            out.put(String.valueOf(Reflective.call(b, "getSymbolicName")), stateName(state));
        }
        return out;
    }

    /** @return true while the framework is ACTIVE */
    public boolean running() {
        return (Integer) Reflective.call(framework, "getState") == ACTIVE;
    }

    /** @return the framework's vendor, from the system bundle's headers */
    public String vendor() {
        return String.valueOf(Reflective.call(context, "getProperty", "org.osgi.framework.vendor"));
    }

    private static Object header(Object bundle, String name) {
        Object headers = Reflective.call(bundle, "getHeaders");
        return Reflective.call(headers, "get", name);
    }

    private static String stateName(int state) {
        return switch (state) {
            case UNINSTALLED -> "UNINSTALLED";
            case 2 -> "INSTALLED";
            case 4 -> "RESOLVED";
            case 8 -> "STARTING";
            case 16 -> "STOPPING";
            case ACTIVE -> "ACTIVE";
            default -> "state " + state;
        };
    }

    /** Stops the framework, waits for it, closes its class loader and deletes its storage. */
    @Override
    public void close() throws Exception {
        try {
            Reflective.call(framework, "stop");
            Reflective.call(framework, "waitForStop", 10_000L);
        } finally {
            loader.close();
            try (Stream<Path> files = Files.walk(storage)) {
                for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }
}
