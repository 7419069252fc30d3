package org.nathear.tasks.hrtf;

import java.util.List;
import java.util.Locale;
import org.nathear.api.ConfigurationException;
import org.nathear.api.audio.Resampler;
import org.nathear.tasks.acoustics.Vec3;

/**
 * HRIRs measured on a grid of directions (for example read from a SOFA file), looked up by the
 * nearest measured direction (largest dot product of unit vectors; ties go to the first listed).
 * No interpolation: mixing responses of neighbouring directions would smear their interaural delays.
 */
public final class MeasuredHrtf implements Hrtf {
    private final String name;
    private final int sampleRateHz;
    private final double[][] directions; // [m][3] unit vectors, head frame
    private final HrirPair[] responses;

    /**
     * @param name          what the set is called in scene records (e.g. the file name)
     * @param directions    unit vectors in the head frame (x front, y left, z up), one per response
     * @param responses     one pair per direction, all the same length
     */
    public MeasuredHrtf(String name, int sampleRateHz, List<Vec3> directions, List<HrirPair> responses) {
        if (directions.isEmpty() || directions.size() != responses.size()) {
            throw new ConfigurationException("HRTF set '" + name + "' needs one response per direction; got "
                    + directions.size() + " directions and " + responses.size() + " responses");
        }
        int length = responses.get(0).length();
        this.directions = new double[directions.size()][];
        for (int m = 0; m < directions.size(); m++) {
            Vec3 d = directions.get(m);
            double n = d.norm();
            if (!(n > 0) || !Double.isFinite(n)) {
                throw new ConfigurationException("HRTF set '" + name + "': direction " + m + " is " + d + "; expected a non-zero vector");
            }
            if (responses.get(m).length() != length) {
                throw new ConfigurationException("HRTF set '" + name + "': response " + m + " has " + responses.get(m).length()
                        + " samples, response 0 has " + length);
            }
            this.directions[m] = new double[] {d.x() / n, d.y() / n, d.z() / n};
        }
        this.name = name;
        this.sampleRateHz = sampleRateHz;
        this.responses = responses.toArray(new HrirPair[0]);
    }

    /** Number of measured directions. */
    public int directionCount() {
        return directions.length;
    }

    /** Measured direction {@code m} (unit vector, head frame). */
    public Vec3 direction(int m) {
        return new Vec3(directions[m][0], directions[m][1], directions[m][2]);
    }

    /** Index of the measured direction nearest to {@code directionHead}. */
    public int nearestIndex(Vec3 directionHead) {
        Vec3 d = directionHead.unit();
        int best = 0;
        double bestDot = Double.NEGATIVE_INFINITY;
        for (int m = 0; m < directions.length; m++) {
            double[] u = directions[m];
            double dot = u[0] * d.x() + u[1] * d.y() + u[2] * d.z();
            if (dot > bestDot) {
                bestDot = dot;
                best = m;
            }
        }
        return best;
    }

    @Override
    public HrirPair hrir(Vec3 directionHead) {
        return responses[nearestIndex(directionHead)];
    }

    @Override
    public int sampleRateHz() {
        return sampleRateHz;
    }

    @Override
    public int length() {
        return responses[0].length();
    }

    /** Every response resampled with nathear's band-limited resampler. */
    @Override
    public MeasuredHrtf atSampleRate(int hz) {
        if (hz == sampleRateHz) {
            return this;
        }
        List<Vec3> dirs = new java.util.ArrayList<>(directions.length);
        List<HrirPair> resampled = new java.util.ArrayList<>(directions.length);
        for (int m = 0; m < directions.length; m++) {
            dirs.add(direction(m));
            resampled.add(new HrirPair(Resampler.resample(responses[m].left(), sampleRateHz, hz),
                    Resampler.resample(responses[m].right(), sampleRateHz, hz)));
        }
        return new MeasuredHrtf(name, hz, dirs, resampled);
    }

    @Override
    public String description() {
        return String.format(Locale.ROOT, "%s(%d directions, nearest, %d Hz)", name, directions.length, sampleRateHz);
    }
}
