package org.nathear.tasks.spatial.scene;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import org.nathear.api.AudioClip;

/**
 * A mixed scene: the multi-channel audio (same length as the dry source), the scene's parameters
 * and how it was mixed.
 */
public record RenderedScene(AudioClip audio, SceneParameters parameters, Mix mix) {

    /**
     * How the mixture was made.
     *
     * @param seed         the scene seed everything was drawn from
     * @param mixing       {@code nathear} or {@code authors} ({@link Mixing})
     * @param noiseClips   the noise clips with their placement: one per noise source ({@code nathear}) or the one
     *                     clip fed through every noise response ({@code authors})
     * @param noiseGain    {@code nathear}: the one gain applied to the reverberant noise (all channels) to reach the
     *                     SNR; {@code authors}: the mean of {@code channelNoiseGains}; 0 without noise
     * @param channelNoiseGains  {@code authors} only (else null): the gain of each channel's noise
     * @param outputGain   the one gain applied to the mixture (all channels): the reference channel's RMS is the dry
     *                     source's, then the peak is limited to 0.99
     * @param note         why something was left out (e.g. a silent source gets no noise), or null
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Mix(long seed, String mixing, List<NoiseUse> noiseClips, double noiseGain, List<Double> channelNoiseGains,
                      double outputGain, String note) {
        public Mix {
            noiseClips = List.copyOf(noiseClips);
            channelNoiseGains = channelNoiseGains == null ? null : List.copyOf(channelNoiseGains);
        }
    }

    /**
     * One noise clip in the mixture.
     *
     * @param name            where it came from (file or generated texture)
     * @param offsetSamples   where its first sample lies relative to the scene's first sample (negative: it started before)
     * @param lengthSamples   its length after trimming to 10 s
     */
    public record NoiseUse(String name, int offsetSamples, int lengthSamples) {
    }
}
