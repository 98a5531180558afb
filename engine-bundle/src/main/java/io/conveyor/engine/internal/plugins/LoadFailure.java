package io.conveyor.engine.internal.plugins;

/**
 * A plugin could not be loaded; the message is the one the user sees. Thrown inside the
 * plugin manager only, and turned into the return value of {@link PluginManager#load}.
 */
final class LoadFailure extends Exception {
    private static final long serialVersionUID = 1L;

    LoadFailure(String message) {
        super(message, null, false, false);
    }

    /**
     * @param plugin the plugin name
     * @param what what went wrong, e.g. {@code RuntimeException: boom}
     * @return {@code Plugin 'NAME' panicked during loading: what}
     */
    static LoadFailure panicked(String plugin, String what) {
        return new LoadFailure("Plugin '" + plugin + "' panicked during loading: " + what);
    }

    /**
     * Describes what a plugin threw: the simple class name and message, and when the
     * message is empty (an {@link ExceptionInInitializerError}, say) the cause's.
     *
     * @param t the throwable
     * @return e.g. {@code IllegalStateException: no config}
     */
    static String describe(Throwable t) {
        String text = t.getClass().getSimpleName();
        String message = t.getMessage();
        if (message != null && !message.isBlank()) {
            return text + ": " + message;
        }
        Throwable cause = t.getCause();
        return cause != null && cause != t ? text + ": " + describe(cause) : text;
    }

    /**
     * @param t what an install or start threw
     * @return the plugin's own throwable when the framework wrapped it (NOTES gotcha 7)
     */
    static Throwable unwrap(Throwable t) {
        if (t instanceof org.osgi.framework.BundleException && t.getCause() != null) {
            return t.getCause();
        }
        return t;
    }
}
