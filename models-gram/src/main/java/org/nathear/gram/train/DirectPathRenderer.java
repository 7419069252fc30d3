package org.nathear.gram.train;

import java.util.Locale;
import java.util.SplittableRandom;
import org.jtransforms.fft.DoubleFFT_1D;
import org.nathear.api.ChannelLayout;
import org.nathear.api.ConfigurationException;
import org.nathear.tasks.dsp.FftConvolver;

/**
 * INTERIM renderer: the direct path only (no room, no reflections), until nathear's scene
 * simulator (tasks module) is wired in. It gives the model real directional cues to learn from, but
 * no reverberation.
 *
 * <ul>
 *   <li>Directions are uniform on the sphere. The source comes from one direction; the noise is
 *       localised (one direction, probability ½) or diffuse (3–5 directions, each with the noise
 *       circularly shifted by its own random offset so the copies are uncorrelated).</li>
 *   <li>FOA: exact first-order ACN/SN3D encoding of a plane wave from unit direction (x, y, z):
 *       gains [1, y, z, x] on (W, Y, Z, X).</li>
 *   <li>Binaural: a rigid spherical head of radius {@value #HEAD_RADIUS_M} m with the ears at ±90°
 *       azimuth (Brown &amp; Duda 1998): per ear, a delay {@code −(a/c) cos θ} for
 *       {@code θ < 90°} and {@code (a/c)(θ − π/2)} beyond (θ = angle between source and ear axis;
 *       Woodworth's ITD), and the one-pole/one-zero head-shadow filter
 *       {@code (1 + jαω/2ω0) / (1 + jω/2ω0)}, {@code ω0 = c/a},
 *       {@code α(θ) = 1.05 + 0.95 cos(θ/150° · 180°)} (+6 dB at the near ear, down to about −20 dB
 *       at 150°). Each ear's response is built as a {@value #FIR_TAPS}-tap FIR by frequency sampling
 *       with a bulk delay of {@value #BULK_DELAY} samples.</li>
 * </ul>
 */
public final class DirectPathRenderer implements SceneRenderer {
    /** Head radius (m), Brown & Duda's average. */
    public static final double HEAD_RADIUS_M = 0.0875;
    /** Speed of sound (m/s). */
    public static final double SPEED_OF_SOUND_M_S = 343.0;
    static final int FIR_TAPS = 128;
    static final int BULK_DELAY = 32;

    private final ChannelLayout layout;

    public DirectPathRenderer(ChannelLayout layout) {
        if (layout != ChannelLayout.BINAURAL && layout != ChannelLayout.FOA) {
            throw new ConfigurationException("The direct-path renderer makes binaural or FOA scenes; got " + layout);
        }
        this.layout = layout;
    }

    @Override
    public ChannelLayout layout() {
        return layout;
    }

    @Override
    public String description() {
        return "direct-path/" + (layout == ChannelLayout.FOA ? "foa-acn-sn3d" : "spherical-head-a" + HEAD_RADIUS_M)
                + " (interim: no room; localised or 3-5-source diffuse noise)";
    }

    @Override
    public SpatialScene render(float[] source, float[] noise, int sampleRateHz, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        double[] dir = randomDirection(rng);
        float[][] src = renderDirection(source, dir, sampleRateHz);
        int count = rng.nextBoolean() ? 1 : 3 + rng.nextInt(3);
        int channels = layout.channelCount();
        float[][] nz = new float[channels][source.length];
        StringBuilder what = new StringBuilder(String.format(Locale.ROOT, "source az %.0f el %.0f; noise",
                Math.toDegrees(Math.atan2(dir[1], dir[0])), Math.toDegrees(Math.asin(dir[2]))));
        for (int i = 0; i < count; i++) {
            double[] nd = randomDirection(rng);
            int shift = count == 1 || noise.length == 0 ? 0 : rng.nextInt(noise.length);
            float[] shifted = new float[source.length];
            for (int s = 0; s < shifted.length && noise.length > 0; s++) {
                shifted[s] = noise[(s + shift) % noise.length];
            }
            float[][] r = renderDirection(shifted, nd, sampleRateHz);
            for (int c = 0; c < channels; c++) {
                for (int s = 0; s < source.length; s++) {
                    nz[c][s] += r[c][s];
                }
            }
            what.append(String.format(Locale.ROOT, " az %.0f el %.0f", Math.toDegrees(Math.atan2(nd[1], nd[0])),
                    Math.toDegrees(Math.asin(nd[2]))));
        }
        return new SpatialScene(src, nz, what.toString());
    }

