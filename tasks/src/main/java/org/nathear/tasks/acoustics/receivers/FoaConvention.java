package org.nathear.tasks.acoustics.receivers;

import java.util.Locale;
import org.nathear.api.ConfigurationException;

/**
 * First-order Ambisonics conventions nathear converts from, at the edge, into its own ACN/SN3D
 * (AmbiX) layout W, Y, Z, X.
 */
public enum FoaConvention {
    /** ACN order, SN3D: nathear's own; nothing to do. */
    AMBIX,
    /** Traditional B-format (FuMa first order): W, X, Y, Z with W scaled by 1/√2. */
    FUMA,
    /** ACN order, N3D normalisation: dipoles √3 larger than SN3D. */
    ACN_N3D;

    /** The name in files and on the command line: {@code ambix}, {@code fuma}, {@code acn-n3d}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static FoaConvention parse(String name) {
        for (FoaConvention c : values()) {
            if (c.id().equalsIgnoreCase(name == null ? "" : name.trim())) {
                return c;
            }
        }
        throw new ConfigurationException("Unknown FOA convention '" + name + "'; expected ambix, fuma or acn-n3d");
    }

    /** The four channels converted to ACN/SN3D (new arrays). */
    public float[][] toAmbix(float[][] channels) {
        if (channels.length != 4) {
            throw new ConfigurationException("First-order Ambisonics needs 4 channels; got " + channels.length);
        }
        int n = channels[0].length;
        float[][] out = new float[4][n];
        switch (this) {
            case AMBIX -> {
                for (int c = 0; c < 4; c++) {
                    System.arraycopy(channels[c], 0, out[c], 0, n);
                }
            }
            case FUMA -> {
                float sqrt2 = (float) Math.sqrt(2);
                for (int i = 0; i < n; i++) {
                    out[0][i] = channels[0][i] * sqrt2; // W
                    out[1][i] = channels[2][i];         // Y
                    out[2][i] = channels[3][i];         // Z
                    out[3][i] = channels[1][i];         // X
                }
            }
            case ACN_N3D -> {
                float inv = (float) (1 / Math.sqrt(3));
                for (int i = 0; i < n; i++) {
                    out[0][i] = channels[0][i];
                    out[1][i] = channels[1][i] * inv;
                    out[2][i] = channels[2][i] * inv;
                    out[3][i] = channels[3][i] * inv;
                }
            }
        }
        return out;
    }
}
