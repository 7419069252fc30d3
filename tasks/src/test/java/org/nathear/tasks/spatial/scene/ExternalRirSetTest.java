package org.nathear.tasks.spatial.scene;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nathear.api.ConfigurationException;
import org.nathear.api.audio.WavEncoding;
import org.nathear.api.audio.WavFiles;
import org.nathear.tasks.spatial.TaskFiles;

class ExternalRirSetTest {

    private static void wav(Path file, int channels, int rate, float value) {
        float[][] x = new float[channels][64];
        for (int c = 0; c < channels; c++) {
            x[c][3 + c] = value;
        }
        WavFiles.write(file, x, rate, WavEncoding.FLOAT_32);
    }

    private static void index(Path dir, String receiver, String convention, List<Map<String, Object>> scenes) {
        Map<String, Object> root = new java.util.LinkedHashMap<>();
        root.put("format", "nathear-rirs/1");
        root.put("receiver", receiver);
        if (convention != null) {
            root.put("foa_convention", convention);
        }
        root.put("scenes", scenes);
        TaskFiles.writeJson(dir.resolve(ExternalRirSet.INDEX_FILE), root);
    }

    private static Map<String, Object> scene(String id, String source, Double azimuth, List<String> noise) {
        Map<String, Object> src = new java.util.LinkedHashMap<>();
        src.put("file", source);
        if (azimuth != null) {
            src.put("azimuth_deg", azimuth);
            src.put("elevation_deg", 10.0);
        }
        return Map.of("id", id, "source", src, "noise", noise.stream().map(f -> Map.of("file", f)).toList());
    }

    @Test
    void aValidFolderRendersScenesWithItsResponsesConvertedToAmbix(@TempDir Path dir) {
        wav(dir.resolve("s0.wav"), 4, 16000, 0.5f);
        wav(dir.resolve("n0.wav"), 4, 16000, 0.2f);
        index(dir, "foa", "fuma", List.of(scene("room-a", "s0.wav", 45.0, List.of("n0.wav"))));
        ExternalRirSet set = ExternalRirSet.open(dir);
        assertEquals(16000, set.sampleRateHz());
        SceneImpulseResponses irs = set.load(set.scenes().get(0), 16000);
        assertEquals(0.5 * Math.sqrt(2), irs.source()[0][3], 1e-6, "FuMa W (channel 0) times sqrt 2 becomes ACN W");
        assertEquals(0.5, irs.source()[3][4], 1e-6, "FuMa X (channel 1) becomes ACN channel 3");
        SceneSimulator r = SceneSimulator.builder().setFormat(SpatialFormat.FOA).setSampleRateHz(16000)
                .optExternalImpulseResponses(set).build();
        RenderedScene s = r.render(new float[] {1, 0, 0, 0, 0, 0, 0, 0, 0, 0}, 3);
        assertEquals("external:room-a", s.parameters().impulseResponses());
        assertEquals(45.0, s.parameters().source().azimuthDegrees());
        assertEquals("localized", s.parameters().noise().kind());
    }

    @Test
    void inconsistentChannelCountsMissingDirectionsAndMixedRatesAreClearErrors(@TempDir Path dir) {
        wav(dir.resolve("s4.wav"), 4, 16000, 1);
        wav(dir.resolve("s2.wav"), 2, 16000, 1);
        wav(dir.resolve("s48.wav"), 4, 48000, 1);
        index(dir, "foa", null, List.of(scene("a", "s4.wav", 0.0, List.of("s2.wav"))));
        ConfigurationException channels = assertThrows(ConfigurationException.class, () -> ExternalRirSet.open(dir));
        assertTrue(channels.getMessage().contains("s2.wav") && channels.getMessage().contains("2 channel"), channels.getMessage());

        index(dir, "foa", null, List.of(scene("a", "s4.wav", null, List.of())));
        ConfigurationException direction = assertThrows(ConfigurationException.class, () -> ExternalRirSet.open(dir));
        assertTrue(direction.getMessage().contains("direction is missing") && direction.getMessage().contains("'a'"),
                direction.getMessage());

        index(dir, "foa", null, List.of(scene("a", "s4.wav", 0.0, List.of("s48.wav"))));
        ConfigurationException rates = assertThrows(ConfigurationException.class, () -> ExternalRirSet.open(dir));
        assertTrue(rates.getMessage().contains("48000 Hz") && rates.getMessage().contains("16000 Hz"), rates.getMessage());

        index(dir, "foa", null, List.of(scene("a", "missing.wav", 0.0, List.of())));
        ConfigurationException missing = assertThrows(ConfigurationException.class, () -> ExternalRirSet.open(dir));
        assertTrue(missing.getMessage().contains("does not exist"), missing.getMessage());

        index(dir, "binaural", null, List.of(scene("a", "s2.wav", 0.0, List.of())));
        ExternalRirSet binaural = ExternalRirSet.open(dir);
        ConfigurationException wrongFormat = assertThrows(ConfigurationException.class, () -> SceneSimulator.builder()
                .setFormat(SpatialFormat.FOA).setSampleRateHz(16000).optExternalImpulseResponses(binaural).build());
        assertTrue(wrongFormat.getMessage().contains("binaural receiver"), wrongFormat.getMessage());
    }
}
