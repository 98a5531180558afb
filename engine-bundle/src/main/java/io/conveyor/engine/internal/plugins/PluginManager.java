package io.conveyor.engine.internal.plugins;

import io.conveyor.api.ConveyorApi;
import io.conveyor.api.SinkFactory;
import io.conveyor.api.SourceFactory;
import io.conveyor.api.StageFactory;
import io.conveyor.api.StageKind;
import io.conveyor.api.TransformFactory;
import io.conveyor.engine.internal.log.Log;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Dictionary;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.Constants;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.wiring.FrameworkWiring;

/**
 * Loads plugins into the OSGi framework on demand (DESIGN section 6).
 *
 * <p>{@link #load} looks for the plugin, in order: stage-factory services or a
 * {@code Conveyor-Plugin} bundle already in the container (used as they are); a plugin
 * directory ({@link #setPluginDirs}, then {@code CONVEYOR_PLUGIN_PATH}, then
 * {@code plugins/} next to the launcher jar); the plugins bundled in the launcher jar. A
 * plugin from disk or the launcher jar has its {@code io.conveyor.api} import range
 * checked before anything is installed, then its library bundles (reused when the same
 * symbolic name and version is installed) and the plugin are installed and started inside
 * a guard that catches every {@link Throwable}; SCR is installed first when the plugin uses
 * Declarative Services. The plugin is loaded once it has registered at least one stage
 * factory whose service can be obtained. Any failure undoes what was installed for it and
 * becomes the message {@link #load} returns; the host goes on.
 *
 * <p>A plugin stopped by {@link #stopOnError} stays stopped (its bundle RESOLVED, still
 * installed) and {@link #load} refuses it from then on: code that failed once in a run is
 * not trusted again by the same process. Only an explicit {@link #unload} (the shell's
 * {@code unload NAME}) removes it, after which {@link #load} installs it afresh.
 *
 * <p>Thread-safe. Only {@link #load} installs anything.
 */
public final class PluginManager implements PluginLoader {
    /** Framework property: absolute path of {@code conveyor.jar}, set by the launcher. */
    public static final String LAUNCHER_JAR_PROPERTY = "conveyor.launcher.jar";
    /** Environment variable: more plugin directories, separated by the platform's path separator. */
    public static final String PLUGIN_PATH_ENV = "CONVEYOR_PLUGIN_PATH";
    /**
     * Framework property: plugin directories separated by the platform's path separator, for
     * a container that hosts the engine without the command line (searched after
     * {@code --plugin-dir}, before {@value #PLUGIN_PATH_ENV}).
     */
    public static final String PLUGIN_PATH_PROPERTY = "conveyor.plugin.path";

    private static final long MODULE_WAIT_MS = 2_000;
    private static final long MODULE_POLL_MS = 20;
    private static final String SCOPE = "plugins";
    private static final Map<StageKind, String> FACTORY_TYPES = Map.of(
            StageKind.SOURCE, SourceFactory.class.getName(),
            StageKind.TRANSFORM, TransformFactory.class.getName(),
            StageKind.SINK, SinkFactory.class.getName());

    private final BundleContext context;
    private final Log log;
    private final Function<String, String> environment;
    private final Path launcherJar;
    private final BundleInstaller installer;
    private final ScrProvisioner scr;
    private final Map<String, LoadedPlugin> loaded = new LinkedHashMap<>();
    private final Map<String, String> failures = new HashMap<>();
    private List<Path> pluginDirs = List.of();

    /**
     * @param context the context to install bundles and find services with (the engine
     *                bundle's, or the system bundle's when embedding)
     * @param log where load and stop events are logged
     */
    public PluginManager(BundleContext context, Log log) {
        this(context, log, System::getenv);
    }

    /**
     * @param context as above
     * @param log as above
     * @param environment reads environment variables ({@value #PLUGIN_PATH_ENV}); tests pass their own
     */
    public PluginManager(BundleContext context, Log log, Function<String, String> environment) {
        this.context = context;
        this.log = log;
        this.environment = environment;
        String jar = context.getProperty(LAUNCHER_JAR_PROPERTY);
        this.launcherJar = jar == null || jar.isBlank() ? null : Path.of(jar).toAbsolutePath().normalize();
        this.installer = new BundleInstaller(context);
        this.scr = new ScrProvisioner(context, installer, launcherJar);
    }

