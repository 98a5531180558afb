package io.conveyor.engine.internal.config;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * "Did you mean" for near-miss names: a candidate is near when, ignoring case, it is at most
 * two edits (insert, delete, replace, swap of neighbours) away; a name that differs only in
 * case is zero edits away. The best candidate is the one with the fewest edits; ties keep the
 * candidates' order. Short names must be closer (one edit), or everything would be near.
 */
public final class Suggestions {
    /**
     * Said where a string column is used as a number: the usual reason is a CSV column of numbers
     * with empty fields (an empty field is an empty string, not a null, unless said so), and
     * converting it would fail on those fields.
     */
    public static final String NUMBERS_READ_AS_TEXT = "a column of numbers read from CSV is string when some "
            + "of its fields are empty; null_values = [\"\"] on the source reads those as nulls";
    private static final int MAX_DISTANCE = 2;

    private Suggestions() {
    }

    /**
     * @param name what the user wrote
     * @param candidates the valid names
     * @return the near candidates, best first (empty if none is near)
     */
    public static List<String> nearest(String name, Collection<String> candidates) {
        List<String> near = new ArrayList<>();
        List<Integer> distances = new ArrayList<>();
        if (name == null) {
            return near;
        }
        String lower = name.toLowerCase(Locale.ROOT);
        for (String c : candidates) {
            if (c.equals(name) || near.contains(c)) {
                continue;
            }
            int d = distance(lower, c.toLowerCase(Locale.ROOT));
            int limit = Math.min(MAX_DISTANCE, Math.max(1, Math.min(name.length(), c.length()) - 1));
            if (d <= limit) {
                near.add(c);
                distances.add(d);
            }
        }
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < near.size(); i++) {
            order.add(i);
        }
        order.sort(Comparator.comparingInt(distances::get));
        List<String> sorted = new ArrayList<>();
        for (int i : order) {
            sorted.add(near.get(i));
        }
        return sorted;
    }

    /**
     * @param name what the user wrote
     * @param candidates the valid names
     * @return {@code did you mean 'x'?} for the best near candidate, or null if none is near
     */
    public static String hint(String name, Collection<String> candidates) {
        List<String> near = nearest(name, candidates);
        return near.isEmpty() ? null : "did you mean '" + near.get(0) + "'?";
    }

    /**
     * @param config the stage's config
     * @param key the option that names the column
     * @param column the name that is not a column
     * @param columns the columns there are
     * @return the problem at {@code key}: the unknown column, the columns there are and the nearest names
     */
    public static io.conveyor.api.ConfigException unknownColumn(io.conveyor.api.StageConfig config, String key,
                                                                String column, List<String> columns) {
        io.conveyor.api.Problem p = config.error(key, "unknown column '" + column + "'; columns are: "
                + String.join(", ", columns)).problem();
        return new io.conveyor.api.ConfigException(new io.conveyor.api.Problem(p.file(), p.line(), p.column(),
                p.stageId(), p.key(), p.message(), hint(column, columns)));
    }

    /** Optimal string alignment distance: Levenshtein plus transposition of neighbours. */
    static int distance(String a, String b) {
        int n = a.length();
        int m = b.length();
        int[][] d = new int[n + 1][m + 1];
        for (int i = 0; i <= n; i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= m; j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= n; i++) {
            for (int j = 1; j <= m; j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[n][m];
    }
}
