package org.nathear.tasks.spatial.scene;

import java.util.Locale;
import org.nathear.api.ConfigurationException;

/**
 * How a scene's reverberant noise is scaled to the SNR and where its clips come from. Both modes
 * draw the same scene (room, positions, SNR); they differ in the noise only.
 *
 * <ul>
 *   <li>{@link #NATHEAR} (default): one noise clip per noise source, each at its own offset; one gain
 *       for all channels, chosen so that the reverberant source's energy over the samples where
 *       noise plays, summed over channels, is SNR dB above the noise's (GRAM's later "SNR fix").
 *       The noise keeps its interaural (binaural) and inter-channel (FOA) level differences.</li>
 *   <li>{@link #AUTHORS}: as the GRAM authors' Nat-HEAR and the released checkpoints' training
 *       data: one noise clip, at one offset, fed through every noise source's impulse response
 *       and summed; each channel scaled on its own so that its SNR over the whole clip is the
 *       target (torchaudio's {@code add_noise}). Every channel then has the same SNR, so the
 *       noise's interaural level differences follow the source's instead of the noise's own
 *       position, and silent stretches of a short noise clip lower the level where it plays.</li>
 * </ul>
 */
public enum Mixing {
    NATHEAR,
    AUTHORS;

    /** The lower-case name used on the command line and in records: {@code nathear}, {@code authors}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses {@code nathear} or {@code authors} (case-insensitive). */
    public static Mixing parse(String name) {
        for (Mixing m : values()) {
            if (m.id().equalsIgnoreCase(name == null ? "" : name.trim())) {
                return m;
            }
        }
        throw new ConfigurationException("Unknown mixing mode '" + name + "'; expected nathear or authors");
    }
}
