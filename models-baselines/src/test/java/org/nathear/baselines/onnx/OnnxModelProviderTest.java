package org.nathear.baselines.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nathear.api.ConfigurationException;
import org.nathear.api.ModelException;
import org.nathear.api.ModelOptions;
import org.nathear.api.spi.DiscoveredModel;
import org.nathear.api.spi.ModelDiscoveryContext;

/** Discovery of ONNX folders: named ones, models folders, broken descriptors as listed stand-ins. */
class OnnxModelProviderTest {
    @TempDir
    Path dir;

    private final OnnxModelProvider provider = new OnnxModelProvider();

    @Test
    void findsModelFoldersInAModelsFolderAndSkipsOtherFolders() throws IOException {
        Path models = dir.resolve("models");
        OnnxTestModels.waveScene(models.resolve("b-wave"));
        OnnxTestModels.logMelFrames(models.resolve("a-mel"));
        Files.createDirectories(models.resolve("notes"));
        Files.writeString(models.resolve("notes/model.json"), "{\"schema\": \"someone-else/1\"}");
        List<DiscoveredModel> found = provider.models(new ModelDiscoveryContext(List.of(), List.of(models)));
        assertEquals(List.of("onnx-logmel-frames", "onnx-wave-scene"), found.stream().map(m -> m.plugin().descriptor().id()).toList());
        assertTrue(found.stream().allMatch(m -> m.error() == null));
        assertEquals(models.resolve("a-mel").toAbsolutePath().normalize().toString(), found.get(0).origin());
    }

    @Test
    void aFolderNamedTwiceIsFoundOnce() {
        Path models = dir.resolve("models");
        Path wave = OnnxTestModels.waveScene(models.resolve("wave"));
        assertEquals(1, provider.models(new ModelDiscoveryContext(List.of(wave), List.of(models))).size());
    }

    @Test
    void aBrokenDescriptorIsListedUnderItsIdAndFailsWhenOpened() throws IOException {
        Path folder = OnnxTestModels.waveScene(dir.resolve("Broken Model"));
        Files.writeString(folder.resolve("model.json"), Files.readString(folder.resolve("model.json"))
                .replace("\"maxBatchSize\": 4", "\"maxBatchSize\": 4, \"batchSize\": 4"));
        DiscoveredModel found = provider.models(new ModelDiscoveryContext(List.of(folder), List.of())).get(0);
        assertTrue(found.isBroken());
        assertTrue(found.error().contains("unknown key") && found.error().contains("batchSize"), found.error());
        assertEquals("onnx-wave-scene", found.plugin().descriptor().id(), "the id is still readable");
        ModelException open = assertThrows(ModelException.class, () -> found.plugin().open(ModelOptions.NONE));
        assertTrue(open.getMessage().contains("batchSize") && open.getMessage().contains("Broken Model"), open.getMessage());
        assertThrows(ModelException.class, () -> found.plugin().weightsSha256(ModelOptions.NONE));
    }

    @Test
    void aDescriptorWithoutAReadableIdIsListedUnderItsFolderName() throws IOException {
        Path folder = OnnxTestModels.waveScene(dir.resolve("My_Model v2"));
        Files.writeString(folder.resolve("model.json"), "{ not json");
        DiscoveredModel found = provider.models(new ModelDiscoveryContext(List.of(folder), List.of())).get(0);
        assertEquals("my-model-v2", found.plugin().descriptor().id());
        assertTrue(found.error().contains("not valid JSON"), found.error());
    }

    @Test
    void aNamedPathThatIsNotAModelFolderIsAConfigurationError() throws IOException {
        ConfigurationException missing = assertThrows(ConfigurationException.class,
                () -> provider.models(new ModelDiscoveryContext(List.of(dir.resolve("nowhere")), List.of())));
        assertTrue(missing.getMessage().contains("onnx:") && missing.getMessage().contains("nowhere"), missing.getMessage());
        Files.createDirectories(dir.resolve("empty"));
        ConfigurationException empty = assertThrows(ConfigurationException.class,
                () -> provider.models(new ModelDiscoveryContext(List.of(dir.resolve("empty")), List.of())));
        assertTrue(empty.getMessage().contains("neither model.onnx nor model.json"), empty.getMessage());
        assertThrows(ConfigurationException.class,
                () -> provider.models(new ModelDiscoveryContext(List.of(), List.of(dir.resolve("no-models-here")))));
    }

    @Test
    void goodFoldersAreUsable() {
        DiscoveredModel found = OnnxModelProvider.discover(OnnxTestModels.foaFrames(dir.resolve("foa")));
        assertNull(found.error());
        assertEquals("onnx-foa-frames", found.plugin().descriptor().id());
    }
}
