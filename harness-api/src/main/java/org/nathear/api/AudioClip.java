package org.nathear.api;

import java.util.Arrays;

/**
 * A clip of float PCM audio, {@code [channel][sample]} in [-1, 1], with its sample rate and layout.
 *
 * <p>The constructor validates and copies its input. {@link #samples()} returns the internal
 * arrays without copying, for speed: callers must treat them as read-only.
 *
 * @param samples       {@code [channel][sample]}; every channel the same length
 * @param sampleRateHz  sample rate in Hz, positive
 * @param layout        channel layout; its channel count must equal {@code samples.length}
 */
public record AudioClip(float[][] samples, int sampleRateHz, ChannelLayout layout) {

    /** Checks the clip (samples and layout given, a positive rate, as many channels as the layout has, all of equal length) and copies the samples. */
    public AudioClip {
        if (samples == null || layout == null) {
            throw new AudioFormatException("An audio clip needs samples and a channel layout; got samples="
                    + (samples == null ? "null" : "present") + ", layout=" + layout);
        }
        if (sampleRateHz <= 0) {
            throw new AudioFormatException("Sample rate must be positive; got " + sampleRateHz + " Hz");
        }
        if (samples.length != layout.channelCount()) {
            throw new AudioFormatException("Layout " + layout + " needs " + layout.channelCount()
                    + " channel(s); got " + samples.length);
        }
        float[][] copy = new float[samples.length][];
        for (int c = 0; c < samples.length; c++) {
            if (samples[c] == null || samples[c].length != samples[0].length) {
                throw new AudioFormatException("All channels must have the same length; channel " + c
                        + " has " + (samples[c] == null ? "no samples" : samples[c].length + " samples")
                        + ", channel 0 has " + samples[0].length);
            }
            copy[c] = samples[c].clone();
        }
        samples = copy;
    }

    /** A mono clip from one channel of samples. */
    public static AudioClip mono(float[] samples, int sampleRateHz) {
        return new AudioClip(new float[][] {samples}, sampleRateHz, ChannelLayout.MONO);
    }

    /** Number of channels (that of the layout). */
    public int channelCount() {
        return samples.length;
    }

    /** Number of samples per channel. */
    public int frameCount() {
        return samples[0].length;
    }

    /** Length in seconds: samples per channel divided by the sample rate. */
    public double durationSeconds() {
        return frameCount() / (double) sampleRateHz;
    }

    /** The samples of one channel (internal array, read-only by contract). */
    public float[] channel(int index) {
        return samples[index];
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AudioClip other && sampleRateHz == other.sampleRateHz && layout == other.layout
                && Arrays.deepEquals(samples, other.samples);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * Arrays.deepHashCode(samples) + sampleRateHz) + layout.hashCode();
    }

    @Override
    public String toString() {
        return "AudioClip[" + layout + ", " + channelCount() + " ch, " + frameCount() + " samples @ "
                + sampleRateHz + " Hz]";
    }
}
