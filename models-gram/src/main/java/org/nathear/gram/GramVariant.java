package org.nathear.gram;

import java.util.Locale;
import org.nathear.api.ChannelLayout;
import org.nathear.api.ConfigurationException;

/**
 * The three input formats of GRAM: what audio the model takes and how many feature channels its
 * patch embedding sees.
 *
 * <ul>
 *   <li>{@link #BINAURAL}: left and right ear, one log-mel each (2 feature channels).</li>
 *   <li>{@link #AMBISONICS}: first-order Ambisonics, 4 log-mels (W and the three first-order
 *       channels in GRAM's own layout, see {@link org.nathear.gram.frontend.AmbisonicsLayout}) plus 3
 *       active-intensity-vector channels (7 feature channels).</li>
 *   <li>{@link #CLEAN}: one channel of dry audio, one log-mel (the paper's GRAM-Clean, trained
 *       without rooms or noise; the authors' released counterpart is "gramt-mono").</li>
 * </ul>
 */
public enum GramVariant {
    BINAURAL(ChannelLayout.BINAURAL, 2, 2),
    AMBISONICS(ChannelLayout.FOA, 4, 7),
    CLEAN(ChannelLayout.MONO, 1, 1);

    private final ChannelLayout layout;
    private final int audioChannels;
    private final int featureChannels;

    GramVariant(ChannelLayout layout, int audioChannels, int featureChannels) {
        this.layout = layout;
        this.audioChannels = audioChannels;
        this.featureChannels = featureChannels;
    }

    /** The nathear layout of the audio this variant is trained on and takes as it is. */
    public ChannelLayout layout() {
        return layout;
    }

    /** Audio channels the front end takes (in GRAM's own order for Ambisonics). */
    public int audioChannels() {
        return audioChannels;
    }

    /** Channels of the feature tensor ({@code in_channels} of the reference implementation). */
    public int featureChannels() {
        return featureChannels;
    }

    /** Lower-case name as used on the command line and in checkpoints. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses {@code binaural|ambisonics|clean}; the error lists the accepted names. */
    public static GramVariant parse(String name) {
        for (GramVariant v : values()) {
            if (v.id().equals(name == null ? "" : name.trim().toLowerCase(Locale.ROOT))) {
                return v;
            }
        }
        throw new ConfigurationException("Unknown GRAM variant '" + name + "'; expected one of binaural, ambisonics, clean");
    }
}