    /** @param dirs the {@code --plugin-dir} values, searched before {@value #PLUGIN_PATH_PROPERTY} and {@value #PLUGIN_PATH_ENV} */
    public synchronized void setPluginDirs(List<Path> dirs) {
        this.pluginDirs = List.copyOf(dirs);
    }

    /** @return the directories searched, in order (missing ones included) */
    public synchronized List<Path> searchPath() {
        List<Path> explicit = new ArrayList<>(pluginDirs);
        explicit.addAll(PluginCatalog.splitPath(context.getProperty(PLUGIN_PATH_PROPERTY)));
        return PluginCatalog.searchPath(explicit, environment.apply(PLUGIN_PATH_ENV), launcherJar);
    }

    @Override
    public synchronized String load(String name) {
        String error;
        try {
            error = loadOrExplain(name);
        } catch (LoadFailure f) {
            error = f.getMessage();
        } catch (Throwable t) {
            error = LoadFailure.panicked(name, LoadFailure.describe(LoadFailure.unwrap(t))).getMessage();
        }
        if (error == null) {
            failures.remove(name);
        } else {
            failures.put(name, error);
            log.debug(SCOPE, error);
        }
        return error;
    }

    private String loadOrExplain(String name) throws Exception {
        if (name == null || name.isBlank() || name.contains("/") || name.contains("\\") || name.startsWith(".")) {
            throw new LoadFailure("Plugin name '" + name + "' is invalid; use the name in the plugin's Conveyor-Plugin header");
        }
        LoadedPlugin p = loaded.get(name);
        if (p != null) {
            if (p.failure() != null) {
                throw new LoadFailure("Plugin '" + name + "' was stopped after a failure: " + p.failure()
                        + "; restart Conveyor to load it again");
            }
            return null;
        }
        Bundle inContainer = containerBundle(name);
        if (inContainer != null || !factoryReferences(name).isEmpty()) {
            useContainer(name, inContainer);
            return null;
        }
        PluginCatalog catalog = catalog();
        PluginCatalog.Lookup found = catalog.find(name);
        if (found.problem() != null) {
            throw new LoadFailure(found.problem());
        }
        if (found.source() == null) {
            throw new LoadFailure(notFound(name, catalog));
        }
        install(found.source());
        return null;
    }

    /** Uses a plugin the container already has: starts its bundle if needed, never uninstalls it. */
    private void useContainer(String name, Bundle bundle) throws LoadFailure {
        if (bundle != null) {
            Map<String, String> headers = headers(bundle);
            String apiProblem = ApiCompatibility.problem(name, headers);
            if (apiProblem != null) {
                throw new LoadFailure(apiProblem);
            }
            if (BundleArchive.usesDeclarativeServices(headers)) {
                scr.ensure(name);
            }
            if (!headers.containsKey(Constants.FRAGMENT_HOST) && bundle.getState() != Bundle.ACTIVE) {
                try {
                    bundle.start();
                } catch (Throwable t) {
                    throw LoadFailure.panicked(name, startFailure(bundle, t));
                }
            }
        }
        List<ServiceReference<?>> usages = new ArrayList<>();
        try {
            List<PluginStage> stages = verify(name, usages);
            String where = bundle == null ? "container" : "container: " + bundle.getLocation();
            loaded.put(name, new LoadedPlugin(name, bundle, false, List.of(), where, stages, usages));
            logLoaded(name, stages, where);
        } catch (LoadFailure f) {
            ungetAll(usages);
            throw f;
        }
    }

