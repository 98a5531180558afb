package io.conveyor.engine.internal.config;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Expands {@code ${NAME}} and {@code ${NAME:-default}} in pipeline strings; {@code $${} is a
 * literal {@code ${}. A name is looked up in the overrides (command-line values), then in
 * {@code [global.variables]} (themselves expanded, on first use), then in the environment.
 * Every value taken from the environment is remembered as a secret, so the pipeline can
 * mask it wherever it might be printed.
 */
final class Interpolator {
    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_.-]*");

    /** Why a string could not be expanded; {@link #alreadyReported()} when another problem says it. */
    static final class Failure extends Exception {
        private static final long serialVersionUID = 1L;
        private final boolean alreadyReported;

        Failure(String message, boolean alreadyReported) {
            super(message, null, false, false);
            this.alreadyReported = alreadyReported;
        }

        boolean alreadyReported() {
            return alreadyReported;
        }
    }

    private final Map<String, String> overrides;
    private final Map<String, String> variables;
    private final Map<String, String> environment;
    private final Map<String, String> resolved = new HashMap<>();
    private final Set<String> failed = new HashSet<>();
    private final LinkedHashSet<String> resolving = new LinkedHashSet<>();
    private final List<String> secrets = new ArrayList<>();

    /**
     * @param overrides values that win over everything (e.g. {@code --var NAME=value})
     * @param variables {@code [global.variables]} as written
     * @param environment the process environment
     */
    Interpolator(Map<String, String> overrides, Map<String, String> variables, Map<String, String> environment) {
        this.overrides = overrides;
        this.variables = variables;
        this.environment = environment;
    }

    /** @return every value taken from the environment so far */
    List<String> secrets() {
        return secrets;
    }

    /**
     * @param text a string from the file
     * @return true if it refers to a variable (so its value depends on the environment or overrides)
     */
    static boolean hasReference(String text) {
        int i = text.indexOf("${");
        while (i >= 0) {
            if (i == 0 || text.charAt(i - 1) != '$') {
                return true;
            }
            i = text.indexOf("${", i + 2);
        }
        return false;
    }

    /**
     * @param name a key of {@code [global.variables]}
     * @return its value, expanded (an override of the same name wins)
     * @throws Failure if it refers to an unset variable or to itself
     */
    String variable(String name) throws Failure {
        if (overrides.containsKey(name)) {
            return overrides.get(name);
        }
        String done = resolved.get(name);
        if (done != null) {
            return done;
        }
        if (failed.contains(name)) {
            throw new Failure("variable '" + name + "' is invalid", true);
        }
        if (resolving.contains(name)) {
            List<String> chain = new ArrayList<>(resolving);
            chain = chain.subList(chain.indexOf(name), chain.size());
            throw new Failure("variable '" + name + "' refers to itself: " + String.join(" -> ", chain) + " -> "
                    + name, false);
        }
        resolving.add(name);
        try {
            String value = expand(variables.get(name));
            resolved.put(name, value);
            return value;
        } catch (Failure f) {
            failed.add(name);
            throw f;
        } finally {
            resolving.remove(name);
        }
    }

    /**
     * @param text a string from the file
     * @return the text with every reference replaced
     * @throws Failure naming the first reference that cannot be expanded
     */
    String expand(String text) throws Failure {
        if (text.indexOf('$') < 0) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length());
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '$' && text.startsWith("$${", i)) {
                out.append("${");
                i += 3;
            } else if (c == '$' && text.startsWith("${", i)) {
                int end = text.indexOf('}', i + 2);
                if (end < 0) {
                    throw new Failure("unclosed '${' in '" + text
                            + "'; close it with '}', or write $${ for a literal '${'", false);
                }
                out.append(reference(text.substring(i + 2, end)));
                i = end + 1;
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }

    private String reference(String body) throws Failure {
        int sep = body.indexOf(":-");
        String name = sep < 0 ? body : body.substring(0, sep);
        String fallback = sep < 0 ? null : body.substring(sep + 2);
        if (!NAME.matcher(name).matches()) {
            throw new Failure("invalid variable reference '${" + body + "}'; a name is letters, digits and '_', "
                    + "as in ${NAME} or ${NAME:-default}", false);
        }
        String value = lookup(name);
        if (value != null) {
            return value;
        }
        if (fallback != null) {
            return fallback;
        }
        throw new Failure("variable '" + name + "' is not set; set it in the environment or in [global.variables], "
                + "or write ${" + name + ":-default}", false);
    }

    private String lookup(String name) throws Failure {
        if (overrides.containsKey(name) || variables.containsKey(name)) {
            return variable(name);
        }
        String env = environment.get(name);
        if (env != null && !secrets.contains(env)) {
            secrets.add(env);
        }
        return env;
    }
}
