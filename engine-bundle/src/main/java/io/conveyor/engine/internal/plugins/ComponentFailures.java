package io.conveyor.engine.internal.plugins;

import java.lang.reflect.Method;
import java.util.Collection;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;

/**
 * Reads why a Declarative Services component failed to activate from the
 * {@code ServiceComponentRuntime} service's DTOs ({@code ComponentConfigurationDTO.failure}
 * of a configuration in state FAILED_ACTIVATION).
 *
 * <p>The DTOs are read reflectively on purpose: the engine imports
 * {@code org.osgi.service.component.runtime} only optionally, and when the plugin manager
 * runs outside the framework (embedding tests, NOTES gotcha 6) its copy of those classes
 * would not be SCR's. Reflection works in both class spaces and when the package is absent.
 */
final class ComponentFailures {
    private static final String RUNTIME = "org.osgi.service.component.runtime.ServiceComponentRuntime";
    private static final int FAILED_ACTIVATION = 16;

    private ComponentFailures() {
    }

    /**
     * @param context a bundle context
     * @param bundle the bundle declaring the component
     * @param component the component name
     * @return the first line of the failure SCR recorded, or null if unknown
     */
    static String reason(BundleContext context, Bundle bundle, String component) {
        try {
            ServiceReference<?>[] refs = context.getAllServiceReferences(RUNTIME, null);
            if (refs == null || refs.length == 0) {
                return null;
            }
            Object runtime = context.getService(refs[0]);
            if (runtime == null) {
                return null;
            }
            try {
                return reason(runtime, bundle, component);
            } finally {
                context.ungetService(refs[0]);
            }
        } catch (Exception | LinkageError e) {
            return null;
        }
    }

    private static String reason(Object runtime, Bundle bundle, String component) throws Exception {
        Class<?> api = interfaceNamed(runtime.getClass(), RUNTIME);
        if (api == null) {
            return null;
        }
        Method descriptions = api.getMethod("getComponentDescriptionDTOs", Bundle[].class);
        Method configurations = null;
        for (Method m : api.getMethods()) {
            if (m.getName().equals("getComponentConfigurationDTOs")) {
                configurations = m;
            }
        }
        if (configurations == null) {
            return null;
        }
        for (Object description : (Collection<?>) descriptions.invoke(runtime, (Object) new Bundle[] {bundle})) {
            if (!component.equals(description.getClass().getField("name").get(description))) {
                continue;
            }
            for (Object config : (Collection<?>) configurations.invoke(runtime, description)) {
                int state = config.getClass().getField("state").getInt(config);
                Object failure = config.getClass().getField("failure").get(config);
                if (state == FAILED_ACTIVATION && failure != null) {
                    return firstLine(failure.toString());
                }
            }
        }
        return null;
    }

    private static Class<?> interfaceNamed(Class<?> type, String name) {
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
            for (Class<?> i : c.getInterfaces()) {
                if (i.getName().equals(name)) {
                    return i;
                }
            }
        }
        return null;
    }

    /** Keeps {@code IllegalStateException: boom} out of {@code java.lang.IllegalStateException: boom\n\tat ...}. */
    private static String firstLine(String failure) {
        String line = failure.lines().findFirst().orElse(failure).strip();
        int colon = line.indexOf(':');
        String type = colon < 0 ? line : line.substring(0, colon);
        if (type.matches("[\\w$.]+") && type.contains(".")) {
            line = type.substring(type.lastIndexOf('.') + 1) + line.substring(type.length());
        }
        return line;
    }
}
