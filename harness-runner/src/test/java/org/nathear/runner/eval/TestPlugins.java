package org.nathear.runner.eval;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.nathear.api.AudioClip;
import org.nathear.api.ChannelLayout;
import org.nathear.api.ClipRef;
import org.nathear.api.FrameEmbeddings;
import org.nathear.api.Label;
import org.nathear.api.Metric;
import org.nathear.api.ModelDescriptor;
import org.nathear.api.ModelOptions;
import org.nathear.api.SplitMode;
import org.nathear.api.TaskDescriptor;
import org.nathear.api.TaskKind;
import org.nathear.api.audio.Resampler;
import org.nathear.api.spi.ModelPlugin;
import org.nathear.api.spi.OpenedModel;
import org.nathear.api.spi.OpenedTask;
import org.nathear.api.spi.TaskPlugin;

/** Small real plugins for runner tests: a tone task and a band-energy model, plus a model that throws. */
final class TestPlugins {
    private TestPlugins() {
    }

    /** Three folds of 0.5 s tones at 16 kHz in noise: class "low" near 300 Hz, "high" near 2 kHz. */
    static final class ToneTask implements TaskPlugin {
        static final int RATE = 16000;
        static final int CLIPS_PER_CLASS_PER_FOLD = 6;
        final ChannelLayout layout;

        ToneTask(ChannelLayout layout) {
            this.layout = layout;
        }

        @Override
        public TaskDescriptor descriptor() {
            return new TaskDescriptor("test-tones-" + layout.name().toLowerCase(java.util.Locale.ROOT), "1", TaskKind.SCENE_MULTICLASS,
                    layout, List.of(Metric.TOP1_ACC, Metric.MAP), SplitMode.NEW_SPLIT_KFOLD,
                    List.of("fold00", "fold01", "fold02"), List.of("high", "low"), 0.5, "tones in noise");
        }

        @Override
        public OpenedTask open() {
            TaskDescriptor d = descriptor();
            return new OpenedTask() {
                @Override
                public TaskDescriptor descriptor() {
                    return d;
                }

                @Override
                public List<ClipRef> clips(String split) {
                    List<ClipRef> out = new ArrayList<>();
                    for (int i = 0; i < 2 * CLIPS_PER_CLASS_PER_FOLD; i++) {
                        out.add(new ClipRef(split + "-" + String.format(java.util.Locale.ROOT, "%02d", i) + ".wav",
                                new Label.SingleLabel(i % 2 == 0 ? "low" : "high")));
                    }
                    return out;
                }

                @Override
                public AudioClip audio(String split, String clipId, int sampleRateHz) {
                    int index = Integer.parseInt(clipId.substring(split.length() + 1, split.length() + 3));
                    SplittableRandom random = new SplittableRandom((split + clipId).hashCode());
                    double f = (index % 2 == 0 ? 300 : 2000) * (0.9 + 0.2 * random.nextDouble());
                    float[][] samples = new float[layout.channelCount()][RATE / 2];
                    for (int c = 0; c < samples.length; c++) {
                        for (int n = 0; n < samples[c].length; n++) {
                            samples[c][n] = (float) (0.3 * Math.sin(2 * Math.PI * f * n / RATE) + 0.1 * (random.nextDouble() - 0.5));
                        }
                    }
                    return Resampler.resample(new AudioClip(samples, RATE, layout), sampleRateHz);
                }
            };
        }
    }

    /**
     * An event task: 3 s clips at 16 kHz with tone bursts in noise, "low" near 300 Hz and "high" near
     * 2 kHz, 0.3–0.9 s long at seeded random onsets; splits train (10 clips), valid (4), test (4).
     */
    static final class EventToneTask implements TaskPlugin {
        static final int RATE = 16000;
        static final int SECONDS = 3;

        @Override
        public TaskDescriptor descriptor() {
            return new TaskDescriptor("test-event-tones", "1", TaskKind.EVENT, ChannelLayout.MONO,
                    List.of(Metric.EVENT_ONSET_200MS_FMS, Metric.SEGMENT_1S_ER, Metric.EVENT_ONSET_50MS_FMS),
                    SplitMode.TRAIN_VALID_TEST, List.of("train", "valid", "test"), List.of("high", "low"), (double) SECONDS,
                    "tone bursts");
        }

        static int clipCount(String split) {
            return split.equals("train") ? 10 : 4;
        }

        static List<Label.Event> events(String split, int index) {
            SplittableRandom r = new SplittableRandom((split + "/" + index).hashCode());
            List<Label.Event> events = new ArrayList<>();
            int count = 1 + r.nextInt(3);
            for (int k = 0; k < count; k++) {
                double start = Math.floor(r.nextDouble(0, SECONDS * 1000 - 1000) / 10) * 10;
                double end = start + Math.floor(r.nextDouble(300, 900) / 10) * 10;
                events.add(new Label.Event(r.nextBoolean() ? "low" : "high", start, end));
            }
            return events;
        }

