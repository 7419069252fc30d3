package org.nathear.tasks.spatial.noise;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nathear.api.ConfigurationException;
import org.nathear.api.audio.WavEncoding;
import org.nathear.api.audio.WavFiles;

class NoiseClipsTest {

    @Test
    void longClipsAreCutToTenSecondsAndEveryClipFadesLinearlyOver200Ms() {
        int fs = 8000;
        float[] ones = new float[25 * fs];
        Arrays.fill(ones, 1f);
        float[] out = NoiseClips.trimAndFade(ones, fs, new SplittableRandom(1));
        assertEquals(10 * fs, out.length);
        int fade = (int) (0.2 * fs);
        for (int i = 0; i < fade; i++) {
            assertEquals(i / (double) fade, out[i], 1e-6, "fade-in sample " + i);
            assertEquals(i / (double) fade, out[out.length - 1 - i], 1e-6, "fade-out sample " + i);
        }
        assertEquals(1, out[fade + 10], 0);
        float[] shortClip = new float[fs];
        Arrays.fill(shortClip, 1f);
        assertEquals(fs, NoiseClips.trimAndFade(shortClip, fs, new SplittableRandom(1)).length, "short clips keep their length");
    }

    @Test
    void generatedTexturesAreTenSecondFadedAndNamedAsGenerated() {
        GeneratedNoiseBank bank = new GeneratedNoiseBank();
        SplittableRandom r = new SplittableRandom(2);
        for (int i = 0; i < 12; i++) {
            NoiseClip c = bank.draw(r, 16000);
            assertEquals(160000, c.samples().length);
            assertTrue(c.name().startsWith("generated:"), c.name());
            assertEquals(0, c.samples()[0], 0, "starts faded in");
            double ss = 0;
            for (float v : c.samples()) {
                ss += v * v;
            }
            assertTrue(ss > 0, c.name() + " is not silent");
        }
    }

    @Test
    void aFolderBankReadsMixesDownAndResamplesItsRecordings(@TempDir Path dir) {
        float[][] stereo = {new float[2000], new float[2000]};
        Arrays.fill(stereo[0], 0.5f);
        Arrays.fill(stereo[1], 0.3f);
        WavFiles.write(dir.resolve("sub").resolve("a.wav"), stereo, 8000, WavEncoding.FLOAT_32);
        FolderNoiseBank bank = new FolderNoiseBank(dir);
        assertEquals(1, bank.size());
        NoiseClip c = bank.draw(new SplittableRandom(1), 16000);
        assertEquals(4000, c.samples().length);
        assertEquals(0.4, c.samples()[2000], 1e-3, "mean of the channels");
        assertEquals("sub/a.wav", c.name().replace('\\', '/'));
        ConfigurationException e = assertThrows(ConfigurationException.class, () -> new FolderNoiseBank(dir.resolve("sub2")));
        assertTrue(e.getMessage().contains("does not exist"), e.getMessage());
    }
}
