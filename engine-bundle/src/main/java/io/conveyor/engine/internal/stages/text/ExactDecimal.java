package io.conveyor.engine.internal.stages.text;

/**
 * The fast path of reading a plain decimal ({@code 538.18}) whose digits fit in 53 bits: the
 * digits as a long and the power of ten are both exact doubles, and one IEEE division rounds
 * correctly, so the result is the value {@link Double#parseDouble} gives for the same text.
 * Readers that find the digits themselves (CSV, JSON lines) use it instead of making a String.
 */
public final class ExactDecimal {
    /** Digits below this (2^53) are exact as a double. */
    public static final long MAX_DIGITS_VALUE = 1L << 53;
    /** The largest number of fraction digits whose power of ten is exact (10^22). */
    public static final int MAX_SCALE = 22;
    private static final double[] POWERS_OF_TEN = new double[MAX_SCALE + 1];

    static {
        double p = 1;
        for (int i = 0; i < POWERS_OF_TEN.length; i++) {
            POWERS_OF_TEN[i] = p;
            p *= 10;
        }
    }

    private ExactDecimal() {
    }

    /**
     * @param digits the decimal's digits without the point, below {@link #MAX_DIGITS_VALUE}
     * @param scale how many of them follow the point, at most {@link #MAX_SCALE}
     * @return the correctly rounded double
     */
    public static double of(long digits, int scale) {
        return digits / POWERS_OF_TEN[scale];
    }
}