    /** A unit vector uniform on the sphere (x front, y left, z up). */
    static double[] randomDirection(SplittableRandom rng) {
        double z = rng.nextDouble() * 2 - 1;
        double az = rng.nextDouble() * 2 * Math.PI;
        double r = Math.sqrt(1 - z * z);
        return new double[] {r * Math.cos(az), r * Math.sin(az), z};
    }

    /** A mono signal from unit direction {@code dir}, rendered to this layout. */
    public float[][] renderDirection(float[] signal, double[] dir, int sampleRateHz) {
        if (layout == ChannelLayout.FOA) {
            double[] g = {1.0, dir[1], dir[2], dir[0]};
            float[][] out = new float[4][signal.length];
            for (int c = 0; c < 4; c++) {
                for (int i = 0; i < signal.length; i++) {
                    out[c][i] = (float) (g[c] * signal[i]);
                }
            }
            return out;
        }
        float[][] ears = {earResponse(dir, true, sampleRateHz), earResponse(dir, false, sampleRateHz)};
        return FftConvolver.convolve(signal, ears, signal.length);
    }

    /** Per-ear delay in seconds relative to the head centre for angle {@code theta} (rad) between source and ear axis. */
    public static double earDelaySeconds(double theta) {
        double a = HEAD_RADIUS_M / SPEED_OF_SOUND_M_S;
        return theta < Math.PI / 2 ? -a * Math.cos(theta) : a * (theta - Math.PI / 2);
    }

    /** Brown & Duda's head-shadow zero coefficient for incidence angle {@code theta} (rad). */
    public static double shadowAlpha(double theta) {
        double alphaMin = 0.1;
        double thetaMin = Math.toRadians(150);
        return (1 + alphaMin / 2) + (1 - alphaMin / 2) * Math.cos(theta / thetaMin * Math.PI);
    }

    /** FIR of one ear (left when {@code left}) for a source from unit direction {@code dir}. */
    public static float[] earResponse(double[] dir, boolean left, int sampleRateHz) {
        double ear = left ? 1 : -1; // ear axis along +y (left) or -y (right)
        double cos = Math.max(-1, Math.min(1, dir[1] * ear));
        double theta = Math.acos(cos);
        double delay = earDelaySeconds(theta) * sampleRateHz + BULK_DELAY;
        double alpha = shadowAlpha(theta);
        double w0 = SPEED_OF_SOUND_M_S / HEAD_RADIUS_M;
        int n = FIR_TAPS;
        double[] a = new double[n];
        for (int k = 0; k <= n / 2; k++) {
            double omegaDigital = 2 * Math.PI * k / n;            // rad/sample
            double omega = omegaDigital * sampleRateHz;           // rad/s
            // H = (1 + j α ω / 2ω0) / (1 + j ω / 2ω0)
            double x = omega / (2 * w0);
            double den = 1 + x * x;
            double hr = (1 + alpha * x * x) / den;
            double hi = (alpha * x - x) / den;
            // times e^{-j ω delay}
            double c = Math.cos(omegaDigital * delay);
            double s = -Math.sin(omegaDigital * delay);
            double re = hr * c - hi * s;
            double im = hr * s + hi * c;
            if (k == 0) {
                a[0] = re;
            } else if (k == n / 2) {
                a[1] = re;
            } else {
                a[2 * k] = re;
                a[2 * k + 1] = im;
            }
        }
        new DoubleFFT_1D(n).realInverse(a, true);
        float[] h = new float[n];
        for (int i = 0; i < n; i++) {
            // a gentle window keeps the sinc tails of the fractional delay from wrapping around
            double w = 0.5 - 0.5 * Math.cos(2 * Math.PI * (i + 0.5) / n);
            h[i] = (float) (a[i] * w);
        }
        return h;
    }
}
