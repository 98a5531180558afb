package io.conveyor.plugin.mongodb.client;

/**
 * Hides secrets in text before it reaches a log line or an error: in the plugin it is
 * {@code StageConfig::mask}, which masks interpolated environment secrets and URL passwords.
 */
@FunctionalInterface
public interface SecretMasker {
    /** @param text text that may hold a secret
     *  @return the text safe to print */
    String mask(String text);
}
