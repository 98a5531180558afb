package io.conveyor.engine.internal.config;

/**
 * What a problem says about something a stage factory or plugin loader threw: its message,
 * or its class name when it has none (a bare {@code NullPointerException}). Never a stack trace.
 */
final class ThrowableText {
    private ThrowableText() {
    }

    static String of(Throwable t) {
        String m = t.getMessage();
        return m == null || m.isBlank() ? t.getClass().getName() : m;
    }
}
