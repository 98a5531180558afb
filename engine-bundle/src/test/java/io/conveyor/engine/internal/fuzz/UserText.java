package io.conveyor.engine.internal.fuzz;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.util.regex.Pattern;

/**
 * What every message shown to a user must be: present, not blank, and free of what only a
 * stack trace or a leaked Java exception would put there.
 */
public final class UserText {
    private static final Pattern JAVA_LEAK = Pattern.compile(
            "\\tat |\\b(java|javax|sun|com\\.fasterxml|org\\.tomlj)\\.[a-z]|\\b[A-Z]\\w*(Exception|Error)\\b");

    private UserText() {
    }

    /**
     * @param what names the message in the failure text
     * @param message the message
     */
    public static void assertReadable(String what, String message) {
        assertNotNull(message, what + " is null");
        assertFalse(message.isBlank(), what + " is blank");
        assertFalse(JAVA_LEAK.matcher(message).find(), what + " reads like a Java exception: " + message);
    }
}
