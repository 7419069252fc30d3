package org.nathear.tasks.acoustics;

/**
 * One path from a source to the receiver found by the image-source method.
 *
 * @param delaySeconds       travel time, distance / c
 * @param distanceMeters     length of the path (distance from the image source to the receiver)
 * @param arrivalDirection   unit vector from the receiver towards the image source, in room coordinates
 * @param order              number of wall reflections (0 for the direct path)
 * @param bandAmplitudes     pressure amplitude per octave band: the product of the walls' reflection
 *                           factors {@code sqrt(1 − α)} times the spherical spreading {@code 1 / (4π r)}
 */
public record Reflection(double delaySeconds, double distanceMeters, Vec3 arrivalDirection, int order,
                         double[] bandAmplitudes) {
    public Reflection {
        bandAmplitudes = bandAmplitudes.clone();
    }

    @Override
    public double[] bandAmplitudes() {
        return bandAmplitudes.clone();
    }

    /** The amplitude in one band (no copy). */
    public double bandAmplitude(int band) {
        return bandAmplitudes[band];
    }
}
