package org.nathear.api.audio;

import org.nathear.api.AudioClip;
import org.nathear.api.AudioFormatException;
import org.nathear.api.ChannelLayout;

/**
 * The decoded content of a WAV file: float samples {@code [channel][sample]}, its rate and the
 * encoding it was stored in. Turn it into an {@link AudioClip} with {@link #toClip(ChannelLayout)}.
 */
public record WavData(float[][] samples, int sampleRateHz, WavEncoding encoding) {

    /** Number of channels. */
    public int channelCount() {
        return samples.length;
    }

    /** Number of sample frames (samples per channel). */
    public int frameCount() {
        return samples.length == 0 ? 0 : samples[0].length;
    }

    /** This audio as a clip of the given layout; the channel count must match. */
    public AudioClip toClip(ChannelLayout layout) {
        if (samples.length != layout.channelCount()) {
            throw new AudioFormatException("Expected " + layout.channelCount() + " channel(s) for layout " + layout
                    + " but the audio has " + samples.length);
        }
        return new AudioClip(samples, sampleRateHz, layout);
    }
}
