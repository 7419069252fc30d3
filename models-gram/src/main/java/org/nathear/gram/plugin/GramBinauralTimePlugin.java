package org.nathear.gram.plugin;

import java.util.Set;
import org.nathear.api.ChannelLayout;
import org.nathear.gram.GramMasking;
import org.nathear.gram.GramVariant;
import org.nathear.gram.embed.GramEmbedder;

/** {@code gram-binaural-time}: GRAM-Binaural-Time: binaural, time masking (the paper's localisation model). */
public final class GramBinauralTimePlugin extends GramModelPlugin {
    public GramBinauralTimePlugin() {
        super("gram-binaural-time", GramVariant.BINAURAL, GramMasking.TIME, GramEmbedder.SceneMode.MEAN, Set.of(ChannelLayout.BINAURAL),
                "GRAM-Binaural-Time: binaural, time masking (the paper's localisation model)");
    }
}
