package org.nathear.baselines;

import java.util.Random;
import org.nathear.api.ConfigurationException;

/**
 * A fixed random linear map {@code y = W x} from {@code inDims} to {@code outDims} floats, with
 * Gaussian weights made from an explicit seed.
 *
 * <p>Generation (the weights are a function of {@code seed, inDims, outDims} only, identical on every
 * JVM): {@code Random r = new java.util.Random(seed)}; for {@code d = 0..outDims-1}, for
 * {@code m = 0..inDims-1}: {@code W[d][m] = (float) (r.nextGaussian() / sqrt(inDims))}. The
 * algorithms of {@code java.util.Random} (48-bit LCG, polar method for Gaussians) are fixed by its
 * specification, which is why it is used here rather than a faster generator whose output may change
 * between JDK releases.
 *
 * <p>Immutable and thread-safe. Stored transposed, one array per input dimension ({@code [m][d]}),
 * so that projecting is a sequence of {@code y[d] += x[m] * column_m[d]} updates with the same index
 * on both arrays, which HotSpot's C2 compiles to SIMD code (with a single flat array and an offset it
 * did not, and ran 5-7x slower). Each output is still summed over m in order, so results do not
 * depend on vectorisation.
 */
public final class RandomProjection {
    /** Output columns handled per pass, so that the slice of W in use stays in cache (256 x 512 floats = 512 KiB). */
    private static final int COLUMN_BLOCK = 512;

    private final long seed;
    private final int inDims;
    private final int outDims;
    private final float[][] columns; // columns[m][d] = W[d][m]

    private RandomProjection(long seed, int inDims, int outDims, float[][] columns) {
        this.seed = seed;
        this.inDims = inDims;
        this.outDims = outDims;
        this.columns = columns;
    }

    /** Gaussian weights with standard deviation {@code 1 / sqrt(inDims)}, from {@code seed}; see the class comment. */
    public static RandomProjection gaussian(long seed, int inDims, int outDims) {
        if (inDims < 1 || outDims < 1 || (long) inDims * outDims > Integer.MAX_VALUE - 8) {
            throw new ConfigurationException("Random projection " + inDims + " -> " + outDims
                    + " is invalid; expected positive sizes whose product fits in an array");
        }
        Random random = new Random(seed);
        double scale = 1.0 / Math.sqrt(inDims);
        float[][] t = new float[inDims][outDims];
        for (int d = 0; d < outDims; d++) {
            for (int m = 0; m < inDims; m++) {
                t[m][d] = (float) (random.nextGaussian() * scale);
            }
        }
        return new RandomProjection(seed, inDims, outDims, t);
    }

    public long seed() {
        return seed;
    }

    public int inDims() {
        return inDims;
    }

    public int outDims() {
        return outDims;
    }

    /** {@code W[out][in]}. */
    public float weight(int out, int in) {
        return columns[in][out];
    }

    /** {@code W x} for one input vector. */
    public float[] project(float[] x) {
        return project(new float[][] {x})[0];
    }

    /** {@code W x_t} for every row {@code x_t} of {@code rows}: {@code [row][outDims]}. */
    public float[][] project(float[][] rows) {
        for (int t = 0; t < rows.length; t++) {
            if (rows[t].length != inDims) {
                throw new ConfigurationException("Projection input row " + t + " has " + rows[t].length
                        + " values; expected " + inDims);
            }
        }
        float[][] out = new float[rows.length][outDims];
        for (int d0 = 0; d0 < outDims; d0 += COLUMN_BLOCK) {
            int d1 = Math.min(outDims, d0 + COLUMN_BLOCK);
            for (int t = 0; t < rows.length; t++) {
                float[] x = rows[t];
                float[] y = out[t];
                for (int m = 0; m < inDims; m++) {
                    float xm = x[m];
                    float[] column = columns[m];
                    for (int d = d0; d < d1; d++) {
                        y[d] += xm * column[d];
                    }
                }
            }
        }
        return out;
    }
}
