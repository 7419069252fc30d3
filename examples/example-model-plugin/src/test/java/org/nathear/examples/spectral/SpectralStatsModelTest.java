package org.nathear.examples.spectral;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.nathear.api.AudioClip;
import org.nathear.api.audio.Signals;
import org.nathear.api.contract.ModelPluginContract;
import org.nathear.api.spi.ModelPlugin;
import org.nathear.api.spi.OpenedModel;

/** The contract kit, plus one value computed by hand. */
class SpectralStatsModelTest implements ModelPluginContract {
    @Override
    public ModelPlugin createPlugin() {
        return new SpectralStatsModel();
    }

    @Test
    void aPureToneHasItsFrequencyAsCentroidAndRollOff() {
        // 1 kHz sits exactly on bin 32 of a 512-point FFT at 16 kHz; the Hann window spreads it over bins 31-33 symmetrically
        AudioClip tone = AudioClip.mono(Signals.sine(1000, 0.5, 0, 16000, 16000), 16000);
        try (OpenedModel model = createPlugin().open(contractOptions())) {
            float[] frame = model.timestampEmbeddings(List.of(tone)).get(0).embeddings()[50];
            assertEquals(1.0, frame[1], 1e-3, "centroid in kHz");
            assertEquals(1.0, frame[3], 0.04, "85 % roll-off in kHz, within one bin");
        }
    }
}
