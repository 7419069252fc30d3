package org.nathear.api.contract;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.nathear.api.AudioClip;
import org.nathear.api.ChannelLayout;
import org.nathear.api.FrameEmbeddings;
import org.nathear.api.Ids;
import org.nathear.api.ModelDescriptor;
import org.nathear.api.ModelOutputRules;
import org.nathear.api.ModelOptions;
import org.nathear.api.audio.Signals;
import org.nathear.api.spi.ModelPlugin;
import org.nathear.api.spi.OpenedModel;

/**
 * The conformance kit every model plugin's tests implement: {@code class MyModelTest implements
 * ModelPluginContract { public ModelPlugin createPlugin() { return new MyModel(); } }}.
 *
 * <p>It checks the HEAR API's promises on seeded white noise of several lengths (as hear-validator
 * does): shapes, finite values, regular timestamps within the audio, determinism, and a listed
 * service entry.
 */
public interface ModelPluginContract {

    /** A fresh plugin instance. */
    ModelPlugin createPlugin();

    /** Options to open the model with in these tests (e.g. a small checkpoint). */
    default ModelOptions contractOptions() {
        return ModelOptions.NONE;
    }

    /** Clip lengths in seconds the kit feeds the model (hear-validator's lengths by default). */
    default double[] contractClipSeconds() {
        return new double[] {1.07, 1.98, 2.74};
    }

    private List<AudioClip> clips(ModelDescriptor d, ChannelLayout layout) {
        List<AudioClip> clips = new ArrayList<>();
        double[] seconds = contractClipSeconds();
        for (int i = 0; i < seconds.length; i++) {
            clips.add(Signals.noiseClip(1000 + i, layout, seconds[i], d.sampleRateHz()));
        }
        return clips;
    }

    @Test
    default void descriptorIsValidAndCheap() {
        ModelDescriptor d = createPlugin().descriptor();
        assertTrue(Ids.MODEL_ID.matcher(d.id()).matches(), "model id " + d.id());
        assertEquals(d, createPlugin().descriptor(), "descriptor must be stable across instances");
    }

    @Test
    default void isListedAsAService() {
        Class<?> type = createPlugin().getClass();
        boolean found = java.util.ServiceLoader.load(ModelPlugin.class, type.getClassLoader()).stream()
                .anyMatch(p -> p.type().equals(type));
        assertTrue(found, type.getName() + " must be listed in META-INF/services/" + ModelPlugin.class.getName());
    }

    @Test
    default void sceneEmbeddingsHaveDeclaredShapeAndAreFinite() {
        ModelPlugin plugin = createPlugin();
        ModelDescriptor d = plugin.descriptor();
        for (ChannelLayout layout : d.acceptedLayouts()) {
            List<AudioClip> clips = clips(d, layout);
            try (OpenedModel model = plugin.open(contractOptions())) {
                float[][] emb = model.sceneEmbeddings(clips);
                assertEquals(List.of(), ModelOutputRules.scene(emb, clips.size(), d),
                        "scene embeddings of " + layout + " clips break the HEAR API's rules");
            }
        }
    }

    @Test
    default void timestampEmbeddingsAreRegularAndWithinTheAudio() {
        ModelPlugin plugin = createPlugin();
        ModelDescriptor d = plugin.descriptor();
        for (ChannelLayout layout : d.acceptedLayouts()) {
            List<AudioClip> clips = clips(d, layout);
            try (OpenedModel model = plugin.open(contractOptions())) {
                List<FrameEmbeddings> out = model.timestampEmbeddings(clips);
                // the harness's one rule set for model output (the model guard and validate-model apply the same)
                assertEquals(List.of(), ModelOutputRules.timestamps(out, clips, d),
                        "timestamp embeddings of " + layout + " clips break the HEAR API's rules");
            }
        }
    }

    @Test
    default void embeddingsAreDeterministic() {
        ModelPlugin plugin = createPlugin();
        ModelDescriptor d = plugin.descriptor();
        ChannelLayout layout = d.acceptedLayouts().iterator().next();
        List<AudioClip> clips = clips(d, layout);
        float[][] first;
        try (OpenedModel model = plugin.open(contractOptions())) {
            first = model.sceneEmbeddings(clips);
        }
        try (OpenedModel model = createPlugin().open(contractOptions())) {
            float[][] second = model.sceneEmbeddings(clips);
            for (int i = 0; i < first.length; i++) {
                assertArrayEquals(first[i], second[i], "same clip, same model => same embedding");
            }
        }
    }

    @Test
    default void differentAudioGivesDifferentEmbeddings() {
        ModelPlugin plugin = createPlugin();
        ModelDescriptor d = plugin.descriptor();
        ChannelLayout layout = d.acceptedLayouts().iterator().next();
        AudioClip noise = Signals.noiseClip(7, layout, 1.5, d.sampleRateHz());
        float[][] tone = new float[layout.channelCount()][];
        for (int c = 0; c < tone.length; c++) {
            tone[c] = Signals.sine(440, 0.5, 0, noise.frameCount(), d.sampleRateHz());
        }
        try (OpenedModel model = plugin.open(contractOptions())) {
            float[][] emb = model.sceneEmbeddings(List.of(noise, new AudioClip(tone, d.sampleRateHz(), layout)));
            assertFalse(java.util.Arrays.equals(emb[0], emb[1]), "noise and a tone must not embed identically");
        }
    }
}