    /** Installs a plugin found on disk or in the launcher jar; on any failure removes what it installed. */
    private void install(PluginSource source) throws LoadFailure {
        String name = source.name();
        String apiProblem = ApiCompatibility.problem(name, source.plugin().headers());
        if (apiProblem != null) {
            throw new LoadFailure(apiProblem);
        }
        if (source.plugin().needsScr() || source.libraries().stream().anyMatch(BundleArchive::needsScr)) {
            scr.ensure(name);
        }
        FrameworkWiring wiring = context.getBundle(0).adapt(FrameworkWiring.class);
        List<Bundle> claimed = new ArrayList<>();
        List<ServiceReference<?>> usages = new ArrayList<>();
        Bundle current = null;
        try {
            for (BundleArchive lib : source.libraries()) {
                claimed.add(installer.install(lib, name));
            }
            Bundle plugin = installer.install(source.plugin(), name);
            claimed.add(plugin);
            wiring.resolveBundles(claimed);
            for (Bundle b : claimed) {
                if (!isFragment(b) && b.getState() == Bundle.INSTALLED) {
                    throw LoadFailure.panicked(name, ResolutionProblems.describe(wiring, b));
                }
            }
            for (Bundle b : claimed) {
                if (!isFragment(b) && b.getState() != Bundle.ACTIVE) {
                    current = b;
                    b.start();
                }
            }
            current = null;
            List<PluginStage> stages = verify(name, usages);
            List<Bundle> libraries = new ArrayList<>(claimed);
            libraries.remove(plugin);
            loaded.put(name, new LoadedPlugin(name, plugin, true, libraries, source.where(), stages, usages));
            logLoaded(name, stages, source.where());
        } catch (Throwable t) {
            ungetAll(usages);
            installer.release(claimed, name);
            if (t instanceof LoadFailure f) {
                throw f;
            }
            throw LoadFailure.panicked(name, current == null ? LoadFailure.describe(LoadFailure.unwrap(t)) : startFailure(current, t));
        }
    }

    private String startFailure(Bundle bundle, Throwable t) {
        if (t instanceof BundleException be && be.getType() == BundleException.RESOLVE_ERROR) {
            return ResolutionProblems.describe(context.getBundle(0).adapt(FrameworkWiring.class), bundle);
        }
        return LoadFailure.describe(LoadFailure.unwrap(t));
    }

