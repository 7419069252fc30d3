package org.nathear.tasks.acoustics.receivers;

import org.nathear.api.ChannelLayout;
import org.nathear.tasks.acoustics.Vec3;

/**
 * What listens in a simulated room: an omnidirectional microphone, a first-order Ambisonics
 * microphone or a pair of ears. A receiver turns one plane wave, arriving from a direction relative
 * to its own frame (x front, y left, z up), into its channels, and describes the spatial covariance
 * of a diffuse (isotropic) sound field, which the simulator's late tail uses.
 *
 * <p>A receiver works at one sample rate. Implementations are immutable and thread-safe.
 */
public interface Receiver {

    /** The channel layout of the impulse responses it makes ({@link ChannelLayout#MONO} for an omni). */
    ChannelLayout layout();

    /** The sample rate of its responses, Hz. */
    int sampleRateHz();

    /** How many samples one impulse occupies after its arrival sample (filter length − 1; 0 for pure gains). */
    int responseSamples();

    /**
     * Adds a plane wave's response: for every band b, {@code gains[b]} times the response to a wave
     * from {@code directionHead}, starting at sample {@code at} of {@code bands[b][channel]}.
     */
    void addImpulse(double[][][] bands, int at, double[] gains, Vec3 directionHead);

    /**
     * The colouring that turns independent complex values of unit variance, one per channel, into the
     * receiver's channels in a diffuse field whose omnidirectional pressure has unit variance, for
     * the bins of a real FFT of size {@code fftSize}.
     */
    DiffuseColouring diffuseColouring(int fftSize);

    /** One line for scene records, e.g. {@code foa-acn-sn3d} or {@code binaural:brown-duda(a=0.0875)}. */
    String description();

    /** Per-bin colouring of diffuse-field noise; see {@link Receiver#diffuseColouring}. */
    @FunctionalInterface
    interface DiffuseColouring {
        /** Replaces {@code (re, im)}, one value per channel, by the coloured values, in place. */
        void colour(int bin, double[] re, double[] im);
    }
}
