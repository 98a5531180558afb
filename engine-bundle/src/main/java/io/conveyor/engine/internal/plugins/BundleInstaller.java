package io.conveyor.engine.internal.plugins;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.FrameworkEvent;
import org.osgi.framework.Version;
import org.osgi.framework.wiring.FrameworkWiring;

/**
 * Installs bundles on behalf of plugins and remembers who uses what. A bundle with the
 * symbolic name and version of one already installed is reused instead (two plugins may
 * ship the same slf4j); one installed here is uninstalled when its last user releases it.
 * Bundles that someone else installed are never uninstalled.
 */
final class BundleInstaller {
    private static final long REFRESH_WAIT_MS = 5_000;

    private final BundleContext context;
    private final Map<Long, Set<String>> users = new HashMap<>();

    BundleInstaller(BundleContext context) {
        this.context = context;
    }

    /**
     * @param archive the bundle to install
     * @param user who needs it (a plugin name, or {@code scr})
     * @return the installed or reused bundle
     * @throws BundleException if installing fails
     */
    Bundle install(BundleArchive archive, String user) throws Exception {
        Bundle existing = installed(archive.symbolicName(), archive.version());
        if (existing != null) {
            Set<String> u = users.get(existing.getBundleId());
            if (u != null) {
                u.add(user);
            }
            return existing;
        }
        Bundle b;
        try (InputStream in = archive.open()) {
            b = context.installBundle(archive.location(), in);
        }
        users.computeIfAbsent(b.getBundleId(), k -> new HashSet<>()).add(user);
        return b;
    }

    /** @return true if this installer installed the bundle (it is not the container's) */
    boolean owns(Bundle b) {
        return users.containsKey(b.getBundleId());
    }

    /**
     * Drops {@code user}'s claim on each bundle; those left without users are stopped and
     * uninstalled, and the framework is refreshed so their class loaders go.
     *
     * @param bundles bundles the user had
     * @param user the user
     * @return the bundles uninstalled
     */
    List<Bundle> release(Collection<Bundle> bundles, String user) {
        List<Bundle> removed = new ArrayList<>();
        for (Bundle b : bundles) {
            Set<String> u = users.get(b.getBundleId());
            if (u == null) {
                continue;
            }
            u.remove(user);
            if (u.isEmpty()) {
                users.remove(b.getBundleId());
                uninstallQuietly(b);
                removed.add(b);
            }
        }
        refresh(removed);
        return removed;
    }

    private static void uninstallQuietly(Bundle b) {
        try {
            if (b.getState() != Bundle.UNINSTALLED) {
                b.uninstall();
            }
        } catch (Throwable ignored) {
            // An uninstall that fails (a throwing stop()) still leaves the bundle UNINSTALLED.
        }
    }

    private void refresh(List<Bundle> removed) {
        if (removed.isEmpty()) {
            return;
        }
        FrameworkWiring wiring = context.getBundle(0).adapt(FrameworkWiring.class);
        CountDownLatch done = new CountDownLatch(1);
        try {
            wiring.refreshBundles(removed, (FrameworkEvent e) -> done.countDown());
            done.await(REFRESH_WAIT_MS, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            // A refresh is housekeeping; the bundles are uninstalled either way.
        }
    }

    /**
     * @param symbolicName a Bundle-SymbolicName
     * @param version a Bundle-Version
     * @return an installed bundle with both, or null
     */
    Bundle installed(String symbolicName, String version) {
        if (symbolicName == null) {
            return null;
        }
        Version wanted;
        try {
            wanted = Version.parseVersion(version);
        } catch (IllegalArgumentException e) {
            return null;
        }
        for (Bundle b : context.getBundles()) {
            if (symbolicName.equals(b.getSymbolicName()) && wanted.equals(b.getVersion())
                    && b.getState() != Bundle.UNINSTALLED) {
                return b;
            }
        }
        return null;
    }
}
