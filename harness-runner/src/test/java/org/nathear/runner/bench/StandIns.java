package org.nathear.runner.bench;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
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
import org.nathear.api.spi.ModelPlugin;
import org.nathear.api.spi.OpenedModel;
import org.nathear.api.spi.OpenedTask;
import org.nathear.api.spi.TaskPlugin;

/**
 * Generated stand-ins of HEAR's three largest tasks, for measuring the harness at scale: the same
 * numbers of clips, splits, labels and durations, but seeded noise as audio (generated on demand, so
 * no 100 GB of WAV files) and random labels. Scores on them mean nothing.
 *
 * <ul>
 *   <li>{@code sc5h}: Speech Commands 5 h — 22 890 clips of 1 s (train 16 000, valid 2 000, test 4 890), 12 classes;</li>
 *   <li>{@code fsd50k}: FSD50K — 51 185 clips of 0.3–30 s (train 36 784, valid 4 170, test 10 231; durations
 *       0.3 + 29.7·u³, mean ≈ 7.7 s, about 110 h), 200 labels, 1–3 per clip, {@code sample_duration} null;</li>
 *   <li>{@code dcase}: DCASE 2016 task 2 — 72 clips of 120 s (44 / 14 / 14), 11 classes, 8–16 events per clip.</li>
 * </ul>
 */
final class StandIns {
    static final int RATE = 16000;

    private StandIns() {
    }

    static TaskPlugin task(String name) {
        return switch (name) {
            case "sc5h" -> new StandInTask("standin-sc5h", TaskKind.SCENE_MULTICLASS, List.of(Metric.TOP1_ACC),
                    new int[] {16000, 2000, 4890}, 12, 1.0);
            case "fsd50k" -> new StandInTask("standin-fsd50k", TaskKind.SCENE_MULTILABEL,
                    List.of(Metric.MAP, Metric.D_PRIME, Metric.AUCROC, Metric.TOP1_ACC), new int[] {36784, 4170, 10231}, 200, null);
            case "dcase" -> new StandInTask("standin-dcase", TaskKind.EVENT,
                    List.of(Metric.EVENT_ONSET_200MS_FMS, Metric.SEGMENT_1S_ER), new int[] {44, 14, 14}, 11, 120.0);
            default -> throw new IllegalArgumentException("stand-in tasks: sc5h, fsd50k, dcase; got " + name);
        };
    }

    static final class StandInTask implements TaskPlugin {
        private final TaskDescriptor descriptor;
        private final int[] counts;

        StandInTask(String id, TaskKind kind, List<Metric> metrics, int[] counts, int classes, Double seconds) {
            List<String> vocabulary = new ArrayList<>();
            for (int c = 0; c < classes; c++) {
                vocabulary.add(String.format(Locale.ROOT, "class%03d", c));
            }
            this.descriptor = new TaskDescriptor(id, "1", kind, ChannelLayout.MONO, metrics, SplitMode.TRAIN_VALID_TEST,
                    List.of("train", "valid", "test"), vocabulary, seconds, "generated stand-in");
            this.counts = counts.clone();
        }

        @Override
        public TaskDescriptor descriptor() {
            return descriptor;
        }

        private int count(String split) {
            return counts[descriptor.splits().indexOf(split)];
        }

        private long seed(String split, int index) {
            return ((long) descriptor.splits().indexOf(split) << 32) ^ index ^ descriptor.id().hashCode();
        }

        double seconds(String split, int index) {
            if (descriptor.clipDurationSeconds() != null) {
                return descriptor.clipDurationSeconds();
            }
            double u = new SplittableRandom(seed(split, index) * 31 + 7).nextDouble();
            return 0.3 + 29.7 * u * u * u;
        }

        private Label label(String split, int index) {
            SplittableRandom r = new SplittableRandom(seed(split, index));
            List<String> vocabulary = descriptor.labelVocabulary();
            return switch (descriptor.kind()) {
                case SCENE_MULTICLASS -> new Label.SingleLabel(vocabulary.get(r.nextInt(vocabulary.size())));
                case SCENE_MULTILABEL -> {
                    Set<String> names = new HashSet<>();
                    int n = 1 + r.nextInt(3);
                    while (names.size() < n) {
                        names.add(vocabulary.get(r.nextInt(vocabulary.size())));
                    }
                    yield new Label.MultiLabel(names.stream().sorted().toList());
                }
                case EVENT -> {
                    List<Label.Event> events = new ArrayList<>();
                    int n = 8 + r.nextInt(9);
                    for (int k = 0; k < n; k++) {
                        double start = Math.floor(r.nextDouble(0, 115000));
                        events.add(new Label.Event(vocabulary.get(r.nextInt(vocabulary.size())), start,
                                start + Math.floor(r.nextDouble(300, 4000))));
                    }
                    yield new Label.EventLabels(events);
                }
                default -> throw new IllegalStateException();
            };
        }

