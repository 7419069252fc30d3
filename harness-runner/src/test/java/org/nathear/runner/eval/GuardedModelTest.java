package org.nathear.runner.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.nathear.api.AudioClip;
import org.nathear.api.ChannelLayout;
import org.nathear.api.ModelException;
import org.nathear.api.ModelOptions;
import org.nathear.api.audio.Signals;
import org.nathear.api.spi.ModelPlugin;
import org.nathear.api.spi.OpenedModel;

class GuardedModelTest {
    /** Healthy models get an ample limit: a loaded 2-core CI machine must never trip it. */
    private static final Duration LIMIT = Duration.ofSeconds(60);
    /** Models that never return get a short one: the test waits it out once. */
    private static final Duration HANG_LIMIT = Duration.ofMillis(500);
    private static final List<AudioClip> CLIPS = List.of(Signals.noiseClip(1, ChannelLayout.MONO, 0.5, 16000),
            Signals.noiseClip(2, ChannelLayout.MONO, 0.75, 16000));

    private static String sceneError(ModelPlugin plugin) {
        try (GuardedModel model = GuardedModel.open(plugin, ModelOptions.NONE, "test-origin", LIMIT)) {
            return assertThrows(ModelException.class, () -> model.sceneEmbeddings(CLIPS)).getMessage();
        }
    }

    private static String timestampError(ModelPlugin plugin) {
        try (GuardedModel model = GuardedModel.open(plugin, ModelOptions.NONE, "test-origin", LIMIT)) {
            return assertThrows(ModelException.class, () -> model.timestampEmbeddings(CLIPS)).getMessage();
        }
    }

    private static void assertMentions(String message, String... parts) {
        for (String part : parts) {
            assertTrue(message.contains(part), "'" + part + "' missing from: " + message);
        }
    }

    @Test
    void aWellBehavedModelPassesThroughUnchanged() {
        TestPlugins.BandEnergyModel plugin = new TestPlugins.BandEnergyModel();
        try (OpenedModel raw = plugin.open(ModelOptions.NONE);
             GuardedModel guarded = GuardedModel.open(plugin, ModelOptions.NONE, "test-origin", LIMIT)) {
            float[][] expected = raw.sceneEmbeddings(CLIPS);
            float[][] actual = guarded.sceneEmbeddings(CLIPS);
            for (int i = 0; i < expected.length; i++) {
                assertArrayEquals(expected[i], actual[i]);
            }
            assertEquals(raw.timestampEmbeddings(CLIPS).get(1).frameCount(), guarded.timestampEmbeddings(CLIPS).get(1).frameCount());
        }
    }

    @Test
    void anExceptionNamesTheModelTheCallAndTheCause() {
        assertMentions(sceneError(new TestPlugins.ThrowingModel()), "model 'broken-model' (test-origin)", "sceneEmbeddings() call 1",
                "on 2 clip(s) of 0.50-0.75 s", "IllegalStateException", "deliberate failure");
    }

    @Test
    void nanAndInfinityAreReportedWithClipAndDimension() {
        assertMentions(sceneError(MisbehavingModels.nanScene()), "model 'nan-model'", "sceneEmbeddings()",
                "non-finite value (NaN at dimension 3 of the scene embedding of clip 1; 1 of 2 scene embedding(s) affected)");
        assertMentions(sceneError(MisbehavingModels.infScene()), "Infinity", "clip 0");
    }

    @Test
    void wrongShapesAreReportedAgainstTheDescriptor() {
        assertMentions(sceneError(MisbehavingModels.shortScene()), "model 'short-model'",
                "5 values for the scene embedding of clip 0; the descriptor declares scene embeddings of 8");
        assertMentions(sceneError(MisbehavingModels.missingClip()), "1 scene embedding(s) for 2 clip(s)");
    }

    @Test
    void timestampsOffTheHopOrOutsideTheClipAreReported() {
        assertMentions(timestampError(MisbehavingModels.driftingTimestamps()), "timestampEmbeddings()",
                "a hop of 52.000 ms where the descriptor declares 50.000 ms");
        assertMentions(timestampError(MisbehavingModels.lateTimestamps()), "outside the clip (0 to 500.000 ms)");
    }

    @Test
    void aCallThatNeverReturnsTimesOutAndTheModelIsAbandoned() {
        MisbehavingModels.Hanging plugin = new MisbehavingModels.Hanging(false);
        GuardedModel model = GuardedModel.open(plugin, ModelOptions.NONE, "test-origin", HANG_LIMIT);
        long start = System.nanoTime();
        String message = assertThrows(ModelException.class, () -> model.sceneEmbeddings(CLIPS)).getMessage();
        double seconds = (System.nanoTime() - start) / 1e9;
        assertMentions(message, "model 'hanging-model'", "sceneEmbeddings() call 1", "did not return within 500 ms", "--call-timeout");
        assertTrue(seconds >= 0.45 && seconds < 30, "waited " + seconds + " s"); // an upper bound only against waiting forever
        String next = assertThrows(ModelException.class, () -> model.timestampEmbeddings(CLIPS)).getMessage();
        assertMentions(next, "call 2", "was not made", "abandoned");
        model.close();
        assertFalse(plugin.closed, "a model that may still be running a call is not closed under it");
        plugin.release.countDown();
    }

    @Test
    void openingThatNeverReturnsTimesOutToo() {
        MisbehavingModels.Hanging plugin = new MisbehavingModels.Hanging(true);
        String message = assertThrows(ModelException.class,
                () -> GuardedModel.open(plugin, ModelOptions.NONE, "test-origin", HANG_LIMIT)).getMessage();
        assertMentions(message, "model 'slow-open-model' (test-origin) open()", "did not return within 500 ms");
        plugin.release.countDown();
    }

    @Test
    void withoutALimitASlowCallIsAwaited() {
        MisbehavingModels.Hanging plugin = new MisbehavingModels.Hanging(false);
        try (GuardedModel model = GuardedModel.open(plugin, ModelOptions.NONE, "test-origin", Duration.ZERO)) {
            new Thread(() -> {
                try {
                    Thread.sleep(300);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                plugin.release.countDown();
            }).start();
            assertEquals(2, model.sceneEmbeddings(CLIPS).length);
        }
        assertTrue(plugin.closed, "closing the guard closes the model");
    }
}
