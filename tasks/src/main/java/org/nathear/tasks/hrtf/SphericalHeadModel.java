package org.nathear.tasks.hrtf;

import java.util.Locale;
import org.nathear.api.ConfigurationException;
import org.nathear.tasks.acoustics.Room;
import org.nathear.tasks.acoustics.Vec3;

/**
 * The spherical-head model of Brown and Duda (IEEE Trans. Speech Audio Process. 6(5), 1998): a rigid
 * sphere of radius {@code a} with the ears at ±90° azimuth, no pinnae, no torso. It is nathear's
 * default binaural receiver, so that no HRTF file is needed.
 *
 * <p>Each ear's response to a plane wave at angle {@code θ} from the ear's axis is
 * <ul>
 *   <li>a delay {@code T(θ) = −(a/c) cos θ} for {@code θ < 90°} and {@code (a/c)(θ − 90°)} beyond
 *       (the wave runs round the sphere), which gives Woodworth's interaural time difference
 *       {@code (a/c)(φ + sin φ)} for a source at lateral angle φ; plus a common delay so that the
 *       response is causal;</li>
 *   <li>the head-shadow filter {@code H(s) = (1 + α(θ) s / 2ω0) / (1 + s / 2ω0)}, {@code ω0 = c/a},
 *       {@code α(θ) = 1 + α_min/2 + (1 − α_min/2) cos(π θ / θ_min)}, {@code α_min = 0.1},
 *       {@code θ_min = 150°}: +6 dB at high frequencies facing the ear, about −20 dB behind it,
 *       discretised with the bilinear transform.</li>
 * </ul>
 * The delay is a fractional-delay filter (Blackman-windowed sinc, 16 taps either side). Without
 * pinnae the model is front-back symmetric: a source and its mirror image across the ears' axis
 * give the same pair, which is physically right for a sphere and makes front-back confusions real.
 */
public final class SphericalHeadModel implements Hrtf {
    /** Default head radius, m (Brown and Duda's average adult). */
    public static final double DEFAULT_RADIUS_METERS = 0.0875;
    private static final double ALPHA_MIN = 0.1;
    private static final double THETA_MIN = Math.toRadians(150);
    private static final int SINC_HALF_WIDTH = 16;

    private final double radiusMeters;
    private final int sampleRateHz;
    private final int length;
    private final double bulkDelaySeconds;

    public SphericalHeadModel(double radiusMeters, int sampleRateHz) {
        if (!(radiusMeters > 0.03 && radiusMeters < 0.2) || sampleRateHz < 8000) {
            throw new ConfigurationException("Spherical head needs a radius of 0.03-0.2 m and a rate of at least 8 kHz; got "
                    + radiusMeters + " m, " + sampleRateHz + " Hz");
        }
        this.radiusMeters = radiusMeters;
        this.sampleRateHz = sampleRateHz;
        double c = Room.SPEED_OF_SOUND_METERS_PER_SECOND;
        // earliest arrival is a/c before the centre; leave room for the sinc's left half
        this.bulkDelaySeconds = radiusMeters / c + (SINC_HALF_WIDTH + 1.0) / sampleRateHz;
        double latest = bulkDelaySeconds + radiusMeters / c * Math.PI / 2;
        // the shadow filter's pole (2 w0) decays by 1e-6 within ln(1e6) / (2 w0) seconds
        double shadow = Math.log(1e6) * radiusMeters / (2 * c);
        this.length = (int) Math.ceil((latest + shadow) * sampleRateHz) + SINC_HALF_WIDTH + 1;
    }

    /** The default head at a sample rate. */
    public static SphericalHeadModel atRate(int sampleRateHz) {
        return new SphericalHeadModel(DEFAULT_RADIUS_METERS, sampleRateHz);
    }

    public double radiusMeters() {
        return radiusMeters;
    }

    @Override
    public int sampleRateHz() {
        return sampleRateHz;
    }

    @Override
    public int length() {
        return length;
    }

    @Override
    public Hrtf atSampleRate(int hz) {
        return hz == sampleRateHz ? this : new SphericalHeadModel(radiusMeters, hz);
    }

    @Override
    public String description() {
        return String.format(Locale.ROOT, "brown-duda-sphere(a=%.4f m)", radiusMeters);
    }

    /** The delay of an ear for a wave at angle {@code theta} (radians) from its axis, relative to the head centre. */
    public double earDelaySeconds(double theta) {
        double aOverC = radiusMeters / Room.SPEED_OF_SOUND_METERS_PER_SECOND;
        return theta < Math.PI / 2 ? -aOverC * Math.cos(theta) : aOverC * (theta - Math.PI / 2);
    }

    /**
     * The model's interaural time difference, right-ear delay minus left-ear delay, seconds: positive
     * when the source is on the left.
     */
    public double interauralTimeDifferenceSeconds(Vec3 directionHead) {
        Vec3 d = directionHead.unit();
        return earDelaySeconds(angle(d, -1)) - earDelaySeconds(angle(d, 1));
    }

    @Override
    public HrirPair hrir(Vec3 directionHead) {
        Vec3 d = directionHead.unit();
        if (d.norm() == 0) {
            throw new ConfigurationException("An HRIR needs a non-zero direction");
        }
        return new HrirPair(ear(angle(d, 1)), ear(angle(d, -1)));
    }

    /** Angle between the direction and the ear axis (+y for the left ear, −y for the right). */
    private static double angle(Vec3 d, int side) {
        return Math.acos(Math.max(-1, Math.min(1, side * d.y())));
    }

    private float[] ear(double theta) {
        double[] h = new double[length];
        double delay = (bulkDelaySeconds + earDelaySeconds(theta)) * sampleRateHz;
        int centre = (int) Math.floor(delay);
        for (int n = centre - SINC_HALF_WIDTH; n <= centre + SINC_HALF_WIDTH + 1; n++) {
            if (n < 0 || n >= length) {
                continue;
            }
            double x = n - delay;
            double sinc = x == 0 ? 1 : Math.sin(Math.PI * x) / (Math.PI * x);
            double u = (x + SINC_HALF_WIDTH + 1) / (2.0 * (SINC_HALF_WIDTH + 1)); // 0..1 across the window
            double blackman = u <= 0 || u >= 1 ? 0 : 0.42 - 0.5 * Math.cos(2 * Math.PI * u) + 0.08 * Math.cos(4 * Math.PI * u);
            h[n] = sinc * blackman;
        }
        // head shadow by the bilinear transform: H(z) = (b0 + b1 z^-1) / (a0 + a1 z^-1)
        double alpha = 1 + ALPHA_MIN / 2 + (1 - ALPHA_MIN / 2) * Math.cos(Math.PI * theta / THETA_MIN);
        double k = sampleRateHz * radiusMeters / Room.SPEED_OF_SOUND_METERS_PER_SECOND; // 2 fs / (2 w0)
        double b0 = 1 + alpha * k;
        double b1 = 1 - alpha * k;
        double a0 = 1 + k;
        double a1 = 1 - k;
        float[] out = new float[length];
        double previousIn = 0;
        double previousOut = 0;
        for (int n = 0; n < length; n++) {
            double y = (b0 * h[n] + b1 * previousIn - a1 * previousOut) / a0;
            previousIn = h[n];
            previousOut = y;
            out[n] = (float) y;
        }
        return out;
    }
}
