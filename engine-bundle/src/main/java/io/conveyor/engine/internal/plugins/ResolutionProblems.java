package io.conveyor.engine.internal.plugins;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleException;
import org.osgi.framework.namespace.BundleNamespace;
import org.osgi.framework.namespace.HostNamespace;
import org.osgi.framework.namespace.PackageNamespace;
import org.osgi.framework.wiring.BundleRevision;
import org.osgi.framework.wiring.FrameworkWiring;
import org.osgi.resource.Namespace;
import org.osgi.resource.Requirement;

/**
 * Says why a bundle does not resolve in terms a user can act on: which package (with
 * which versions) or bundle no installed bundle provides.
 */
final class ResolutionProblems {
    private static final Pattern LOWER = Pattern.compile("\\(version>=([^)]+)\\)");
    private static final Pattern UPPER = Pattern.compile("\\(!\\(version>=([^)]+)\\)\\)");

    private ResolutionProblems() {
    }

    /**
     * @param wiring the framework's wiring
     * @param bundle an installed bundle that did not resolve
     * @return e.g. {@code bundle org.example.foo 1.0.0 cannot be resolved: no installed bundle exports package org.bar [1.0.0,2.0.0)}
     */
    static String describe(FrameworkWiring wiring, Bundle bundle) {
        String who = "bundle " + bundle.getSymbolicName() + " " + bundle.getVersion() + " cannot be resolved";
        BundleRevision revision = bundle.adapt(BundleRevision.class);
        List<String> missing = new ArrayList<>();
        if (revision != null) {
            for (Requirement req : revision.getRequirements(null)) {
                String resolution = req.getDirectives().get(Namespace.REQUIREMENT_RESOLUTION_DIRECTIVE);
                String effective = req.getDirectives().get(Namespace.REQUIREMENT_EFFECTIVE_DIRECTIVE);
                if (Namespace.RESOLUTION_OPTIONAL.equals(resolution) || "dynamic".equals(resolution)
                        || (effective != null && !Namespace.EFFECTIVE_RESOLVE.equals(effective))) {
                    continue;
                }
                if (wiring.findProviders(req).isEmpty()) {
                    missing.add(format(req));
                }
            }
        }
        if (!missing.isEmpty()) {
            return who + ": no installed bundle provides " + String.join(", ", missing);
        }
        // Every requirement has a provider, so a provider itself does not resolve: the
        // framework's own message names the chain.
        try {
            bundle.start(Bundle.START_TRANSIENT);
            return who;
        } catch (BundleException e) {
            return who + ": " + e.getMessage();
        } catch (RuntimeException e) {
            return who + ": " + LoadFailure.describe(e);
        }
    }

    private static String format(Requirement req) {
        String filter = req.getDirectives().getOrDefault(Namespace.REQUIREMENT_FILTER_DIRECTIVE, "");
        String ns = req.getNamespace();
        String target = switch (ns) {
            case PackageNamespace.PACKAGE_NAMESPACE -> "package " + attribute(filter, ns);
            case BundleNamespace.BUNDLE_NAMESPACE -> "bundle " + attribute(filter, ns);
            case HostNamespace.HOST_NAMESPACE -> "fragment host " + attribute(filter, ns);
            default -> null;
        };
        if (target == null) {
            return ns + " " + filter;
        }
        Matcher low = LOWER.matcher(filter);
        Matcher high = UPPER.matcher(filter);
        boolean hasLow = low.find();
        boolean hasHigh = high.find();
        if (hasLow && hasHigh) {
            return target + " [" + low.group(1) + "," + high.group(1) + ")";
        }
        return hasLow ? target + " " + low.group(1) + " or later" : target;
    }

    private static String attribute(String filter, String name) {
        Matcher m = Pattern.compile("\\(" + Pattern.quote(name) + "=([^)]+)\\)").matcher(filter);
        return m.find() ? m.group(1) : filter;
    }
}
