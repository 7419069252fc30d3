package org.nathear.gram.frontend;

import org.nathear.api.AudioFormatException;

/**
 * Converts first-order Ambisonics between nathear's convention and the one GRAM's Ambisonics
 * models were trained on.
 *
 * <p>nathear ({@link org.nathear.api.ChannelLayout#FOA}) is AmbiX: ACN order W, Y, Z, X with SN3D
 * normalisation, axes x front, y left, z up. GRAM's room impulse responses come from a simulator
 * with "visual" axes and N3D normalisation: channel 0 = W, 1 = up, 2 = −front (the simulator's
 * +z points backwards), 3 = right. The authors' own wrapper converts ACN/SN3D recordings by
 * reordering to [W, Z, −X, −Y] and scaling channels 1–3 by √3 (SN3D → N3D for first order).
 *
 * <p>So, for a plane wave from unit direction (x, y, z) with signal s, ACN/SN3D gives
 * [s, s·y, s·z, s·x] and GRAM's layout is [s, √3·s·z, −√3·s·x, −√3·s·y]. {@link #toGram} and
 * {@link #toAcnSn3d} are exact inverses.
 */
public final class AmbisonicsLayout {
    /** SN3D → N3D gain of the first-order channels. */
    public static final double SQRT3 = Math.sqrt(3.0);

    private AmbisonicsLayout() {
    }

    /** ACN/SN3D (W, Y, Z, X) → GRAM (W, √3 Z, −√3 X, −√3 Y). Returns new arrays. */
    public static float[][] toGram(float[][] acnSn3d) {
        check(acnSn3d);
        int n = acnSn3d[0].length;
        float[][] out = new float[4][n];
        float[] w = acnSn3d[0];
        float[] y = acnSn3d[1];
        float[] z = acnSn3d[2];
        float[] x = acnSn3d[3];
        for (int i = 0; i < n; i++) {
            out[0][i] = w[i];
            out[1][i] = (float) (SQRT3 * z[i]);
            out[2][i] = (float) (-SQRT3 * x[i]);
            out[3][i] = (float) (-SQRT3 * y[i]);
        }
        return out;
    }

    /** GRAM (W, up, −front, right; N3D) → ACN/SN3D (W, Y, Z, X). Returns new arrays. */
    public static float[][] toAcnSn3d(float[][] gram) {
        check(gram);
        int n = gram[0].length;
        float[][] out = new float[4][n];
        for (int i = 0; i < n; i++) {
            out[0][i] = gram[0][i];
            out[1][i] = (float) (-gram[3][i] / SQRT3);
            out[2][i] = (float) (gram[1][i] / SQRT3);
            out[3][i] = (float) (-gram[2][i] / SQRT3);
        }
        return out;
    }

    /**
     * ACN/SN3D gains of a plane wave from a unit direction (x front, y left, z up): [1, y, z, x].
     */
    public static double[] acnSn3dGains(double x, double y, double z) {
        return new double[] {1.0, y, z, x};
    }

    private static void check(float[][] channels) {
        if (channels == null || channels.length != 4) {
            throw new AudioFormatException("First-order Ambisonics needs 4 channels; got "
                    + (channels == null ? "none" : channels.length));
        }
        for (int c = 1; c < 4; c++) {
            if (channels[c].length != channels[0].length) {
                throw new AudioFormatException("Ambisonics channel " + c + " has " + channels[c].length
                        + " samples, channel 0 has " + channels[0].length);
            }
        }
    }
}
