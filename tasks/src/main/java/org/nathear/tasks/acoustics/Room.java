package org.nathear.tasks.acoustics;

import java.util.Arrays;
import org.nathear.api.ConfigurationException;

/**
 * A shoebox room: its inner dimensions in metres and the energy absorption coefficient of each wall
 * in each octave band ({@code absorption[wall][band]}, walls in {@link Wall} order, bands in
 * {@link OctaveBands} order). The room spans {@code [0, length] × [0, width] × [0, height]}.
 *
 * <p>Reverberation times use the speed of sound {@value #SPEED_OF_SOUND_METERS_PER_SECOND} m/s and
 * no air absorption: Sabine {@code T = 24 ln10 V / (c S ā)} and Eyring
 * {@code T = 24 ln10 V / (−c S ln(1 − ā))}, with {@code ā} the area-weighted mean absorption of the
 * band.
 */
public record Room(double lengthMeters, double widthMeters, double heightMeters, double[][] absorption) {
    /** Speed of sound in m/s (air at about 20 °C). */
    public static final double SPEED_OF_SOUND_METERS_PER_SECOND = 343.0;

    public Room {
        for (double d : new double[] {lengthMeters, widthMeters, heightMeters}) {
            if (!(d >= 0.5) || !Double.isFinite(d)) {
                throw new ConfigurationException("Room dimensions must be finite and at least 0.5 m; got "
                        + lengthMeters + " x " + widthMeters + " x " + heightMeters + " m");
            }
        }
        if (absorption == null || absorption.length != Wall.values().length) {
            throw new ConfigurationException("Room absorption needs one row per wall (" + Wall.values().length + "); got "
                    + (absorption == null ? "none" : absorption.length));
        }
        double[][] copy = new double[absorption.length][];
        for (int w = 0; w < absorption.length; w++) {
            if (absorption[w] == null || absorption[w].length != OctaveBands.COUNT) {
                throw new ConfigurationException("Absorption of wall " + Wall.values()[w] + " needs " + OctaveBands.COUNT
                        + " octave-band values (125 Hz to 8 kHz); got " + (absorption[w] == null ? "none" : absorption[w].length));
            }
            for (double a : absorption[w]) {
                if (!(a >= 0 && a < 1)) {
                    throw new ConfigurationException("Absorption coefficients must be in [0, 1); wall " + Wall.values()[w]
                            + " has " + Arrays.toString(absorption[w]));
                }
            }
            copy[w] = absorption[w].clone();
        }
        absorption = copy;
    }

    /** A room whose walls all absorb {@code alpha} in every band. */
    public static Room uniform(double lengthMeters, double widthMeters, double heightMeters, double alpha) {
        double[][] a = new double[Wall.values().length][OctaveBands.COUNT];
        for (double[] row : a) {
            Arrays.fill(row, alpha);
        }
        return new Room(lengthMeters, widthMeters, heightMeters, a);
    }

    /** The absorption table (a copy). */
    @Override
    public double[][] absorption() {
        double[][] copy = new double[absorption.length][];
        for (int w = 0; w < absorption.length; w++) {
            copy[w] = absorption[w].clone();
        }
        return copy;
    }

    /** Absorption of one wall in one band. */
    public double absorption(Wall wall, int band) {
        return absorption[wall.ordinal()][band];
    }

    public double volumeCubicMeters() {
        return lengthMeters * widthMeters * heightMeters;
    }

    public double surfaceSquareMeters() {
        return 2 * (lengthMeters * widthMeters + lengthMeters * heightMeters + widthMeters * heightMeters);
    }

    /** The area of one wall. */
    public double areaSquareMeters(Wall wall) {
        return switch (wall) {
            case X_NEAR, X_FAR -> widthMeters * heightMeters;
            case Y_NEAR, Y_FAR -> lengthMeters * heightMeters;
            case FLOOR, CEILING -> lengthMeters * widthMeters;
        };
    }

    /** Area-weighted mean absorption of a band. */
    public double meanAbsorption(int band) {
        double sum = 0;
        for (Wall w : Wall.values()) {
            sum += areaSquareMeters(w) * absorption[w.ordinal()][band];
        }
        return sum / surfaceSquareMeters();
    }

    /** Eyring's reverberation time of a band, seconds. */
    public double eyringRt60Seconds(int band) {
        return ReverbTime.eyringSeconds(volumeCubicMeters(), surfaceSquareMeters(), meanAbsorption(band));
    }

    /** Sabine's reverberation time of a band, seconds. */
    public double sabineRt60Seconds(int band) {
        return ReverbTime.sabineSeconds(volumeCubicMeters(), surfaceSquareMeters(), meanAbsorption(band));
    }

    /** Eyring's reverberation time of every band. */
    public double[] eyringRt60SecondsPerBand() {
        double[] t = new double[OctaveBands.COUNT];
        for (int b = 0; b < t.length; b++) {
            t[b] = eyringRt60Seconds(b);
        }
        return t;
    }

    /** The mean of Eyring's 500 Hz and 1 kHz reverberation times, the room's headline RT60. */
    public double midBandRt60Seconds() {
        return 0.5 * (eyringRt60Seconds(OctaveBands.BAND_500_HZ) + eyringRt60Seconds(OctaveBands.BAND_1000_HZ));
    }

    /** Mean free path 4V/S in metres. */
    public double meanFreePathMeters() {
        return 4 * volumeCubicMeters() / surfaceSquareMeters();
    }

    /** True when {@code p} lies inside the room at least {@code marginMeters} from every wall. */
    public boolean contains(Vec3 p, double marginMeters) {
        return p.x() >= marginMeters && p.x() <= lengthMeters - marginMeters
                && p.y() >= marginMeters && p.y() <= widthMeters - marginMeters
                && p.z() >= marginMeters && p.z() <= heightMeters - marginMeters;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Room r && lengthMeters == r.lengthMeters && widthMeters == r.widthMeters
                && heightMeters == r.heightMeters && Arrays.deepEquals(absorption, r.absorption);
    }

    @Override
    public int hashCode() {
        return Arrays.deepHashCode(absorption) * 31 + Double.hashCode(lengthMeters + 7 * widthMeters + 13 * heightMeters);
    }

    @Override
    public String toString() {
        return String.format(java.util.Locale.ROOT, "Room[%.2f x %.2f x %.2f m, RT60 %.2f s]", lengthMeters, widthMeters,
                heightMeters, midBandRt60Seconds());
    }
}