        @Override
        public OpenedTask open() {
            TaskDescriptor d = descriptor();
            return new OpenedTask() {
                @Override
                public TaskDescriptor descriptor() {
                    return d;
                }

                @Override
                public List<ClipRef> clips(String split) {
                    List<ClipRef> out = new ArrayList<>();
                    for (int i = 0; i < clipCount(split); i++) {
                        out.add(new ClipRef(split + "-" + String.format(java.util.Locale.ROOT, "%02d", i) + ".wav",
                                new Label.EventLabels(events(split, i))));
                    }
                    return out;
                }

                @Override
                public AudioClip audio(String split, String clipId, int sampleRateHz) {
                    int index = Integer.parseInt(clipId.substring(split.length() + 1, split.length() + 3));
                    SplittableRandom random = new SplittableRandom((split + clipId).hashCode());
                    float[] x = new float[RATE * SECONDS];
                    for (int n = 0; n < x.length; n++) {
                        x[n] = (float) (0.05 * (random.nextDouble() - 0.5));
                    }
                    for (Label.Event e : events(split, index)) {
                        double f = (e.name().equals("low") ? 300 : 2000) * (0.95 + 0.1 * random.nextDouble());
                        int from = (int) (e.startMillis() * RATE / 1000);
                        int to = Math.min(x.length, (int) (e.endMillis() * RATE / 1000));
                        for (int n = from; n < to; n++) {
                            x[n] += (float) (0.3 * Math.sin(2 * Math.PI * f * n / RATE));
                        }
                    }
                    return Resampler.resample(AudioClip.mono(x, RATE), sampleRateHz);
                }
            };
        }
    }

    /**
     * A multilabel scene task with clips of varying length (0.2–1.5 s, {@code sample_duration} null,
     * like FSD50K): labels "low" and/or "high" for the tones present; three folds of 12 clips.
     */
    static final class VariableLengthTask implements TaskPlugin {
        static final int RATE = 16000;

        @Override
        public TaskDescriptor descriptor() {
            return new TaskDescriptor("test-variable-length", "1", TaskKind.SCENE_MULTILABEL, ChannelLayout.MONO,
                    List.of(Metric.MAP, Metric.AUCROC, Metric.TOP1_ACC), SplitMode.NEW_SPLIT_KFOLD,
                    List.of("fold00", "fold01", "fold02"), List.of("high", "low"), null, "variable-length tones");
        }

        static List<String> labels(int index) {
            return switch (index % 3) {
                case 0 -> List.of("low");
                case 1 -> List.of("high");
                default -> List.of("high", "low");
            };
        }

        static int samples(String split, int index) {
            return (int) (RATE * (0.2 + 1.3 * new SplittableRandom((split + index).hashCode()).nextDouble()));
        }

        @Override
        public OpenedTask open() {
            TaskDescriptor d = descriptor();
            return new OpenedTask() {
                @Override
                public TaskDescriptor descriptor() {
                    return d;
                }

                @Override
                public List<ClipRef> clips(String split) {
                    List<ClipRef> out = new ArrayList<>();
                    for (int i = 0; i < 12; i++) {
                        out.add(new ClipRef(split + "-" + String.format(java.util.Locale.ROOT, "%02d", i) + ".wav",
                                new Label.MultiLabel(labels(i))));
                    }
                    return out;
                }

                @Override
                public AudioClip audio(String split, String clipId, int sampleRateHz) {
                    int index = Integer.parseInt(clipId.substring(split.length() + 1, split.length() + 3));
                    SplittableRandom random = new SplittableRandom((split + clipId).hashCode());
                    float[] x = new float[samples(split, index)];
                    for (int n = 0; n < x.length; n++) {
                        x[n] = (float) (0.05 * (random.nextDouble() - 0.5));
                        for (String l : labels(index)) {
                            double f = l.equals("low") ? 300 : 2000;
                            x[n] += (float) (0.2 * Math.sin(2 * Math.PI * f * n / RATE));
                        }
                    }
                    return Resampler.resample(AudioClip.mono(x, RATE), sampleRateHz);
                }
            };
        }
    }

    /** A band-energy model whose timestamps are broken in a chosen way (for the output checks). */
    static final class BadTimestampsModel extends BandEnergyModel {
        final String id;
        final java.util.function.UnaryOperator<double[]> breakTimes;

