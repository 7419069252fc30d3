package org.nathear.gram.plugin;

import java.util.Set;
import org.nathear.api.ChannelLayout;
import org.nathear.gram.GramMasking;
import org.nathear.gram.GramVariant;
import org.nathear.gram.embed.GramEmbedder;

/** {@code gram-ambisonics}: GRAM-Ambisonics: first-order Ambisonics (4 log-mels + 3 intensity vectors). */
public final class GramAmbisonicsPlugin extends GramModelPlugin {
    public GramAmbisonicsPlugin() {
        super("gram-ambisonics", GramVariant.AMBISONICS, GramMasking.PATCH, GramEmbedder.SceneMode.MEAN, Set.of(ChannelLayout.FOA, ChannelLayout.MONO),
                "GRAM-Ambisonics: first-order Ambisonics (4 log-mels + 3 intensity vectors)");
    }
}
