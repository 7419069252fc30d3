package org.nathear.gram.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.nathear.api.ConfigurationException;
import org.nathear.gram.GramMasking;
import org.nathear.gram.GramSize;
import org.nathear.gram.GramVariant;

class TrainOptionsTest {
    private static final Path DATA = Path.of("corpus");
    private static final Path OUT = Path.of("run");

    @Test
    void theBuilderStartsFromTheDocumentedCpuDefaults() {
        TrainOptions d = TrainOptions.defaults(GramVariant.BINAURAL, GramMasking.PATCH, GramSize.TINY, DATA, OUT, 2000, 9);
        TrainOptions expected = new TrainOptions(GramVariant.BINAURAL, GramMasking.PATCH, GramSize.TINY, DATA, OUT, 2000, 9,
                8, 4, 0.8, 1e-3, 100, 0.01, 0.9, 0.95, 5.0, 0.0, 5, 40, 10, 500, null, null, "cpu", false,
                null, TrainOptions.Scenes.defaults());
        assertEquals(expected, d);
        assertEquals(20, TrainOptions.defaults(GramVariant.BINAURAL, GramMasking.PATCH, GramSize.TINY, DATA, OUT, 200, 9)
                .warmupSteps(), "warm-up is a tenth of a short run");
    }

    @Test
    void toBuilderChangesOnlyWhatIsSet() {
        TrainOptions base = TrainOptions.builder(GramVariant.AMBISONICS, GramMasking.TIME, GramSize.TINY, DATA, OUT, 50, 3)
                .batch(2, 3).learningRate(2e-3, 5).snr(0, 20).device("gpu:1").build();
        assertEquals(base, base.toBuilder().build());
        TrainOptions resumed = base.toBuilder().resume(true).cleanRatio(0.5).build();
        assertTrue(resumed.resume());
        assertEquals(0.5, resumed.cleanRatio());
        assertEquals(base, resumed.toBuilder().resume(false).cleanRatio(0.0).build(), "nothing else changed");
    }

    @Test
    void buildNamesTheValueOutOfRange() {
        ConfigurationException e = assertThrows(ConfigurationException.class, () -> TrainOptions.builder(GramVariant.BINAURAL,
                GramMasking.PATCH, GramSize.TINY, DATA, OUT, 10, 1).maskRatio(1.0).build());
        assertTrue(e.getMessage().contains("mask ratio must lie in (0, 1); got 1.0"), e.getMessage());
    }
}
