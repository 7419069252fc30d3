package org.nathear.gram.plugin;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.OptionalLong;
import java.util.Set;
import org.nathear.api.AudioClip;
import org.nathear.api.AudioFormatException;
import org.nathear.api.ChannelLayout;
import org.nathear.api.ConfigurationException;
import org.nathear.api.FrameEmbeddings;
import org.nathear.api.ModelDescriptor;
import org.nathear.api.ModelOptions;
import org.nathear.api.TaskKind;
import org.nathear.api.spi.ModelPlugin;
import org.nathear.api.spi.OpenedModel;
import org.nathear.api.util.Hashing;
import org.nathear.gram.GramConfig;
import org.nathear.gram.GramMasking;
import org.nathear.gram.GramSize;
import org.nathear.gram.GramVariant;
import org.nathear.gram.embed.GramEmbedder;
import org.nathear.gram.frontend.GramFrontEnd;
import org.nathear.gram.model.GramEngine;
import org.nathear.gram.model.GramNetwork;

/**
 * A GRAM model as a nathear model plugin: 32 kHz audio, 2 s chunks, timestamp embeddings = the
 * patch embeddings of each time column concatenated across frequency, scene embedding = their mean
 * over time or the mean CLS token (see {@link GramEmbedder}).
 *
 * <p>Options:
 * <ul>
 *   <li>{@code checkpoint}: a nathear GRAM checkpoint ({@code nathear gram train}/{@code import}) or
 *       the GRAM authors' {@code model.safetensors}; default: the GRAM-tiny checkpoint embedded in
 *       this jar (pre-trained on the synthetic demo corpus, see docs/gram.md);</li>
 *   <li>{@code scene-embedding}: {@code mean} (mean over time of the timestamp embeddings; the
 *       default) or {@code cls} (mean CLS token, the paper's choice for localisation, which
 *       {@link #optionsFor} picks for localization tasks when the option is not set);</li>
 *   <li>{@code device}: {@code cpu} (default), {@code gpu} or {@code gpu:N} (needs the -Pcuda build);</li>
 *   <li>{@code inference}: {@code nathear} (default) or {@code paper}: the GRAM authors' HEAR wrapper's
 *       log offset, padding and timestamps ({@link GramEmbedder.Inference}), to reproduce their
 *       published numbers with their weights.</li>
 * </ul>
 * The options change the embedding sizes, so the runner asks {@link #descriptor(ModelOptions)}.
 * {@link #descriptor()} describes the embedded checkpoint and never touches DJL or native code.
 */
public abstract class GramModelPlugin implements ModelPlugin {
    public static final String VERSION = "1.0.0";
    public static final String OPTION_CHECKPOINT = "checkpoint";
    public static final String OPTION_SCENE = "scene-embedding";
    public static final String OPTION_DEVICE = "device";
    public static final String OPTION_INFERENCE = "inference";

    private final String id;
    private final GramVariant variant;
    private final GramMasking masking;
    private final GramEmbedder.SceneMode defaultScene;
    private final Set<ChannelLayout> layouts;
    private final String title;
    private volatile ModelDescriptor defaultDescriptor;

    protected GramModelPlugin(String id, GramVariant variant, GramMasking masking, GramEmbedder.SceneMode defaultScene,
                              Set<ChannelLayout> layouts, String title) {
        this.id = id;
        this.variant = variant;
        this.masking = masking;
        this.defaultScene = defaultScene;
        this.layouts = layouts;
        this.title = title;
    }

    /** The class-path resource of the embedded checkpoint. */
    public String embeddedResource() {
        return embeddedResource(variant, masking);
    }

    /** The class-path resource of the embedded GRAM-tiny checkpoint of a variant and masking. */
    public static String embeddedResource(GramVariant variant, GramMasking masking) {
        return "/org/nathear/gram/weights/gram-" + variant.id() + "-" + masking.id() + "-tiny.safetensors";
    }

    /** The config of the embedded checkpoint: GRAM-tiny. */
    public GramConfig embeddedConfig() {
        return GramConfig.of(variant, masking, GramSize.TINY);
    }

    public GramVariant variant() {
        return variant;
    }

    public GramMasking masking() {
        return masking;
    }

    @Override
    public ModelDescriptor descriptor() {
        ModelDescriptor d = defaultDescriptor;
        if (d == null) {
            d = describe(embeddedConfig(), defaultScene, "embedded GRAM-tiny");
            defaultDescriptor = d;
        }
        return d;
    }

    @Override
    public ModelDescriptor descriptor(ModelOptions options) {
        options.requireKnown(id, optionNames());
        GramEmbedder.SceneMode scene = scene(options);
        inference(options); // checked here so a bad value fails before any work
        String checkpoint = options.values().get(OPTION_CHECKPOINT);
        if (checkpoint == null) {
            return scene == defaultScene ? descriptor() : describe(embeddedConfig(), scene, "embedded GRAM-tiny");
        }
        GramConfig c = GramWeights.configOf(Path.of(checkpoint), variant, masking);
        return describe(c, scene, "checkpoint " + checkpoint);
    }

    private ModelDescriptor describe(GramConfig c, GramEmbedder.SceneMode scene, String weights) {
        int sceneSize = scene == GramEmbedder.SceneMode.MEAN ? c.rawTokenDim() : c.size().encoderDim();
        return new ModelDescriptor(id, VERSION, GramFrontEnd.SAMPLE_RATE_HZ, layouts, sceneSize, c.rawTokenDim(),
                c.tokenHopMillis(), String.format(Locale.ROOT, "%s (%s, %s, width %d x %d layers; scene = %s)", title, weights,
                        c.masking().id() + " masking", c.size().encoderDim(), c.size().encoderDepth(),
                        scene == GramEmbedder.SceneMode.MEAN ? "mean over time" : "mean CLS token"));
    }

