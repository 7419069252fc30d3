package org.nathear.gram;

import java.util.Locale;
import org.nathear.api.ConfigurationException;

/**
 * Widths and depths of the encoder and decoder.
 *
 * <p>{@link #BASE} is the paper's model: a ViT-B encoder (768 wide, 12 layers, 12 heads, MLP 3072)
 * and an MW-MAE decoder (512 wide, 8 layers, 8 heads). {@link #TINY} is for CPU tests and the
 * embedded demo checkpoints; {@link #SMALL} sits between. The decoder always has 8 heads, one per
 * attention window of {@link GramMasking#decoderWindows()}.
 *
 * @param encoderDim     encoder width (divisible by 4 and by {@code encoderHeads})
 * @param encoderDepth   encoder blocks
 * @param encoderHeads   encoder attention heads
 * @param decoderDim     decoder width (divisible by 8)
 * @param decoderDepth   decoder blocks
 */
public record GramSize(String name, int encoderDim, int encoderDepth, int encoderHeads, int decoderDim, int decoderDepth) {
    public static final int DECODER_HEADS = 8;
    public static final int MLP_RATIO = 4;

    public static final GramSize TINY = new GramSize("tiny", 64, 4, 4, 64, 2);
    public static final GramSize SMALL = new GramSize("small", 384, 12, 6, 256, 4);
    public static final GramSize BASE = new GramSize("base", 768, 12, 12, 512, 8);

    public GramSize {
        if (name == null || name.isBlank()) {
            throw new ConfigurationException("A GRAM size needs a name");
        }
        if (encoderDim <= 0 || encoderDim % 4 != 0 || encoderHeads <= 0 || encoderDim % encoderHeads != 0) {
            throw new ConfigurationException("GRAM size '" + name + "': encoder width " + encoderDim
                    + " must be a positive multiple of 4 and of the head count " + encoderHeads);
        }
        if (decoderDim <= 0 || decoderDim % DECODER_HEADS != 0 || decoderDim % 4 != 0) {
            throw new ConfigurationException("GRAM size '" + name + "': decoder width " + decoderDim
                    + " must be a positive multiple of 8 (8 decoder heads)");
        }
        if (encoderDepth <= 0 || decoderDepth <= 0) {
            throw new ConfigurationException("GRAM size '" + name + "': depths must be positive; got encoder "
                    + encoderDepth + ", decoder " + decoderDepth);
        }
    }

    /** {@code tiny|small|base}; the error lists the accepted names. */
    public static GramSize parse(String name) {
        String n = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
        return switch (n) {
            case "tiny" -> TINY;
            case "small" -> SMALL;
            case "base" -> BASE;
            default -> throw new ConfigurationException("Unknown GRAM size '" + name + "'; expected one of tiny, small, base");
        };
    }
}
