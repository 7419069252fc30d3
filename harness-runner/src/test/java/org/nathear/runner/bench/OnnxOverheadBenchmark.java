package org.nathear.runner.bench;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.nathear.api.AudioClip;
import org.nathear.api.ChannelLayout;
import org.nathear.api.ClipRef;
import org.nathear.api.Label;
import org.nathear.api.Metric;
import org.nathear.api.ModelDescriptor;
import org.nathear.api.ModelOptions;
import org.nathear.api.SplitMode;
import org.nathear.api.TaskDescriptor;
import org.nathear.api.TaskKind;
import org.nathear.api.audio.Signals;
import org.nathear.api.spi.OpenedModel;
import org.nathear.api.spi.OpenedTask;
import org.nathear.api.util.Hashing;
import org.nathear.baselines.onnx.OnnxModelPlugin;
import org.nathear.baselines.onnx.OnnxTestModels;
import org.nathear.runner.eval.ChannelAdapter;
import org.nathear.runner.eval.EmbeddingExtractor;
import org.nathear.runner.eval.GuardedModel;
import org.nathear.runner.eval.Progress;
import org.nathear.runner.eval.SplitEmbeddings;

/**
 * Harness overhead on an ONNX model: the same graph, the same clips and the same ONNX Runtime
 * session settings, timed three ways in one process, interleaved round by round:
 *
 * <ol>
 *   <li>{@code onnxruntime}: plain ONNX Runtime Java API — fill a direct buffer per batch, run,
 *       average the frames of each clip from the output buffer (the reference);</li>
 *   <li>{@code nathear model}: {@code GuardedModel} over {@code OnnxModelPlugin} —
 *       what the runner calls: worker thread and time limit, piece planning, tensor filling,
 *       output shape checks, timestamps, NaN checks, mean of frames;</li>
 *   <li>{@code nathear extractor}: the whole embedding path of a run without the disk cache —
 *       task audio, channel adapter, SHA-256 of every clip's audio (cache key and task data hash),
 *       and the guarded model.</li>
 * </ol>
 *
 * Arguments: clips (32), seconds per clip (10), timed rounds (5), intra-op threads (1).
 */
public final class OnnxOverheadBenchmark {
    private static final int RATE = 16000;
    private static final int BATCH = 8;

    private OnnxOverheadBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int clipCount = args.length > 0 ? Integer.parseInt(args[0]) : 32;
        double seconds = args.length > 1 ? Double.parseDouble(args[1]) : 10;
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 5;
        int threads = args.length > 3 ? Integer.parseInt(args[3]) : 1;
        Path dir = Files.createTempDirectory(Path.of(System.getProperty("java.io.tmpdir")), "nathear-onnx-bench");
        Path folder = OnnxTestModels.benchmarkMlp(dir.resolve("mlp"));
        List<AudioClip> clips = new ArrayList<>();
        for (int i = 0; i < clipCount; i++) {
            clips.add(Signals.noiseClip(9000 + i, ChannelLayout.MONO, seconds, RATE));
        }
        double audioSeconds = clipCount * seconds;

        OrtEnvironment env = OrtEnvironment.getEnvironment();
        OrtSession.SessionOptions options = new OrtSession.SessionOptions();
        options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
        options.setExecutionMode(OrtSession.SessionOptions.ExecutionMode.SEQUENTIAL);
        options.setInterOpNumThreads(1);
        options.setIntraOpNumThreads(threads);
        OrtSession reference = env.createSession(folder.resolve("model.onnx").toString(), options);

        OnnxModelPlugin plugin = OnnxModelPlugin.load(folder);
        ModelOptions modelOptions = new ModelOptions(Map.of(OnnxModelPlugin.OPTION_INTRA_OP_THREADS, Integer.toString(threads),
                OnnxModelPlugin.OPTION_MAX_BATCH_SIZE, Integer.toString(BATCH)));
        GuardedModel guarded = GuardedModel.open(plugin, modelOptions, folder.toString(), Duration.ofMinutes(10));
        ModelDescriptor d = plugin.descriptor();
        ChannelAdapter adapter = ChannelAdapter.choose(ChannelLayout.MONO, d);
        String modelKey = EmbeddingExtractor.modelKey(d, plugin.weightsSha256(modelOptions), modelOptions.canonical(), adapter, "scene");
        EmbeddingExtractor extractor = new EmbeddingExtractor(null, BATCH, new Progress(new PrintWriter(new StringWriter()), 0, true));
        OpenedTask task = new MemoryTask(clips);

