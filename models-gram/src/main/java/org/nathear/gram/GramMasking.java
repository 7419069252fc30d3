package org.nathear.gram;

import java.util.List;
import java.util.Locale;
import org.nathear.api.ConfigurationException;

/**
 * How a 128 × 200 spectrogram crop is cut into patches, and the decoder's attention windows that go
 * with it (one window per decoder head, in patches along the frequency-major patch sequence; 0 means
 * global attention).
 *
 * <ul>
 *   <li>{@link #PATCH}: 16 mel bins × 8 frames, a grid of 8 × 25 = 200 patches; windows
 *       [2, 5, 10, 25, 50, 100, 0, 0]. GRAM's default.</li>
 *   <li>{@link #TIME}: all 128 bins × 2 frames, 1 × 100 patches; windows [2, 5, 10, 25, 50, 0, 0, 0].
 *       The paper's time-masked model for localization.</li>
 * </ul>
 */
public enum GramMasking {
    PATCH(16, 8, List.of(2, 5, 10, 25, 50, 100, 0, 0)),
    TIME(128, 2, List.of(2, 5, 10, 25, 50, 0, 0, 0));

    /** Mel bins of a crop. */
    public static final int MEL_BINS = 128;
    /** Frames of a crop (2 s at a 10 ms hop). */
    public static final int CROP_FRAMES = 200;

    private final int patchFrequencyBins;
    private final int patchFrames;
    private final List<Integer> decoderWindows;

    GramMasking(int patchFrequencyBins, int patchFrames, List<Integer> decoderWindows) {
        this.patchFrequencyBins = patchFrequencyBins;
        this.patchFrames = patchFrames;
        this.decoderWindows = decoderWindows;
    }

    /** Mel bins per patch. */
    public int patchFrequencyBins() {
        return patchFrequencyBins;
    }

    /** Frames per patch. */
    public int patchFrames() {
        return patchFrames;
    }

    /** Patches along frequency (8 or 1). */
    public int frequencyPatches() {
        return MEL_BINS / patchFrequencyBins;
    }

    /** Patches along time per crop (25 or 100). */
    public int timePatches() {
        return CROP_FRAMES / patchFrames;
    }

    /** Patches per crop (200 or 100). */
    public int patchCount() {
        return frequencyPatches() * timePatches();
    }

    /** Attention window per decoder head (8 heads); 0 = global. */
    public List<Integer> decoderWindows() {
        return decoderWindows;
    }

    /** Lower-case name as used on the command line and in checkpoints. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses {@code patch|time}; the error lists the accepted names. */
    public static GramMasking parse(String name) {
        for (GramMasking m : values()) {
            if (m.id().equals(name == null ? "" : name.trim().toLowerCase(Locale.ROOT))) {
                return m;
            }
        }
        throw new ConfigurationException("Unknown GRAM masking '" + name + "'; expected one of patch, time");
    }
}
