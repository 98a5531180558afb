package io.conveyor.it.shell;

import io.conveyor.it.support.ContainerFramework;
import io.conveyor.it.support.Reflective;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * A headless Gogo session on a container's {@code CommandProcessor}: runs a command line and
 * returns what Gogo would show for it (the formatted result plus anything the command
 * printed). Called reflectively, as the Gogo API of the bundle is not the test's.
 */
final class GogoSession {
    /** {@code Converter.INSPECT}: how the console formats a command's result. */
    private static final int INSPECT = 0;

    private final Object session;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    /** What one command line gave: its result object and the text Gogo shows. */
    record Reply(Object result, String text) {
    }

    GogoSession(ContainerFramework container) {
        Object processor = container.service("org.apache.felix.service.command.CommandProcessor");
        if (processor == null) {
            throw new AssertionError("no Gogo CommandProcessor in the container: " + container.bundleStates());
        }
        PrintStream print = new PrintStream(out, true, StandardCharsets.UTF_8);
        session = Reflective.call(processor, "createSession", new ByteArrayInputStream(new byte[0]), print, print);
    }

    /**
     * @param commandLine e.g. {@code conveyor:load http}
     * @return the result and the text shown; a command that throws fails the test with Gogo's message
     */
    Reply execute(String commandLine) {
        out.reset();
        Object result;
        try {
            result = Reflective.call(session, "execute", commandLine);
        } catch (RuntimeException e) {
            throw new AssertionError("'" + commandLine + "' threw out of the shell: " + e, e);
        }
        String printed = out.toString(StandardCharsets.UTF_8);
        String formatted = result == null ? "" : String.valueOf(Reflective.call(session, "format", result, INSPECT));
        return new Reply(result, printed + formatted);
    }
}
