package org.nathear.tasks.acoustics;

/**
 * The seven octave bands in which wall absorption is given, 125 Hz to 8 kHz, and the smooth
 * crossover used to turn per-band values into a response over frequency.
 *
 * <p>Band {@code b} has the weight {@code cos²(π/2 · (u − b))} for {@code |u − b| ≤ 1}, where
 * {@code u = log2(f / 125 Hz)}; the lowest band also takes everything below 125 Hz and the highest
 * everything above 8 kHz. The weights are non-negative and sum to exactly 1 at every frequency, so
 * a filter bank built from them reconstructs its input and a per-band gain becomes a gain that is
 * interpolated smoothly (on a log-frequency axis) between band centres.
 */
public final class OctaveBands {
    /** Band centre frequencies in Hz. */
    private static final double[] CENTRES_HZ = {125, 250, 500, 1000, 2000, 4000, 8000};
    /** Number of bands. */
    public static final int COUNT = CENTRES_HZ.length;
    /** Index of the 500 Hz band; with the 1 kHz band it defines the mid-band reverberation time. */
    public static final int BAND_500_HZ = 2;
    /** Index of the 1 kHz band. */
    public static final int BAND_1000_HZ = 3;

    private OctaveBands() {
    }

    /** The centre frequency of band {@code b} in Hz. */
    public static double centreHz(int band) {
        return CENTRES_HZ[band];
    }

    /** All band centres in Hz (a copy). */
    public static double[] centresHz() {
        return CENTRES_HZ.clone();
    }

    /** Writes the crossover weight of every band at {@code frequencyHz} into {@code out} (length {@link #COUNT}). */
    public static void weights(double frequencyHz, double[] out) {
        java.util.Arrays.fill(out, 0, COUNT, 0.0);
        if (!(frequencyHz > CENTRES_HZ[0])) {
            out[0] = 1;
            return;
        }
        double u = Math.log(frequencyHz / CENTRES_HZ[0]) / Math.log(2);
        if (u >= COUNT - 1) {
            out[COUNT - 1] = 1;
            return;
        }
        int lower = (int) Math.floor(u);
        double fraction = u - lower;
        double c = Math.cos(Math.PI / 2 * fraction);
        out[lower] = c * c;
        out[lower + 1] = 1 - c * c;
    }

    /** The per-band values interpolated at {@code frequencyHz} with the crossover weights. */
    public static double interpolate(double[] bandValues, double frequencyHz) {
        double[] w = new double[COUNT];
        weights(frequencyHz, w);
        double sum = 0;
        for (int b = 0; b < COUNT; b++) {
            sum += w[b] * bandValues[b];
        }
        return sum;
    }
}