    /**
     * The scene embedding by task kind (paper, Appendix D): a localization task is embedded with the
     * CLS token of each 2 s chunk, averaged ({@code scene-embedding=cls}); every other kind with the
     * plugin's default, the mean of the patch tokens over time. An explicit {@code scene-embedding}
     * option wins.
     */
    @Override
    public ModelOptions optionsFor(TaskKind kind, ModelOptions options) {
        return kind == TaskKind.LOCALIZATION ? options.withDefault(OPTION_SCENE, "cls") : options;
    }

    @Override
    public Set<String> optionNames() {
        return Set.of(OPTION_CHECKPOINT, OPTION_SCENE, OPTION_DEVICE, OPTION_INFERENCE);
    }

    @Override
    public String weightsSha256(ModelOptions options) {
        String checkpoint = options.values().get(OPTION_CHECKPOINT);
        if (checkpoint == null) {
            return Hashing.sha256(GramWeights.resource(embeddedResource()));
        }
        return org.nathear.gram.io.GramCheckpoint.sha256(Path.of(checkpoint));
    }

    private GramEmbedder.Inference inference(ModelOptions options) {
        String s = options.get(OPTION_INFERENCE, "nathear").trim().toLowerCase(Locale.ROOT);
        return switch (s) {
            case "nathear" -> GramEmbedder.Inference.NATHEAR;
            case "paper" -> GramEmbedder.Inference.PAPER;
            default -> throw new ConfigurationException("Option '" + OPTION_INFERENCE + "' of model '" + id
                    + "' must be nathear or paper; got '" + s + "'");
        };
    }

    private GramEmbedder.SceneMode scene(ModelOptions options) {
        String s = options.get(OPTION_SCENE, defaultScene.name().toLowerCase(Locale.ROOT)).trim().toLowerCase(Locale.ROOT);
        return switch (s) {
            case "mean" -> GramEmbedder.SceneMode.MEAN;
            case "cls" -> GramEmbedder.SceneMode.CLS;
            default -> throw new ConfigurationException("Option '" + OPTION_SCENE + "' of model '" + id + "' must be mean or cls; got '"
                    + s + "'");
        };
    }

    @Override
    public OpenedModel open(ModelOptions options) {
        options.requireKnown(id, optionNames());
        GramEmbedder.SceneMode scene = scene(options);
        String checkpoint = options.values().get(OPTION_CHECKPOINT);
        GramWeights.Loaded loaded = checkpoint == null
                ? GramWeights.load(GramWeights.resource(embeddedResource()), embeddedResource(), variant, masking)
                : GramWeights.load(Path.of(checkpoint), variant, masking);
        ModelDescriptor d = descriptor(options);
        GramNetwork net = GramNetwork.fromTensors(loaded.config(), loaded.tensors(),
                GramEngine.device(options.get(OPTION_DEVICE, "cpu")), true);
        return new Opened(d, net, scene, inference(options));
    }

    /** An opened GRAM model; calls are serialised (one network, one thread at a time). */
    static final class Opened implements OpenedModel {
        private final ModelDescriptor descriptor;
        private final GramNetwork network;
        private final GramEmbedder embedder;
        private final GramEmbedder.SceneMode scene;

        Opened(ModelDescriptor descriptor, GramNetwork network, GramEmbedder.SceneMode scene, GramEmbedder.Inference inference) {
            this.descriptor = descriptor;
            this.network = network;
            this.embedder = new GramEmbedder(network, inference);
            this.scene = scene;
        }

        @Override
        public ModelDescriptor descriptor() {
            return descriptor;
        }

        /** The values in the network's weights (encoder and decoder, as loaded from the checkpoint). */
        @Override
        public OptionalLong parameterCount() {
            return OptionalLong.of(network.parameterCount());
        }

        @Override
        public synchronized float[][] sceneEmbeddings(List<AudioClip> clips) {
            check(clips);
            List<GramEmbedder.ClipEmbedding> e = embedder.embed(clips);
            float[][] out = new float[e.size()][];
            for (int i = 0; i < out.length; i++) {
                out[i] = scene == GramEmbedder.SceneMode.MEAN ? e.get(i).meanToken() : e.get(i).meanCls();
            }
            return out;
        }

        @Override
        public synchronized List<FrameEmbeddings> timestampEmbeddings(List<AudioClip> clips) {
            check(clips);
            return embedder.embed(clips).stream().map(e -> new FrameEmbeddings(e.tokens(), e.timesMillis())).toList();
        }

        private void check(List<AudioClip> clips) {
            for (int i = 0; i < clips.size(); i++) {
                AudioClip c = clips.get(i);
                if (c.sampleRateHz() != GramFrontEnd.SAMPLE_RATE_HZ || !descriptor.accepts(c.layout())) {
                    throw new AudioFormatException("Model '" + descriptor.id() + "' takes " + descriptor.acceptedLayouts() + " audio at "
                            + GramFrontEnd.SAMPLE_RATE_HZ + " Hz; clip " + i + " is " + c.layout() + " at " + c.sampleRateHz()
                            + " Hz (the runner's channel adapter and resampler convert it)");
                }
            }
        }

        @Override
        public void close() {
            network.close();
        }
    }
}
