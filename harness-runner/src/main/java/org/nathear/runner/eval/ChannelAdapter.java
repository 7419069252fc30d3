package org.nathear.runner.eval;

import org.nathear.api.AudioClip;
import org.nathear.api.ChannelLayout;
import org.nathear.api.ModelDescriptor;

/**
 * Adapts a task's channel layout to one a model accepts, following the paper: a mono model on a
 * spatial task gets the omnidirectional channel (FOA W) or the mean of a binaural pair; a
 * multi-channel model on a mono task gets the signal duplicated (binaural) or in W with zeros
 * elsewhere (FOA). The rule is recorded in every result.
 */
public record ChannelAdapter(ChannelLayout from, ChannelLayout to, String rule) {

    /** The adapter for a task layout and a model; {@code as-is} when the model accepts the layout. */
    public static ChannelAdapter choose(ChannelLayout taskLayout, ModelDescriptor model) {
        if (model.accepts(taskLayout)) {
            return new ChannelAdapter(taskLayout, taskLayout, "as-is");
        }
        if (model.accepts(ChannelLayout.MONO)) {
            return switch (taskLayout) {
                case BINAURAL -> new ChannelAdapter(taskLayout, ChannelLayout.MONO, "binaural->mono: mean of left and right");
                case FOA -> new ChannelAdapter(taskLayout, ChannelLayout.MONO, "foa->mono: omnidirectional channel W");
                case MONO -> throw new IllegalStateException("unreachable");
            };
        }
        if (taskLayout == ChannelLayout.MONO && model.accepts(ChannelLayout.BINAURAL)) {
            return new ChannelAdapter(taskLayout, ChannelLayout.BINAURAL, "mono->binaural: signal in both ears");
        }
        if (taskLayout == ChannelLayout.MONO && model.accepts(ChannelLayout.FOA)) {
            return new ChannelAdapter(taskLayout, ChannelLayout.FOA, "mono->foa: signal in W, zeros in Y, Z, X");
        }
        throw new org.nathear.api.ConfigurationException("Model '" + model.id() + "' accepts " + model.acceptedLayouts()
                + " and there is no rule to adapt " + taskLayout + " to any of them");
    }

    /**
     * Whether a rule exists: false only for a spatial task and a model that accepts neither its layout
     * nor mono (e.g. a binaural-only model on a FOA task). Such a cell is not applicable and is skipped.
     */
    public static boolean canAdapt(ChannelLayout taskLayout, ModelDescriptor model) {
        return model.accepts(taskLayout) || model.accepts(ChannelLayout.MONO) || taskLayout == ChannelLayout.MONO
                && (model.accepts(ChannelLayout.BINAURAL) || model.accepts(ChannelLayout.FOA));
    }

    /** Applies the rule to a clip. */
    public AudioClip apply(AudioClip clip) {
        if (from == to) {
            return clip;
        }
        float[][] in = clip.samples();
        int n = clip.frameCount();
        float[][] out = new float[to.channelCount()][];
        switch (to) {
            case MONO -> {
                if (from == ChannelLayout.BINAURAL) {
                    float[] mean = new float[n];
                    for (int i = 0; i < n; i++) {
                        mean[i] = 0.5f * (in[0][i] + in[1][i]);
                    }
                    out[0] = mean;
                } else {
                    out[0] = in[0]; // ACN channel 0 is W
                }
            }
            case BINAURAL -> {
                out[0] = in[0];
                out[1] = in[0];
            }
            case FOA -> {
                out[0] = in[0];
                for (int c = 1; c < 4; c++) {
                    out[c] = new float[n];
                }
            }
        }
        return new AudioClip(out, clip.sampleRateHz(), to);
    }
}