        // the three paths compute the same scene embeddings
        float[][] expected = referenceScene(env, reference, clips);
        float[][] viaModel = guarded.sceneEmbeddings(clips);
        float[][] viaExtractor = extract(extractor, task, guarded, d, adapter, modelKey).features();
        double maxDiff = 0;
        for (int c = 0; c < clipCount; c++) {
            for (int j = 0; j < expected[c].length; j++) {
                maxDiff = Math.max(maxDiff, Math.abs(expected[c][j] - viaModel[c][j]));
                maxDiff = Math.max(maxDiff, Math.abs(expected[c][j] - viaExtractor[c][j]));
            }
        }

        String[] names = {"onnxruntime (reference)", "nathear model (GuardedModel + OnnxModelPlugin)",
            "nathear extractor (+ audio, channel adapter, SHA-256 keys)"};
        double[][] times = new double[3][rounds];
        double[][] cpu = new double[3][rounds];
        com.sun.management.OperatingSystemMXBean os =
                (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        for (int r = -1; r < rounds; r++) { // round -1 warms up
            for (int k = 0; k < 3; k++) {
                int which = Math.floorMod(k + r, 3); // rotate the order every round
                System.gc();
                long cpuStart = os.getProcessCpuTime();
                long start = System.nanoTime();
                switch (which) {
                    case 0 -> referenceScene(env, reference, clips);
                    case 1 -> guarded.sceneEmbeddings(clips);
                    default -> extract(extractor, task, guarded, d, adapter, modelKey);
                }
                double elapsed = (System.nanoTime() - start) / 1e9;
                double cpuSeconds = (os.getProcessCpuTime() - cpuStart) / 1e9;
                if (r >= 0) {
                    times[which][r] = elapsed;
                    cpu[which][r] = cpuSeconds;
                }
            }
        }
        guarded.close();
        reference.close();

        System.out.printf(Locale.ROOT, "- machine: %d CPUs, %s %s; ONNX Runtime %s, intra-op threads %d%n",
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.vm.name"), System.getProperty("java.version"),
                env.getVersion(), threads);
        System.out.printf(Locale.ROOT, "- clips: %d x %.1f s of seeded noise at 16 kHz (%.0f s of audio), batches of %d; %d timed rounds"
                + " after one warm-up, order rotated each round%n", clipCount, seconds, audioSeconds, BATCH, rounds);
        System.out.printf(Locale.ROOT, "- same scene embeddings on all three paths: largest difference %.3g%n%n", maxDiff);
        System.out.println("| path | median s | min s | x real time | overhead: medians | overhead: mins | overhead: median of per-round ratios |");
        System.out.println("|---|---:|---:|---:|---:|---:|---:|");
        double referenceMedian = median(times[0]);
        double referenceMin = Arrays.stream(times[0]).min().orElse(0);
        for (int k = 0; k < 3; k++) {
            double median = median(times[k]);
            double min = Arrays.stream(times[k]).min().orElse(0);
            double[] ratios = new double[rounds];
            for (int r = 0; r < rounds; r++) {
                ratios[r] = times[k][r] / times[0][r];
            }
            System.out.printf(Locale.ROOT, "| %s | %.3f | %.3f | %.0f | %s | %s | %s |%n", names[k], median, min, audioSeconds / median,
                    k == 0 ? "—" : percent(median / referenceMedian), k == 0 ? "—" : percent(min / referenceMin),
                    k == 0 ? "—" : percent(median(ratios)));
        }
        System.out.println();
        System.out.println("Process CPU time (all threads of the JVM; insensitive to other processes' load):");
        System.out.println();
        System.out.println("| path | median CPU s | min CPU s | overhead: medians | overhead: mins | overhead: median of per-round ratios |");
        System.out.println("|---|---:|---:|---:|---:|---:|");
        double cpuReferenceMedian = median(cpu[0]);
        double cpuReferenceMin = Arrays.stream(cpu[0]).min().orElse(0);
        for (int k = 0; k < 3; k++) {
            double median = median(cpu[k]);
            double min = Arrays.stream(cpu[k]).min().orElse(0);
            double[] ratios = new double[rounds];
            for (int r = 0; r < rounds; r++) {
                ratios[r] = cpu[k][r] / cpu[0][r];
            }
            System.out.printf(Locale.ROOT, "| %s | %.3f | %.3f | %s | %s | %s |%n", names[k], median, min,
                    k == 0 ? "—" : percent(median / cpuReferenceMedian), k == 0 ? "—" : percent(min / cpuReferenceMin),
                    k == 0 ? "—" : percent(median(ratios)));
        }
        System.out.println();
        System.out.println("raw wall seconds per round: " + Arrays.deepToString(times));
        System.out.println("raw CPU seconds per round: " + Arrays.deepToString(cpu));
    }

