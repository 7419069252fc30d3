package org.nathear.gram.plugin;

import java.util.Set;
import org.nathear.api.ChannelLayout;
import org.nathear.gram.GramMasking;
import org.nathear.gram.GramVariant;
import org.nathear.gram.embed.GramEmbedder;

/** {@code gram-binaural}: GRAM-Binaural: binaural GRAM, patch masking. */
public final class GramBinauralPlugin extends GramModelPlugin {
    public GramBinauralPlugin() {
        super("gram-binaural", GramVariant.BINAURAL, GramMasking.PATCH, GramEmbedder.SceneMode.MEAN, Set.of(ChannelLayout.BINAURAL),
                "GRAM-Binaural: binaural GRAM, patch masking");
    }
}
