package org.nathear.runner.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nathear.api.ChannelLayout;
import org.nathear.api.ConfigurationException;
import org.nathear.api.ModelOptions;
import org.nathear.results.schema.RunSettings;
import org.nathear.runner.plugins.PluginRegistry.ModelEntry;
import org.nathear.runner.plugins.PluginRegistry.TaskEntry;

class RunConfigurationTest {
    private static final ModelEntry MODEL = new ModelEntry(new TestPlugins.BandEnergyModel(), "test");
    private static final TaskEntry MONO = new TaskEntry(new TestPlugins.ToneTask(ChannelLayout.MONO), "test", "test");
    private static final TaskEntry FOA = new TaskEntry(new TestPlugins.ToneTask(ChannelLayout.FOA), "test", "test");

    private static RunConfiguration.Builder base() {
        return RunConfiguration.builder().runId("r").resultFile(Path.of("out", "r", "results.json"))
                .models(List.of(MODEL)).tasks(List.of(MONO, FOA));
    }

    @Test
    void theDefaultsAreTheRunCommandsDefaults() {
        RunConfiguration c = base().build();
        assertEquals(42L, c.seed());
        assertEquals("linear", c.probe().name());
        assertEquals(16, c.batchSize());
        assertEquals(null, c.cacheDir(), "no cache unless one is given");
        assertEquals(Duration.ofMinutes(10), c.callTimeout());
        assertEquals(Path.of("out", "r").toAbsolutePath(), c.runDir());
    }

    @Test
    void theRecordedSettingsAreTheScoreRelevantPart() {
        RunConfiguration c = base().seed(5L).batchSize(3).cacheDir(Path.of("cache")).failFast(true)
                .modelOptions("band-energy", new ModelOptions(Map.of("k", "v"))).build();
        RunSettings expected = RunSettings.builder().seed(5L).probe("linear").modelIds(List.of("band-energy"))
                .taskIds(List.of(MONO.id(), FOA.id())).batchSize(3)
                .modelOptions("band-energy", new ModelOptions(Map.of("k", "v"))).build();
        assertEquals(expected, c.settings());
        assertEquals(c.settings(), base().seed(5L).batchSize(3)
                .modelOptions("band-energy", new ModelOptions(Map.of("k", "v"))).build().settings(),
                "cache and fail-fast do not change scores and are not recorded");
    }

    @Test
    void toBuilderKeepsEveryField() {
        RunConfiguration c = base().seed(9L).batchSize(2).cacheDir(Path.of("c")).failFast(true)
                .callTimeout(Duration.ofSeconds(30)).modelOptions("band-energy", new ModelOptions(Map.of("a", "1"))).build();
        assertEquals(c, c.toBuilder().build());
        assertEquals(7L, c.toBuilder().seed(7L).build().seed());
    }

    @Test
    void aMissingRunIdOrResultFileOrABatchBelowOneIsRefused() {
        assertThrows(ConfigurationException.class, () -> RunConfiguration.builder().resultFile(Path.of("x.json")).build());
        assertThrows(ConfigurationException.class, () -> RunConfiguration.builder().runId("r").build());
        ConfigurationException batch = assertThrows(ConfigurationException.class, () -> base().batchSize(0).build());
        assertTrue(batch.getMessage().contains("--batch-size must be at least 1; got 0"), batch.getMessage());
    }
}
