package org.nathear.gram.plugin;

import java.util.Set;
import org.nathear.api.ChannelLayout;
import org.nathear.gram.GramMasking;
import org.nathear.gram.GramVariant;
import org.nathear.gram.embed.GramEmbedder;

/** {@code gram-clean}: GRAM-Clean: mono, pre-trained on dry audio. */
public final class GramCleanPlugin extends GramModelPlugin {
    public GramCleanPlugin() {
        super("gram-clean", GramVariant.CLEAN, GramMasking.PATCH, GramEmbedder.SceneMode.MEAN, Set.of(ChannelLayout.MONO),
                "GRAM-Clean: mono, pre-trained on dry audio");
    }
}