    private static SplitEmbeddings extract(EmbeddingExtractor extractor, OpenedTask task, OpenedModel model, ModelDescriptor d,
                                           ChannelAdapter adapter, String modelKey) {
        return extractor.extractScene(task, "test", () -> model, d, adapter, modelKey, Hashing.sha256(),
                new EmbeddingExtractor.Stats());
    }

    /** Plain ONNX Runtime: batches of equal-length clips, mean of the output frames per clip. */
    static float[][] referenceScene(OrtEnvironment env, OrtSession session, List<AudioClip> clips) throws OrtException {
        int length = clips.get(0).frameCount();
        float[][] out = new float[clips.size()][];
        for (int from = 0; from < clips.size(); from += BATCH) {
            int n = Math.min(BATCH, clips.size() - from);
            FloatBuffer input = ByteBuffer.allocateDirect(n * length * 4).order(ByteOrder.nativeOrder()).asFloatBuffer();
            for (int i = 0; i < n; i++) {
                input.put(clips.get(from + i).channel(0));
            }
            input.rewind();
            try (OnnxTensor tensor = OnnxTensor.createTensor(env, input, new long[] {n, length});
                 OrtSession.Result result = session.run(Map.of("audio", tensor))) {
                OnnxTensor frames = (OnnxTensor) result.get(0);
                long[] shape = frames.getInfo().getShape();
                int count = (int) shape[1];
                int dim = (int) shape[2];
                FloatBuffer values = frames.getFloatBuffer();
                for (int i = 0; i < n; i++) {
                    double[] sum = new double[dim];
                    int base = i * count * dim;
                    for (int f = 0; f < count; f++) {
                        for (int j = 0; j < dim; j++) {
                            sum[j] += values.get(base + f * dim + j);
                        }
                    }
                    float[] mean = new float[dim];
                    for (int j = 0; j < dim; j++) {
                        mean[j] = (float) (sum[j] / count);
                    }
                    out[from + i] = mean;
                }
            }
        }
        return out;
    }

    private static String percent(double ratio) {
        return String.format(Locale.ROOT, "%+.1f %%", 100 * (ratio - 1));
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    /** The clips as one split of an in-memory task (audio already at the model's rate). */
    private static final class MemoryTask implements OpenedTask {
        private final List<AudioClip> clips;
        private final TaskDescriptor descriptor;

        MemoryTask(List<AudioClip> clips) {
            this.clips = clips;
            this.descriptor = new TaskDescriptor("bench-noise", "1", TaskKind.SCENE_MULTICLASS, ChannelLayout.MONO,
                    List.of(Metric.TOP1_ACC), SplitMode.TRAIN_VALID_TEST, List.of("train", "valid", "test"), List.of("noise"),
                    clips.get(0).durationSeconds(), "benchmark clips");
        }

        @Override
        public TaskDescriptor descriptor() {
            return descriptor;
        }

        @Override
        public List<ClipRef> clips(String split) {
            List<ClipRef> out = new ArrayList<>();
            for (int i = 0; i < clips.size(); i++) {
                out.add(new ClipRef(String.format(Locale.ROOT, "clip-%03d.wav", i), new Label.SingleLabel("noise")));
            }
            return out;
        }

        @Override
        public AudioClip audio(String split, String clipId, int sampleRateHz) {
            return clips.get(Integer.parseInt(clipId.substring(5, 8)));
        }
    }
}
