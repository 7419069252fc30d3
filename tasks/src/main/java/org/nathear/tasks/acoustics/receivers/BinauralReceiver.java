package org.nathear.tasks.acoustics.receivers;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jtransforms.fft.DoubleFFT_1D;
import org.nathear.api.ChannelLayout;
import org.nathear.api.ConfigurationException;
import org.nathear.tasks.acoustics.Vec3;
import org.nathear.tasks.hrtf.HrirPair;
import org.nathear.tasks.hrtf.Hrtf;

/**
 * Two ears: every plane wave is filtered by the head-related impulse responses of its direction
 * relative to the head. The diffuse-field covariance (for the late tail) is the average of
 * {@code H(f) H(f)^H} over {@value #DIFFUSE_DIRECTIONS} directions spread evenly over the sphere
 * (a Fibonacci lattice), factored per frequency bin with a 2 × 2 Cholesky decomposition.
 */
public final class BinauralReceiver implements Receiver {
    /** Directions averaged for the diffuse-field covariance. */
    public static final int DIFFUSE_DIRECTIONS = 512;

    private final Hrtf hrtf;
    private final Map<Integer, double[][]> cholesky = new ConcurrentHashMap<>();

    /** A receiver at the HRTF's sample rate. */
    public BinauralReceiver(Hrtf hrtf) {
        if (hrtf == null) {
            throw new ConfigurationException("A binaural receiver needs an HRTF");
        }
        this.hrtf = hrtf;
    }

    public Hrtf hrtf() {
        return hrtf;
    }

    @Override
    public ChannelLayout layout() {
        return ChannelLayout.BINAURAL;
    }

    @Override
    public int sampleRateHz() {
        return hrtf.sampleRateHz();
    }

    @Override
    public int responseSamples() {
        return hrtf.length() - 1;
    }

    @Override
    public void addImpulse(double[][][] bands, int at, double[] gains, Vec3 directionHead) {
        HrirPair pair = hrtf.hrir(directionHead);
        float[] left = pair.left();
        float[] right = pair.right();
        int n = left.length;
        for (int b = 0; b < bands.length; b++) {
            double g = gains[b];
            double[] l = bands[b][0];
            double[] r = bands[b][1];
            for (int i = 0; i < n; i++) {
                l[at + i] += g * left[i];
                r[at + i] += g * right[i];
            }
        }
    }

    @Override
    public DiffuseColouring diffuseColouring(int fftSize) {
        if (fftSize < hrtf.length()) {
            throw new ConfigurationException("Diffuse colouring needs an FFT of at least the HRIR length " + hrtf.length()
                    + "; got " + fftSize);
        }
        double[][] l = cholesky.computeIfAbsent(fftSize, this::factor);
        return (bin, re, im) -> {
            double z1r = re[0];
            double z1i = im[0];
            double z2r = re[1];
            double z2i = im[1];
            re[0] = l[0][bin] * z1r;
            im[0] = l[0][bin] * z1i;
            // right = l21 z1 + l22 z2, l21 complex
            re[1] = l[1][bin] * z1r - l[2][bin] * z1i + l[3][bin] * z2r;
            im[1] = l[1][bin] * z1i + l[2][bin] * z1r + l[3][bin] * z2i;
        };
    }

    /** {@code [l11, Re l21, Im l21, l22][bin]} of the diffuse covariance's Cholesky factor. */
    private double[][] factor(int fftSize) {
        int bins = fftSize / 2 + 1;
        double[] c11 = new double[bins];
        double[] c22 = new double[bins];
        double[] c21r = new double[bins];
        double[] c21i = new double[bins];
        DoubleFFT_1D fft = new DoubleFFT_1D(fftSize);
        double golden = Math.PI * (3 - Math.sqrt(5));
        for (int i = 0; i < DIFFUSE_DIRECTIONS; i++) {
            double z = 1 - (2 * i + 1.0) / DIFFUSE_DIRECTIONS;
            double r = Math.sqrt(1 - z * z);
            Vec3 d = new Vec3(r * Math.cos(golden * i), r * Math.sin(golden * i), z);
            HrirPair pair = hrtf.hrir(d);
            double[] hl = spectrum(pair.left(), fftSize, fft);
            double[] hr = spectrum(pair.right(), fftSize, fft);
            for (int k = 0; k < bins; k++) {
                double lr = re(hl, k, fftSize);
                double li = im(hl, k, fftSize);
                double rr = re(hr, k, fftSize);
                double ri = im(hr, k, fftSize);
                c11[k] += lr * lr + li * li;
                c22[k] += rr * rr + ri * ri;
                // C21 = H_R conj(H_L)
                c21r[k] += rr * lr + ri * li;
                c21i[k] += ri * lr - rr * li;
            }
        }
        double[][] out = new double[4][bins];
        for (int k = 0; k < bins; k++) {
            double a = c11[k] / DIFFUSE_DIRECTIONS;
            double d = c22[k] / DIFFUSE_DIRECTIONS;
            double br = c21r[k] / DIFFUSE_DIRECTIONS;
            double bi = c21i[k] / DIFFUSE_DIRECTIONS;
            double l11 = Math.sqrt(Math.max(a, 1e-30));
            double l21r = br / l11;
            double l21i = bi / l11;
            out[0][k] = l11;
            out[1][k] = l21r;
            out[2][k] = l21i;
            out[3][k] = Math.sqrt(Math.max(0, d - l21r * l21r - l21i * l21i));
        }
        return out;
    }

    private static double[] spectrum(float[] h, int n, DoubleFFT_1D fft) {
        double[] x = new double[n];
        for (int i = 0; i < h.length; i++) {
            x[i] = h[i];
        }
        fft.realForward(x);
        return x;
    }

    static double re(double[] packed, int k, int n) {
        return k == 0 ? packed[0] : k == n / 2 ? packed[1] : packed[2 * k];
    }

    static double im(double[] packed, int k, int n) {
        return k == 0 || k == n / 2 ? 0 : packed[2 * k + 1];
    }

    @Override
    public String description() {
        return "binaural:" + hrtf.description();
    }

}