        @Override
        public OpenedTask open() {
            StandInTask owner = this;
            return new OpenedTask() {
                @Override
                public TaskDescriptor descriptor() {
                    return descriptor;
                }

                @Override
                public List<ClipRef> clips(String split) {
                    List<ClipRef> out = new ArrayList<>(count(split));
                    for (int i = 0; i < count(split); i++) {
                        out.add(new ClipRef(String.format(Locale.ROOT, "%s-%06d.wav", split, i), label(split, i)));
                    }
                    return out;
                }

                @Override
                public AudioClip audio(String split, String clipId, int sampleRateHz) {
                    if (sampleRateHz != RATE) {
                        throw new IllegalArgumentException("stand-ins are generated at " + RATE + " Hz only");
                    }
                    int index = Integer.parseInt(clipId.substring(split.length() + 1, clipId.length() - 4));
                    int n = (int) Math.round(owner.seconds(split, index) * RATE);
                    SplittableRandom r = new SplittableRandom(seed(split, index) + 1);
                    float[] x = new float[n];
                    for (int i = 0; i < n; i++) {
                        x[i] = (float) (r.nextDouble() - 0.5);
                    }
                    return AudioClip.mono(x, RATE);
                }
            };
        }
    }

    /**
     * A cheap deterministic model of any embedding size: 16 block energies per 50 ms frame (scene:
     * per clip) projected by a fixed seeded matrix; timestamps every 50 ms, centred.
     */
    static final class StandInModel implements ModelPlugin {
        static final int FEATURES = 16;
        static final int HOP = 800; // 50 ms at 16 kHz
        private final int dim;

        StandInModel(int dim) {
            this.dim = dim;
        }

        @Override
        public ModelDescriptor descriptor() {
            return new ModelDescriptor("standin-" + dim, "1", RATE, Set.of(ChannelLayout.MONO), dim, dim, 50.0,
                    "block energies projected to " + dim + " dims");
        }

        @Override
        public OpenedModel open(ModelOptions options) {
            SplittableRandom r = new SplittableRandom(dim);
            float[][] w = new float[FEATURES][dim];
            for (float[] row : w) {
                for (int j = 0; j < dim; j++) {
                    row[j] = (float) r.nextGaussian();
                }
            }
            ModelDescriptor d = descriptor();
            return new OpenedModel() {
                @Override
                public ModelDescriptor descriptor() {
                    return d;
                }

                private float[] project(float[] x, int from, int to) {
                    double[] f = new double[FEATURES];
                    int block = Math.max(1, (to - from) / FEATURES);
                    for (int k = 0; k < FEATURES; k++) {
                        double e = 0;
                        for (int i = from + k * block; i < Math.min(to, from + (k + 1) * block); i++) {
                            e += x[i] * x[i];
                        }
                        f[k] = Math.log(1e-6 + e / block);
                    }
                    float[] out = new float[dim];
                    for (int k = 0; k < FEATURES; k++) {
                        float fk = (float) f[k];
                        for (int j = 0; j < dim; j++) {
                            out[j] += fk * w[k][j];
                        }
                    }
                    return out;
                }

                @Override
                public float[][] sceneEmbeddings(List<AudioClip> clips) {
                    float[][] out = new float[clips.size()][];
                    for (int c = 0; c < clips.size(); c++) {
                        float[] x = clips.get(c).channel(0);
                        out[c] = project(x, 0, x.length);
                    }
                    return out;
                }

                @Override
                public List<FrameEmbeddings> timestampEmbeddings(List<AudioClip> clips) {
                    List<FrameEmbeddings> out = new ArrayList<>();
                    for (AudioClip clip : clips) {
                        float[] x = clip.channel(0);
                        int frames = Math.max(1, x.length / HOP);
                        float[][] e = new float[frames][];
                        double[] t = new double[frames];
                        for (int f = 0; f < frames; f++) {
                            e[f] = project(x, f * HOP, Math.min(x.length, (f + 1) * HOP));
                            t[f] = (f * HOP + HOP / 2.0) * 1000.0 / RATE;
                        }
                        out.add(new FrameEmbeddings(e, t));
                    }
                    return out;
                }
            };
        }
    }
}
