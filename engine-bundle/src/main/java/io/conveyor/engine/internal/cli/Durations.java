package io.conveyor.engine.internal.cli;

import java.util.Locale;

/** Formats wall times for people: {@code 850 ms}, {@code 1.24 s}, {@code 2 min 05 s}. */
final class Durations {
    private Durations() {
    }

    static String format(long millis) {
        if (millis < 1000) {
            return millis + " ms";
        }
        if (millis < 60_000) {
            return String.format(Locale.ROOT, "%.2f s", millis / 1000.0);
        }
        long seconds = millis / 1000;
        return String.format(Locale.ROOT, "%d min %02d s", seconds / 60, seconds % 60);
    }
}
