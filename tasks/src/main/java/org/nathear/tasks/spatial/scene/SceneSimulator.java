package org.nathear.tasks.spatial.scene;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.nathear.api.AudioClip;
import org.nathear.api.ConfigurationException;
import org.nathear.tasks.acoustics.receivers.Receiver;
import org.nathear.tasks.acoustics.RoomSimulator;
import org.nathear.tasks.acoustics.Vec3;
import org.nathear.tasks.hrtf.BinauralHead;
import org.nathear.tasks.hrtf.Hrtf;
import org.nathear.tasks.acoustics.receivers.BinauralReceiver;
import org.nathear.tasks.acoustics.receivers.FoaReceiver;
import org.nathear.tasks.dsp.FftConvolver;
import org.nathear.tasks.spatial.noise.GeneratedNoiseBank;
import org.nathear.tasks.spatial.noise.NoiseBank;
import org.nathear.tasks.spatial.noise.NoiseClip;

/**
 * Renders a mono source into a naturalistic binaural or first-order Ambisonics scene: the public
 * entry point of Nat-HEAR's simulation, used by the spatializer and by GRAM's online mixing.
 *
 * <pre>{@code
 * SceneSimulator renderer = SceneSimulator.builder()
 *         .setFormat(SpatialFormat.BINAURAL).setSampleRateHz(32000)
 *         .optHrtf(SofaFile.read(sofaPath))          // default: the built-in MIT KEMAR head
 *         .build();
 * RenderedScene scene = renderer.render(monoSamples, seed);  // new room, positions, noise, SNR
 * float[][] twoChannels = scene.audio().samples();
 * SceneParameters where = scene.parameters();                 // room, RT60, source direction, SNR, …
 * }</pre>
 *
 * <p>The mixture follows the paper: {@code s = x ⊛ h_source + g · Σ_i (n_i ⊛ h_noise,i)}, every
 * convolution truncated to the source's length (no delay compensation). Each noise clip is at most
 * 10 s with 200 ms fades and is placed at a random offset: it covers the whole scene when it is
 * longer, it lies inside the scene when shorter. With {@link Mixing#NATHEAR} (default) every noise
 * source has its own clip and the noise gain {@code g} is one number for all channels (interaural
 * and inter-channel cues are kept), chosen so that the energy of the reverberant source over the
 * samples where noise is present, summed over channels, is {@code SNR} dB above the reverberant
 * noise's. With {@link Mixing#AUTHORS} one clip at one offset goes through every noise response and
 * each channel gets its own gain, so that its SNR over the whole clip is the target. Finally one
 * output gain scales every channel so that
 * the reference channel (FOA: W; binaural: the mean of the ears) has the dry source's RMS, limited
 * to a peak of 0.99. Everything random comes from the seed; the same seed and inputs give the same
 * scene, bit for bit. Thread-safe.
 */
public final class SceneSimulator {
    private final SpatialFormat format;
    private final int sampleRateHz;
    private final Receiver receiver;
    private final SceneSampler sampler;
    private final RoomSimulator.Settings roomSettings;
    private final NoiseBank noise;
    private final ExternalRirSet external;
    private final Mixing mixing;

