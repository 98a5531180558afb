package io.conveyor.engine.internal.config;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Replaces secrets in text by {@code ***}: every value interpolated from the environment
 * (registered by the compiler) and the user-info part of any URL
 * ({@code scheme://user:password@host}). Thread-safe once built.
 */
public final class SecretMasker {
    private static final Pattern URL_CREDENTIALS = Pattern.compile("([a-zA-Z][a-zA-Z0-9+.-]*://)([^/@\\s:]+):([^/@\\s]+)@");
    private static final int MIN_SECRET_LENGTH = 3;
    private final List<String> secrets;

    private SecretMasker(List<String> secrets) {
        this.secrets = secrets;
    }

    /** @return a masker that only masks URL credentials */
    public static SecretMasker none() {
        return new SecretMasker(List.of());
    }

    /**
     * @param values secret values; values shorter than 3 characters are not masked, since
     *               masking every "a" would make all text unreadable
     * @return a masker for them
     */
    public static SecretMasker of(List<String> values) {
        List<String> s = new ArrayList<>();
        for (String v : values) {
            if (v != null && v.length() >= MIN_SECRET_LENGTH && !s.contains(v)) {
                s.add(v);
            }
        }
        s.sort(Comparator.comparingInt(String::length).reversed());
        return new SecretMasker(List.copyOf(s));
    }

    /** @return the secret values this masker hides */
    public List<String> secrets() {
        return secrets;
    }

    /**
     * @param text any text, may be null
     * @return the text with secrets and URL passwords replaced by {@code ***}
     */
    public String mask(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        String out = text;
        for (String s : secrets) {
            if (out.contains(s)) {
                out = out.replace(s, "***");
            }
        }
        Matcher m = URL_CREDENTIALS.matcher(out);
        if (m.find()) {
            out = m.replaceAll(mr -> Matcher.quoteReplacement(mr.group(1) + mr.group(2) + ":***@"));
        }
        return out;
    }
}
