package org.nathear.tasks.acoustics;

import org.nathear.api.ConfigurationException;

/**
 * Reverberation-time formulas and their measurement on impulse responses.
 *
 * <p>Prediction: Sabine's and Eyring's formulas with {@code 24 ln 10 / c ≈ 0.161 s/m}. Measurement:
 * Schroeder's backward integration of the squared impulse response, then the least-squares slope of
 * the decay curve (in dB) between two levels, extrapolated to 60 dB ({@code T20}: −5 to −25 dB,
 * {@code T30}: −5 to −35 dB, as in ISO 3382-1). The impulse response is taken as noise-free: no
 * truncation correction is applied.
 */
public final class ReverbTime {
    /** {@code 24 ln 10}: the decay of 60 dB in units of the energy's natural logarithm, times 4. */
    private static final double SIXTY_DB = 24 * Math.log(10);

    private ReverbTime() {
    }

    public static double sabineSeconds(double volumeCubicMeters, double surfaceSquareMeters, double meanAbsorption) {
        return SIXTY_DB * volumeCubicMeters / (Room.SPEED_OF_SOUND_METERS_PER_SECOND * surfaceSquareMeters * meanAbsorption);
    }

    public static double eyringSeconds(double volumeCubicMeters, double surfaceSquareMeters, double meanAbsorption) {
        return SIXTY_DB * volumeCubicMeters
                / (-Room.SPEED_OF_SOUND_METERS_PER_SECOND * surfaceSquareMeters * Math.log(1 - meanAbsorption));
    }

    /** The mean absorption Eyring's formula needs for a reverberation time. */
    public static double eyringAbsorption(double volumeCubicMeters, double surfaceSquareMeters, double rt60Seconds) {
        return 1 - Math.exp(-SIXTY_DB * volumeCubicMeters
                / (Room.SPEED_OF_SOUND_METERS_PER_SECOND * surfaceSquareMeters * rt60Seconds));
    }

    /**
     * Schroeder's energy decay curve in dB relative to the total energy: {@code 10 log10 of the sum
     * of h² from n to the end, over the sum of all h²}. Index 0 is 0 dB.
     */
    public static double[] schroederDecayDb(float[] impulseResponse) {
        int n = impulseResponse.length;
        double[] tail = new double[n];
        double sum = 0;
        for (int i = n - 1; i >= 0; i--) {
            sum += (double) impulseResponse[i] * impulseResponse[i];
            tail[i] = sum;
        }
        if (!(sum > 0)) {
            throw new ConfigurationException("Cannot measure the decay of an impulse response that is all zeros");
        }
        for (int i = 0; i < n; i++) {
            tail[i] = tail[i] > 0 ? 10 * Math.log10(tail[i] / sum) : Double.NEGATIVE_INFINITY;
        }
        return tail;
    }

    /**
     * The reverberation time from the least-squares line through the decay curve between
     * {@code startDb} and {@code endDb} (both negative, start above end), extrapolated to −60 dB.
     */
    public static double fromDecay(double[] decayDb, int sampleRateHz, double startDb, double endDb) {
        int first = -1;
        int last = -1;
        for (int i = 0; i < decayDb.length; i++) {
            if (first < 0 && decayDb[i] <= startDb) {
                first = i;
            }
            if (decayDb[i] <= endDb) {
                last = i;
                break;
            }
        }
        if (first < 0 || last <= first + 1) {
            throw new ConfigurationException("The decay curve does not fall from " + startDb + " dB to " + endDb
                    + " dB (it reaches " + decayDb[decayDb.length - 1] + " dB); use a longer impulse response");
        }
        double n = last - first + 1;
        double meanT = 0;
        double meanL = 0;
        for (int i = first; i <= last; i++) {
            meanT += i;
            meanL += decayDb[i];
        }
        meanT /= n;
        meanL /= n;
        double stt = 0;
        double stl = 0;
        for (int i = first; i <= last; i++) {
            stt += (i - meanT) * (i - meanT);
            stl += (i - meanT) * (decayDb[i] - meanL);
        }
        double slopeDbPerSample = stl / stt;
        return -60.0 / (slopeDbPerSample * sampleRateHz);
    }

    /** T30: the −5 to −35 dB range of the Schroeder curve, extrapolated to 60 dB. */
    public static double t30Seconds(float[] impulseResponse, int sampleRateHz) {
        return fromDecay(schroederDecayDb(impulseResponse), sampleRateHz, -5, -35);
    }

    /** T20: the −5 to −25 dB range of the Schroeder curve, extrapolated to 60 dB. */
    public static double t20Seconds(float[] impulseResponse, int sampleRateHz) {
        return fromDecay(schroederDecayDb(impulseResponse), sampleRateHz, -5, -25);
    }
}