    /**
     * Waits a bounded time for the plugin's stage factories, checks their service properties
     * and obtains each one (a DS component whose activation throws gives null here).
     */
    private List<PluginStage> verify(String name, List<ServiceReference<?>> usages) throws LoadFailure {
        long deadline = System.nanoTime() + MODULE_WAIT_MS * 1_000_000;
        List<ServiceReference<?>> refs = factoryReferences(name);
        while (refs.isEmpty() && System.nanoTime() < deadline) {
            try {
                Thread.sleep(MODULE_POLL_MS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            refs = factoryReferences(name);
        }
        if (refs.isEmpty()) {
            throw new LoadFailure("Plugin '" + name + "' provides no modules");
        }
        List<PluginStage> stages = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (ServiceReference<?> ref : refs) {
            String factory = factoryName(ref);
            StageKind kind = kindOf(name, ref, factory);
            Object module = ref.getProperty(ConveyorApi.PROP_NAME);
            if (!(module instanceof String m) || m.isBlank()) {
                throw new LoadFailure("Plugin '" + name + "': stage factory " + factory + " has no " + ConveyorApi.PROP_NAME
                        + " service property; set it to the module name");
            }
            if (!seen.add(kind.id() + ":" + m)) {
                throw new LoadFailure("Plugin '" + name + "' registers two " + kind.id() + " factories named '" + m
                        + "'; give each a distinct " + ConveyorApi.PROP_NAME);
            }
            Object service = context.getService(ref);
            if (service == null) {
                throw LoadFailure.panicked(name, unavailable(ref, factory));
            }
            usages.add(ref);
            if (!(service instanceof StageFactory sf)) {
                throw new LoadFailure("Plugin '" + name + "': stage factory " + factory + " is not a " + StageFactory.class.getName()
                        + " of this engine; the plugin wires to another copy of " + ApiCompatibility.API_PACKAGE);
            }
            stages.add(new PluginStage(name, kind, m, sf));
        }
        stages.sort(Comparator.comparing((PluginStage s) -> s.kind().ordinal()).thenComparing(PluginStage::module));
        return stages;
    }

    private static StageKind kindOf(String name, ServiceReference<?> ref, String factory) throws LoadFailure {
        Object value = ref.getProperty(ConveyorApi.PROP_KIND);
        StageKind kind = value instanceof String s ? StageKind.fromId(s) : null;
        if (kind == null) {
            throw new LoadFailure("Plugin '" + name + "': stage factory " + factory
                    + (value == null ? " has no " + ConveyorApi.PROP_KIND + " service property"
                                     : " has " + ConveyorApi.PROP_KIND + "=" + value)
                    + "; it must be source, transform or sink");
        }
        List<String> types = Arrays.asList((String[]) ref.getProperty(Constants.OBJECTCLASS));
        if (!types.contains(FACTORY_TYPES.get(kind))) {
            String registered = types.stream().filter(FACTORY_TYPES::containsValue).findFirst().orElse(String.join(",", types));
            throw new LoadFailure("Plugin '" + name + "': stage factory " + factory + " has " + ConveyorApi.PROP_KIND + "="
                    + kind.id() + " but is registered as " + registered + "; register it as " + FACTORY_TYPES.get(kind)
                    + " or correct " + ConveyorApi.PROP_KIND);
        }
        return kind;
    }

    /** Why a registered factory's service could not be obtained: for DS, the activation failure SCR recorded. */
    private String unavailable(ServiceReference<?> ref, String factory) {
        Object component = ref.getProperty("component.name");
        Bundle owner = ref.getBundle();
        if (component == null) {
            return "stage factory " + factory + " could not be obtained (its service factory returned null)";
        }
        String reason = owner == null ? null : ComponentFailures.reason(context, owner, component.toString());
        return "component " + component + " failed to activate: "
                + (reason != null ? reason : "reason unknown (the Declarative Services runtime logged it)");
    }

    private static String factoryName(ServiceReference<?> ref) {
        Object component = ref.getProperty("component.name");
        return component != null ? component.toString() : "service " + ref.getProperty(Constants.SERVICE_ID);
    }

    private void logLoaded(String name, List<PluginStage> stages, String where) {
        List<String> modules = stages.stream().map(s -> s.kind().id() + ":" + s.module()).toList();
        log.debug(SCOPE, "plugin '" + name + "' loaded from " + where + " with " + String.join(", ", modules));
    }

    @Override
    public synchronized List<PluginStage> stages(String name) {
        LoadedPlugin p = loaded.get(name);
        return p == null ? List.of() : p.stages();
    }

    @Override
    public void stopOnError(String name, Throwable failure) {
        String why = failure == null ? "unknown failure" : LoadFailure.describe(failure);
        synchronized (this) {
            LoadedPlugin p = loaded.get(name);
            if (p == null || p.failure() != null) {
                return;
            }
            p.markStopped(why);
            p.releaseServices(context);
            Bundle b = p.bundle();
            if (b != null && b.getState() == Bundle.ACTIVE) {
                try {
                    b.stop();
                } catch (Throwable t) {
                    log.warn(SCOPE, "plugin '" + name + "' threw while stopping: " + LoadFailure.describe(LoadFailure.unwrap(t)));
                }
            }
        }
        log.error(SCOPE, "plugin '" + name + "' stopped after an unexpected failure: " + why);
    }

    /**
     * Stops and uninstalls a plugin this manager installed, with the libraries no other
     * plugin uses. A plugin the container provided is only forgotten: it stays installed.
     *
     * @param name the plugin
     * @return null when done, else why not
     */
    public synchronized String unload(String name) {
        LoadedPlugin p = loaded.remove(name);
        if (p == null) {
            return "Plugin '" + name + "' is not loaded";
        }
        p.releaseServices(context);
        if (p.owned()) {
            List<Bundle> ours = new ArrayList<>(p.libraries());
            ours.add(p.bundle());
            installer.release(ours, name);
        }
        log.debug(SCOPE, "plugin '" + name + "' unloaded");
        return null;
    }

    @Override
    public synchronized List<PluginInfo> plugins() {
        Map<String, PluginInfo> out = new TreeMap<>();
        for (LoadedPlugin p : loaded.values()) {
            Map<String, String> h = p.bundle() == null ? Map.of() : headers(p.bundle());
            List<String> modules = p.stages().stream().map(s -> s.kind().id() + ":" + s.module()).toList();
            out.put(p.name(), info(p.name(), h, p.failure() == null ? "loaded" : "stopped", p.where(), modules));
        }
        for (Bundle b : context.getBundles()) {
            String name = pluginHeader(b);
            if (name != null && !out.containsKey(name)) {
                out.put(name, info(name, headers(b), failures.containsKey(name) ? "failed" : "installed",
                        "container: " + b.getLocation(), List.of()));
            }
        }
        for (String name : servicePluginNames()) {
            out.putIfAbsent(name, info(name, Map.of(), "registered", "container", List.of()));
        }
        try {
            for (PluginSource s : catalog().available().values()) {
                out.putIfAbsent(s.name(), info(s.name(), s.plugin().headers(),
                        failures.containsKey(s.name()) ? "failed" : "available", s.where(), List.of()));
            }
        } catch (IOException e) {
            log.warn(SCOPE, "cannot list the plugin directories: " + LoadFailure.describe(e));
        }
        return List.copyOf(out.values());
    }

    private static PluginInfo info(String name, Map<String, String> h, String state, String where, List<String> modules) {
        String range = ApiCompatibility.apiRange(h);
        return new PluginInfo(name, h.getOrDefault(Constants.BUNDLE_VERSION, ""), range == null ? "" : range, state, where,
                modules, h.getOrDefault(Constants.BUNDLE_DESCRIPTION, ""));
    }

    /** Gives back the service usages held for loaded plugins; uninstalls nothing. */
    public synchronized void close() {
        for (LoadedPlugin p : loaded.values()) {
            p.releaseServices(context);
        }
        loaded.clear();
    }

    private PluginCatalog catalog() {
        return new PluginCatalog(searchPath(), launcherJar, warning -> log.warn(SCOPE, warning));
    }

    private String notFound(String name, PluginCatalog catalog) throws IOException {
        Set<String> names = new TreeSet<>(catalog.available().keySet());
        for (Bundle b : context.getBundles()) {
            String n = pluginHeader(b);
            if (n != null) {
                names.add(n);
            }
        }
        names.addAll(servicePluginNames());
        return "Plugin '" + name + "' not found in plugins directory (searched: " + String.join(", ", catalog.searched())
                + "); available plugins: " + (names.isEmpty() ? "none" : String.join(", ", names));
    }

    /** @return an installed bundle, not installed by this manager, whose manifest names the plugin */
    private Bundle containerBundle(String name) {
        for (Bundle b : context.getBundles()) {
            if (name.equals(pluginHeader(b)) && !installer.owns(b)) {
                return b;
            }
        }
        return null;
    }

    private static String pluginHeader(Bundle b) {
        if (b.getState() == Bundle.UNINSTALLED) {
            return null;
        }
        String v = b.getHeaders("").get(ConveyorApi.PLUGIN_HEADER);
        return v == null || v.isBlank() ? null : v.strip();
    }

    private Set<String> servicePluginNames() {
        Set<String> names = new TreeSet<>();
        for (String type : FACTORY_TYPES.values()) {
            for (ServiceReference<?> ref : references(type, "(" + ConveyorApi.PROP_PLUGIN + "=*)")) {
                names.add(String.valueOf(ref.getProperty(ConveyorApi.PROP_PLUGIN)));
            }
        }
        return names;
    }

    /**
     * All stage-factory services of a plugin, in every class space: from the system
     * bundle's context a service of a package it does not wire to is otherwise hidden
     * (NOTES gotcha 6).
     */
    private List<ServiceReference<?>> factoryReferences(String name) {
        Map<Object, ServiceReference<?>> byId = new TreeMap<>(Comparator.comparingLong(id -> (Long) id));
        String filter = "(" + ConveyorApi.PROP_PLUGIN + "=" + escape(name) + ")";
        for (String type : FACTORY_TYPES.values()) {
            for (ServiceReference<?> ref : references(type, filter)) {
                byId.put(ref.getProperty(Constants.SERVICE_ID), ref);
            }
        }
        return new ArrayList<>(byId.values());
    }

    private List<ServiceReference<?>> references(String type, String filter) {
        try {
            ServiceReference<?>[] refs = context.getAllServiceReferences(type, filter);
            return refs == null ? List.of() : Arrays.asList(refs);
        } catch (InvalidSyntaxException e) {
            throw new IllegalStateException("bad service filter " + filter, e);
        }
    }

    private static String escape(String value) {
        StringBuilder out = new StringBuilder();
        for (char c : value.toCharArray()) {
            if (c == '\\' || c == '*' || c == '(' || c == ')') {
                out.append('\\');
            }
            out.append(c);
        }
        return out.toString();
    }

    private void ungetAll(List<ServiceReference<?>> usages) {
        for (ServiceReference<?> ref : usages) {
            try {
                context.ungetService(ref);
            } catch (RuntimeException ignored) {
                // Already unregistered.
            }
        }
        usages.clear();
    }

    private static boolean isFragment(Bundle b) {
        return b.getHeaders("").get(Constants.FRAGMENT_HOST) != null;
    }

    private static Map<String, String> headers(Bundle b) {
        Map<String, String> out = new LinkedHashMap<>();
        Dictionary<String, String> d = b.getHeaders("");
        for (Enumeration<String> keys = d.keys(); keys.hasMoreElements(); ) {
            String k = keys.nextElement();
            out.put(k, d.get(k));
        }
        return out;
    }
}
