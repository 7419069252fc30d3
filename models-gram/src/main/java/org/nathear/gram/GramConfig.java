package org.nathear.gram;

import java.util.Locale;
import org.nathear.api.ConfigurationException;

/**
 * Everything that fixes the shapes of a GRAM network: input variant, patching/masking, size, and
 * the log offset of its front end.
 *
 * @param variant          input format
 * @param masking          patch geometry and decoder windows
 * @param size             widths and depths
 * @param logEpsilon       offset inside the log of the log-mel channels ({@code 1e-5} for
 *                         binaural/clean and {@code 1e-6} for Ambisonics, as in the reference's
 *                         pre-training)
 */
public record GramConfig(GramVariant variant, GramMasking masking, GramSize size, double logEpsilon) {

    public GramConfig {
        if (variant == null || masking == null || size == null) {
            throw new ConfigurationException("A GRAM config needs variant, masking and size; got " + variant + ", "
                    + masking + ", " + size);
        }
        if (!(logEpsilon > 0)) {
            throw new ConfigurationException("GRAM log offset must be positive; got " + logEpsilon);
        }
    }

    /** The reference implementation's front-end settings for a variant. */
    public static GramConfig of(GramVariant variant, GramMasking masking, GramSize size) {
        return new GramConfig(variant, masking, size, defaultLogEpsilon(variant));
    }

    /** {@code 1e-6} for Ambisonics (its feature extractor), {@code 1e-5} otherwise (pre-training). */
    public static double defaultLogEpsilon(GramVariant variant) {
        return variant == GramVariant.AMBISONICS ? 1e-6 : 1e-5;
    }

    /** Values per patch: feature channels × patch bins × patch frames (the reconstruction target). */
    public int patchValues() {
        return variant.featureChannels() * masking.patchFrequencyBins() * masking.patchFrames();
    }

    /** Short text for messages, e.g. {@code binaural/patch/tiny}. */
    public String label() {
        return variant.id() + "/" + masking.id() + "/" + size.name();
    }

    /** Scene-embedding width of the {@code raw} strategy: frequency patches × encoder width. */
    public int rawTokenDim() {
        return masking.frequencyPatches() * size.encoderDim();
    }

    /** Milliseconds between successive raw tokens (80 for patch masking, 20 for time masking). */
    public double tokenHopMillis() {
        return masking.patchFrames() * 10.0;
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "GramConfig[%s, encoder %d×%d/%dh, decoder %d×%d/8h, log eps %s]", label(),
                size.encoderDim(), size.encoderDepth(), size.encoderHeads(), size.decoderDim(), size.decoderDepth(), logEpsilon);
    }
}