        BadTimestampsModel(String id, java.util.function.UnaryOperator<double[]> breakTimes) {
            this.id = id;
            this.breakTimes = breakTimes;
        }

        @Override
        public ModelDescriptor descriptor() {
            return new ModelDescriptor(id, "1", 16000, Set.of(ChannelLayout.MONO), FREQS.length, FREQS.length, 50.0, "bad timestamps");
        }

        @Override
        public OpenedModel open(ModelOptions options) {
            OpenedModel inner = super.open(options);
            ModelDescriptor d = descriptor();
            return new OpenedModel() {
                @Override
                public ModelDescriptor descriptor() {
                    return d;
                }

                @Override
                public float[][] sceneEmbeddings(List<AudioClip> clips) {
                    return inner.sceneEmbeddings(clips);
                }

                @Override
                public List<FrameEmbeddings> timestampEmbeddings(List<AudioClip> clips) {
                    List<FrameEmbeddings> out = new ArrayList<>();
                    for (FrameEmbeddings f : inner.timestampEmbeddings(clips)) {
                        out.add(new FrameEmbeddings(f.embeddings(), breakTimes.apply(f.timestampsMillis().clone())));
                    }
                    return out;
                }
            };
        }
    }

    /** Log energies of the signal around 8 frequencies (Goertzel), per 50 ms frame; scene = mean of frames. */
    static class BandEnergyModel implements ModelPlugin {
        static final double[] FREQS = {150, 300, 600, 1000, 1500, 2000, 3000, 5000};
        int calls;

        @Override
        public ModelDescriptor descriptor() {
            return new ModelDescriptor("band-energy", "1", 16000, Set.of(ChannelLayout.MONO), FREQS.length, FREQS.length, 50.0,
                    "test model");
        }

        @Override
        public OpenedModel open(ModelOptions options) {
            ModelDescriptor d = descriptor();
            BandEnergyModel owner = this;
            return new OpenedModel() {
                @Override
                public ModelDescriptor descriptor() {
                    return d;
                }

                @Override
                public float[][] sceneEmbeddings(List<AudioClip> clips) {
                    owner.calls++;
                    float[][] out = new float[clips.size()][];
                    List<FrameEmbeddings> frames = timestampEmbeddings(clips);
                    for (int i = 0; i < out.length; i++) {
                        out[i] = new float[FREQS.length];
                        for (float[] f : frames.get(i).embeddings()) {
                            for (int k = 0; k < f.length; k++) {
                                out[i][k] += f[k] / frames.get(i).frameCount();
                            }
                        }
                    }
                    return out;
                }

                @Override
                public List<FrameEmbeddings> timestampEmbeddings(List<AudioClip> clips) {
                    List<FrameEmbeddings> out = new ArrayList<>();
                    int hop = 800;
                    for (AudioClip clip : clips) {
                        float[] x = clip.channel(0);
                        int frames = Math.max(1, (x.length - hop) / hop + 1);
                        float[][] emb = new float[frames][FREQS.length];
                        double[] times = new double[frames];
                        for (int t = 0; t < frames; t++) {
                            int start = t * hop;
                            int end = Math.min(x.length, start + hop);
                            times[t] = (start + (end - start) / 2.0) * 1000.0 / clip.sampleRateHz();
                            for (int k = 0; k < FREQS.length; k++) {
                                double w = 2 * Math.PI * FREQS[k] / clip.sampleRateHz();
                                double re = 0;
                                double im = 0;
                                for (int n = start; n < end; n++) {
                                    re += x[n] * Math.cos(w * n);
                                    im -= x[n] * Math.sin(w * n);
                                }
                                emb[t][k] = (float) Math.log(1e-6 + re * re + im * im);
                            }
                        }
                        out.add(new FrameEmbeddings(emb, times));
                    }
                    return out;
                }
            };
        }
    }

    /** A model whose every call throws. */
    static final class ThrowingModel extends BandEnergyModel {
        @Override
        public ModelDescriptor descriptor() {
            return new ModelDescriptor("broken-model", "1", 16000, Set.of(ChannelLayout.MONO), 8, 8, 50.0, "always throws");
        }

        @Override
        public OpenedModel open(ModelOptions options) {
            OpenedModel inner = super.open(options);
            ModelDescriptor d = descriptor();
            return new OpenedModel() {
                @Override
                public ModelDescriptor descriptor() {
                    return d;
                }

                @Override
                public float[][] sceneEmbeddings(List<AudioClip> clips) {
                    throw new IllegalStateException("deliberate failure in the test model");
                }

                @Override
                public List<FrameEmbeddings> timestampEmbeddings(List<AudioClip> clips) {
                    return inner.timestampEmbeddings(clips);
                }
            };
        }
    }
}