    private SceneSimulator(Builder b) {
        this.format = b.format;
        this.sampleRateHz = b.sampleRateHz;
        this.roomSettings = b.roomSettings;
        this.sampler = new SceneSampler(b.samplerSettings, b.roomSettings);
        this.noise = b.noise;
        this.external = b.external;
        this.mixing = b.mixing;
        this.receiver = switch (format) {
            case FOA -> new FoaReceiver(sampleRateHz);
            case BINAURAL -> new BinauralReceiver(b.hrtf == null ? BinauralHead.KEMAR.atSampleRate(sampleRateHz)
                    : b.hrtf.atSampleRate(sampleRateHz));
        };
        if (external != null && external.receiver() != format) {
            throw new ConfigurationException("Impulse-response folder " + external.folder() + " is for a "
                    + external.receiver().id() + " receiver but the scene format is " + format.id());
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    public SpatialFormat format() {
        return format;
    }

    public int sampleRateHz() {
        return sampleRateHz;
    }

    /** How noise is scaled and drawn. */
    public Mixing mixing() {
        return mixing;
    }

    /** The receiver the simulator uses (its description is in every scene record). */
    public Receiver receiver() {
        return receiver;
    }

    /** Draws a scene's parameters from the seed (no audio). */
    public SceneParameters sampleScene(long seed) {
        if (external != null) {
            SplittableRandom r = new SplittableRandom(SceneSeeds.derive(seed, "scene"));
            ExternalRirSet.Scene s = external.scenes().get(r.nextInt(external.scenes().size()));
            double snr = uniformSnr(r);
            String kind = s.noise().isEmpty() ? "none" : s.noise().size() == 1 ? "localized" : "diffuse";
            return external.parameters(s, "external:" + external.folder().getFileName(), kind,
                    s.noise().isEmpty() ? null : snr);
        }
        return sampler.sample(new SplittableRandom(SceneSeeds.derive(seed, "scene")), format, receiver.description())
                .parameters();
    }

    private double uniformSnr(SplittableRandom r) {
        SceneSampler.Settings s = sampler.settings();
        return s.minSnrDb() + (s.maxSnrDb() - s.minSnrDb()) * r.nextDouble();
    }

    /** The impulse responses of a scene (simulated from its parameters, or loaded from the external set). */
    public SceneImpulseResponses impulseResponses(SceneParameters scene, long seed) {
        if (scene.impulseResponses().startsWith("external:")) {
            if (external == null) {
                throw new ConfigurationException("Scene uses " + scene.impulseResponses() + " but this renderer has no "
                        + "external impulse-response folder");
            }
            String id = scene.impulseResponses().substring("external:".length());
            for (ExternalRirSet.Scene s : external.scenes()) {
                if (s.id().equals(id)) {
                    return external.load(s, sampleRateHz);
                }
            }
            throw new ConfigurationException("External impulse-response scene '" + id + "' is not in " + external.folder());
        }
        if (scene.room() == null || scene.listener() == null || scene.source().positionMeters() == null) {
            throw new ConfigurationException("A simulated scene needs its room, listener and source position");
        }
        var room = scene.room().toRoom();
        var listener = scene.listener().toListener();
        RoomSimulator.Settings settings = roomSettings.withTransitionMillis(scene.room().transitionMillis());
        float[][] source = RoomSimulator.render(room, scene.source().position(), listener, receiver, settings,
                SceneSeeds.derive(seed, "tail/source"));
        List<float[][]> noiseIrs = new ArrayList<>();
        List<SceneParameters.SourceSpec> sources = scene.noise().sources();
        for (int i = 0; i < sources.size(); i++) {
            noiseIrs.add(RoomSimulator.render(room, sources.get(i).position(), listener, receiver, settings,
                    SceneSeeds.derive(seed, "tail/noise/" + i)));
        }
        return new SceneImpulseResponses(source, noiseIrs);
    }

    /** A new scene from the seed: parameters, impulse responses, noise from the noise bank, mixed. */
    public RenderedScene render(float[] monoSource, long seed) {
        return render(monoSource, sampleScene(seed), seed);
    }

    /** The given scene with noise drawn from the noise bank. */
    public RenderedScene render(float[] monoSource, SceneParameters scene, long seed) {
        SceneImpulseResponses irs = impulseResponses(scene, seed);
        SplittableRandom draws = new SplittableRandom(SceneSeeds.derive(seed, "noise/draw"));
        List<NoiseClip> clips = new ArrayList<>();
        int count = mixing == Mixing.AUTHORS ? Math.min(1, irs.noise().size()) : irs.noise().size();
        for (int i = 0; i < count; i++) {
            clips.add(noise.draw(draws, sampleRateHz));
        }
        return mix(monoSource, scene, irs, clips, seed);
    }

    /**
     * Mixes a source and noise clips (already trimmed and faded) with given impulse responses at the
     * scene's SNR. {@link Mixing#NATHEAR}: one clip per noise response. {@link Mixing#AUTHORS}: one
     * clip, fed through every noise response at one offset (a clip per response is also accepted;
     * only the first is used).
     */
    public RenderedScene mix(float[] monoSource, SceneParameters scene, SceneImpulseResponses irs, List<NoiseClip> noiseClips,
                             long seed) {
        int n = monoSource.length;
        if (n == 0) {
            throw new ConfigurationException("Cannot render an empty source");
        }
        boolean authors = mixing == Mixing.AUTHORS;
        if (authors ? !irs.noise().isEmpty() && noiseClips.isEmpty() : noiseClips.size() != irs.noise().size()) {
            throw new ConfigurationException("Scene has " + irs.noise().size() + " noise responses but " + noiseClips.size()
                    + " noise clips were given (" + mixing.id() + " mixing needs " + (authors ? "one" : "one per response")
                    + ")");
        }
        int channels = format.layout().channelCount();
        if (irs.source().length != channels) {
            throw new ConfigurationException("Source response has " + irs.source().length + " channels; format " + format.id()
                    + " needs " + channels);
        }
        float[][] target = FftConvolver.convolve(monoSource, irs.source(), n);
        double[][] noiseMix = new double[channels][n];
        boolean[] active = new boolean[n];
        SplittableRandom offsets = new SplittableRandom(SceneSeeds.derive(seed, "noise/offset"));
        List<RenderedScene.NoiseUse> uses = new ArrayList<>();
        List<float[][]> responses = authors && !irs.noise().isEmpty() ? List.<float[][]>of(sum(irs.noise())) : irs.noise();
        for (int i = 0; i < responses.size(); i++) {
            float[] clip = noiseClips.get(i).samples();
            float[][] h = responses.get(i);
            int ln = clip.length;
            int offset = ln >= n ? -offsets.nextInt(ln - n + 1) : offsets.nextInt(n - ln + 1);
            uses.add(new RenderedScene.NoiseUse(noiseClips.get(i).name(), offset, ln));
            int from = Math.max(offset, -(h[0].length - 1)); // earlier noise never reaches the scene
            int to = Math.min(offset + ln, n);
            if (to <= from) {
                continue;
            }
            float[] segment = java.util.Arrays.copyOfRange(clip, from - offset, to - offset);
            float[][] wet = FftConvolver.convolve(segment, h, n - from);
            for (int c = 0; c < channels; c++) {
                for (int j = Math.max(0, -from); j < wet[c].length; j++) {
                    noiseMix[c][from + j] += wet[c][j];
                }
            }
            for (int t = Math.max(0, offset); t < to; t++) {
                active[t] = true;
            }
        }
        Double snr = scene.noise().snrDb();
        double[] gains = new double[channels];
        String note = null;
        if (authors) {
            // torchaudio's add_noise: every channel on its own, over the whole clip
            for (int c = 0; c < channels; c++) {
                double targetEnergy = 0;
                double noiseEnergy = 0;
                for (int t = 0; t < n; t++) {
                    targetEnergy += (double) target[c][t] * target[c][t];
                    noiseEnergy += noiseMix[c][t] * noiseMix[c][t];
                }
                if (snr != null && noiseEnergy > 0) {
                    if (targetEnergy > 0) {
                        gains[c] = Math.sqrt(targetEnergy / (noiseEnergy * Math.pow(10, snr / 10)));
                    } else {
                        note = "the source is silent in a channel, so no SNR can be set there: its noise left out";
                    }
                }
            }
        } else {
            double targetEnergy = 0;
            double noiseEnergy = 0;
            for (int c = 0; c < channels; c++) {
                for (int t = 0; t < n; t++) {
                    if (active[t]) {
                        targetEnergy += (double) target[c][t] * target[c][t];
                        noiseEnergy += noiseMix[c][t] * noiseMix[c][t];
                    }
                }
            }
            if (snr != null && noiseEnergy > 0) {
                if (targetEnergy > 0) {
                    java.util.Arrays.fill(gains, Math.sqrt(targetEnergy / (noiseEnergy * Math.pow(10, snr / 10))));
                } else {
                    note = "the source is silent where the noise plays, so no SNR can be set: noise left out";
                }
            }
        }
        double[][] mixture = new double[channels][n];
        for (int c = 0; c < channels; c++) {
            for (int t = 0; t < n; t++) {
                mixture[c][t] = target[c][t] + gains[c] * noiseMix[c][t];
            }
        }
        double gain = 0;
        List<Double> channelGains = new ArrayList<>(channels);
        for (double g : gains) {
            gain += g / channels;
            channelGains.add(g);
        }
        double outputGain = outputGain(monoSource, mixture);
        float[][] out = new float[channels][n];
        for (int c = 0; c < channels; c++) {
            for (int t = 0; t < n; t++) {
                out[c][t] = (float) (mixture[c][t] * outputGain);
            }
        }
        return new RenderedScene(new AudioClip(out, sampleRateHz, format.layout()), scene,
                new RenderedScene.Mix(seed, mixing.id(), uses, gain, authors ? channelGains : null, outputGain, note));
    }

    /** The sum of several multi-channel responses (padded to the longest). */
    private static float[][] sum(List<float[][]> responses) {
        int channels = responses.get(0).length;
        int length = 0;
        for (float[][] h : responses) {
            length = Math.max(length, h[0].length);
        }
        float[][] out = new float[channels][length];
        for (float[][] h : responses) {
            for (int c = 0; c < channels; c++) {
                for (int t = 0; t < h[c].length; t++) {
                    out[c][t] += h[c][t];
                }
            }
        }
        return out;
    }

    private double outputGain(float[] dry, double[][] mixture) {
        double dryEnergy = 0;
        for (float v : dry) {
            dryEnergy += (double) v * v;
        }
        double refEnergy = 0;
        double peak = 0;
        int n = dry.length;
        for (int t = 0; t < n; t++) {
            double ref = format == SpatialFormat.FOA ? mixture[0][t] : 0.5 * (mixture[0][t] + mixture[1][t]);
            refEnergy += ref * ref;
            for (double[] channel : mixture) {
                peak = Math.max(peak, Math.abs(channel[t]));
            }
        }
        double g = refEnergy > 0 && dryEnergy > 0 ? Math.sqrt(dryEnergy / refEnergy) : 1;
        if (peak * g > 0.99) {
            g = 0.99 / peak;
        }
        return g;
    }

    /** Builder: {@code set…} for required values, {@code opt…} for optional ones. */
    public static final class Builder {
        private SpatialFormat format;
        private int sampleRateHz;
        private Hrtf hrtf;
        private SceneSampler.Settings samplerSettings = SceneSampler.Settings.nathear();
        private RoomSimulator.Settings roomSettings = RoomSimulator.Settings.defaults();
        private NoiseBank noise = new GeneratedNoiseBank();
        private ExternalRirSet external;
        private Mixing mixing = Mixing.NATHEAR;

        private Builder() {
        }

        /** Required: binaural or FOA. */
        public Builder setFormat(SpatialFormat format) {
            this.format = format;
            return this;
        }

        /** Required: the rate of the sources and of the rendered scenes. */
        public Builder setSampleRateHz(int sampleRateHz) {
            this.sampleRateHz = sampleRateHz;
            return this;
        }

        /**
         * The HRTF of the binaural receiver (resampled to the rate); default: the built-in MIT KEMAR head
         * ({@link BinauralHead#KEMAR}); {@code BinauralHead.SPHERE.atSampleRate(rate)} for the spherical head.
         */
        public Builder optHrtf(Hrtf hrtf) {
            this.hrtf = hrtf;
            return this;
        }

        /** How noise is drawn and scaled to the SNR; default {@link Mixing#NATHEAR}. */
        public Builder optMixing(Mixing mixing) {
            this.mixing = java.util.Objects.requireNonNull(mixing, "mixing");
            return this;
        }

        /** Scene ranges; default {@link SceneSampler.Settings.nathear()}. */
        public Builder optSamplerSettings(SceneSampler.Settings settings) {
            this.samplerSettings = settings;
            return this;
        }

        /** Room simulator settings; default {@link RoomSimulator.Settings#defaults()}. */
        public Builder optRoomSettings(RoomSimulator.Settings settings) {
            this.roomSettings = settings;
            return this;
        }

        /** Where noise comes from; default {@link GeneratedNoiseBank}. */
        public Builder optNoise(NoiseBank noise) {
            this.noise = noise;
            return this;
        }

        /** External impulse responses instead of the simulator. */
        public Builder optExternalImpulseResponses(ExternalRirSet set) {
            this.external = set;
            return this;
        }

        public SceneSimulator build() {
            if (format == null) {
                throw new ConfigurationException("SceneSimulator needs a format (setFormat: binaural or foa)");
            }
            if (sampleRateHz < 8000) {
                throw new ConfigurationException("SceneSimulator needs a sample rate of at least 8000 Hz (setSampleRateHz); got "
                        + sampleRateHz);
            }
            if (hrtf != null && format != SpatialFormat.BINAURAL) {
                throw new ConfigurationException("An HRTF only applies to the binaural format; the format is " + format.id());
            }
            return new SceneSimulator(this);
        }
    }

    /** The unit direction of the scene's source relative to the head. */
    public static Vec3 sourceDirection(SceneParameters scene) {
        return Vec3.fromDegrees(scene.source().azimuthDegrees(), scene.source().elevationDegrees());
    }
}
