package org.nathear.gram.model;

/**
 * Fixed 2-D sine-cosine positional embeddings (MAE / AudioMAE), as GRAM uses them.
 *
 * <p>For the patch in frequency row {@code f} and time column {@code t} of an
 * {@code rows × cols} grid (patches frequency-major, index {@code f * cols + t}), the first half of
 * the {@code dim} values encodes the column (time) and the second half the row (frequency). Each half
 * is {@code [sin(pos·ω_0) … sin(pos·ω_{k-1}), cos(pos·ω_0) … cos(pos·ω_{k-1})]} with
 * {@code k = dim / 4} and {@code ω_i = 10000^(-i / k)}. (The reference's {@code meshgrid(w, h)}
 * puts the column coordinate first.) The CLS token's positional embedding is all zeros.
 */
public final class SinCos {
    private SinCos() {
    }

    /** {@code [rows * cols][dim]} as a row-major float array. */
    public static float[] embedding(int dim, int rows, int cols) {
        if (dim % 4 != 0) {
            throw new IllegalArgumentException("sin-cos embedding width must be a multiple of 4; got " + dim);
        }
        int half = dim / 2;
        int k = half / 2;
        double[] omega = new double[k];
        for (int i = 0; i < k; i++) {
            omega[i] = 1.0 / Math.pow(10000.0, i / (double) k);
        }
        float[] out = new float[rows * cols * dim];
        for (int f = 0; f < rows; f++) {
            for (int t = 0; t < cols; t++) {
                int base = (f * cols + t) * dim;
                for (int i = 0; i < k; i++) {
                    out[base + i] = (float) Math.sin(t * omega[i]);
                    out[base + k + i] = (float) Math.cos(t * omega[i]);
                    out[base + half + i] = (float) Math.sin(f * omega[i]);
                    out[base + half + k + i] = (float) Math.cos(f * omega[i]);
                }
            }
        }
        return out;
    }
}
