package org.nathear.tasks.acoustics.receivers;

import org.nathear.api.ChannelLayout;
import org.nathear.api.ConfigurationException;
import org.nathear.tasks.acoustics.Vec3;

/**
 * An ideal first-order Ambisonics microphone, ACN channel order and SN3D normalisation (AmbiX): a
 * plane wave from the unit direction {@code (x, y, z)} (x front, y left, z up) gives the gains
 * {@code W = 1, Y = y, Z = z, X = x}. In a diffuse field each dipole carries a third of W's energy
 * and the four channels are uncorrelated.
 */
public record FoaReceiver(int sampleRateHz) implements Receiver {
    private static final double DIPOLE_DIFFUSE_GAIN = 1 / Math.sqrt(3);

    public FoaReceiver {
        if (sampleRateHz <= 0) {
            throw new ConfigurationException("Sample rate must be positive; got " + sampleRateHz + " Hz");
        }
    }

    /** The ACN/SN3D encoding gains of a direction: W, Y, Z, X. */
    public static double[] encode(Vec3 direction) {
        Vec3 d = direction.unit();
        return new double[] {1, d.y(), d.z(), d.x()};
    }

    @Override
    public ChannelLayout layout() {
        return ChannelLayout.FOA;
    }

    @Override
    public int responseSamples() {
        return 0;
    }

    @Override
    public void addImpulse(double[][][] bands, int at, double[] gains, Vec3 directionHead) {
        double[] e = encode(directionHead);
        for (int b = 0; b < bands.length; b++) {
            double g = gains[b];
            double[][] band = bands[b];
            for (int c = 0; c < 4; c++) {
                band[c][at] += g * e[c];
            }
        }
    }

    @Override
    public DiffuseColouring diffuseColouring(int fftSize) {
        return (bin, re, im) -> {
            for (int c = 1; c < 4; c++) {
                re[c] *= DIPOLE_DIFFUSE_GAIN;
                im[c] *= DIPOLE_DIFFUSE_GAIN;
            }
        };
    }

    @Override
    public String description() {
        return "foa-acn-sn3d";
    }
}
