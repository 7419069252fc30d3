package org.nathear.tasks.acoustics.receivers;

import org.nathear.api.ChannelLayout;
import org.nathear.tasks.acoustics.Vec3;

/** An ideal omnidirectional pressure microphone: one channel, unit gain in every direction. */
public record OmniReceiver(int sampleRateHz) implements Receiver {

    public OmniReceiver {
        if (sampleRateHz <= 0) {
            throw new org.nathear.api.ConfigurationException("Sample rate must be positive; got " + sampleRateHz + " Hz");
        }
    }

    @Override
    public ChannelLayout layout() {
        return ChannelLayout.MONO;
    }

    @Override
    public int responseSamples() {
        return 0;
    }

    @Override
    public void addImpulse(double[][][] bands, int at, double[] gains, Vec3 directionHead) {
        for (int b = 0; b < bands.length; b++) {
            bands[b][0][at] += gains[b];
        }
    }

    @Override
    public DiffuseColouring diffuseColouring(int fftSize) {
        return (bin, re, im) -> { };
    }

    @Override
    public String description() {
        return "omni";
    }
}
