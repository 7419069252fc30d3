package org.nathear.baselines.onnx;

import ai.onnx.proto.OnnxMl;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.nathear.api.audio.LogMelSpectrogram;
import org.nathear.api.audio.MelFilterbank;
import org.nathear.api.audio.MelSpectrogramConfig;
import org.nathear.api.audio.Stft;
import org.tribuo.util.onnx.ONNXContext;
import org.tribuo.util.onnx.ONNXInitializer;
import org.tribuo.util.onnx.ONNXNode;
import org.tribuo.util.onnx.ONNXOperators;
import org.tribuo.util.onnx.ONNXPlaceholder;
import org.tribuo.util.onnx.ONNXRef;

/**
 * Real ONNX graphs built at test time with tribuo-util-onnx (plus {@link ExtraOps}), each written
 * as a model folder ({@code model.onnx} + {@code model.json}) with a plain Java reference of what
 * the graph computes. Weights are Gaussian draws from fixed seeds.
 *
 * <ul>
 *   <li>{@link #waveScene}: mono waveform {@code [batch, sample]} → statistics (mean of x², |x|, x, x³)
 *       → MatMul 4×16 + bias → Relu: one 16-d vector per piece.</li>
 *   <li>{@link #logMelFrames}: mono log-mel {@code [batch, frame, 32]} (16 kHz, 10 ms hop) → MatMul
 *       32×8 + bias → Relu: one 8-d frame per log-mel frame; 1 s chunks.</li>
 *   <li>{@link #foaFrames}: FOA waveform {@code [batch, 4, 8000]} (fixed 0.5 s) → per-channel log energy of
 *       10 ms frames → MatMul 4×8 → Relu: 50 frames of 8 dims per piece.</li>
 * </ul>
 * Broken ones for the bad-input tests: {@link #nanScene} (log of negative samples),
 * {@link #wrongDimScene} (8 outputs behind a symbolic dimension while the descriptor says 16).
 */
public final class OnnxTestModels {
    public static final int RATE = 16000;

    private OnnxTestModels() {
    }

    // ----- graphs ---------------------------------------------------------------------------------

    static float[][] gaussian(long seed, int rows, int cols, double scale) {
        Random random = new Random(seed);
        float[][] w = new float[rows][cols];
        for (float[] row : w) {
            for (int j = 0; j < cols; j++) {
                row[j] = (float) (random.nextGaussian() * scale);
            }
        }
        return w;
    }

    private static ONNXInitializer matrix(ONNXContext ctx, String name, float[][] w) {
        return ctx.floatTensor(name, List.of(w.length, w[0].length), buffer -> {
            for (float[] row : w) {
                buffer.put(row);
            }
        });
    }

    private static OnnxMl.ValueInfoProto tensor(String name, Object... dims) {
        OnnxMl.TensorShapeProto.Builder shape = OnnxMl.TensorShapeProto.newBuilder();
        for (Object dim : dims) {
            OnnxMl.TensorShapeProto.Dimension.Builder d = OnnxMl.TensorShapeProto.Dimension.newBuilder();
            if (dim instanceof Integer value) {
                d.setDimValue(value);
            } else {
                d.setDimParam((String) dim);
            }
            shape.addDim(d);
        }
        return OnnxMl.ValueInfoProto.newBuilder().setName(name)
                .setType(OnnxMl.TypeProto.newBuilder().setTensorType(OnnxMl.TypeProto.Tensor.newBuilder()
                        .setElemType(OnnxMl.TensorProto.DataType.FLOAT.getNumber()).setShape(shape)))
                .build();
    }

    /** The graph with its input and output replaced by tensors of the given ranks (tribuo's placeholders are rank 2). */
    private static byte[] model(ONNXContext ctx, OnnxMl.ValueInfoProto input, OnnxMl.ValueInfoProto output) {
        OnnxMl.GraphProto graph = ctx.buildGraph().toBuilder().clearInput().addInput(input).clearOutput().addOutput(output)
                .setName("nathear-test").build();
        return OnnxMl.ModelProto.newBuilder().setIrVersion(7).setProducerName("nathear-tests")
                .addOpsetImport(OnnxMl.OperatorSetIdProto.newBuilder().setDomain("").setVersion(13))
                .setGraph(graph).build().toByteArray();
    }

    private static ONNXNode reduceMean(ONNXRef<?> x, int axis, boolean keep) {
        return x.apply(ONNXOperators.REDUCE_MEAN, Map.of("axes", new int[] {axis}, "keepdims", keep ? 1 : 0));
    }

    // ----- wave-scene ------------------------------------------------------------------------------

    static final float[][] WAVE_W = gaussian(101, 4, 16, 1.0);
    static final float[][] WAVE_B = gaussian(102, 1, 16, 0.1);

    static byte[] waveSceneGraph(int outputs, boolean symbolicDim) {
        ONNXContext ctx = new ONNXContext();
        ONNXPlaceholder x = ctx.floatInput("audio", 1);
        ONNXNode sq = x.apply(ONNXOperators.MUL, x);
        ONNXNode m2 = reduceMean(sq, 1, true);
        ONNXNode abs = reduceMean(x.apply(ExtraOps.ABS), 1, true);
        ONNXNode mean = reduceMean(x, 1, true);
        ONNXNode m3 = reduceMean(sq.apply(ONNXOperators.MUL, x), 1, true);
        ONNXNode features = m2.apply(ONNXOperators.CONCAT, List.<ONNXRef<?>>of(abs, mean, m3), List.of("features"),
                Map.of("axis", 1)).get(0);
        float[][] w = outputs == 16 ? WAVE_W : gaussian(103, 4, outputs, 1.0);
        float[][] b = outputs == 16 ? WAVE_B : gaussian(104, 1, outputs, 0.1);
        ONNXNode hidden = features.apply(ExtraOps.MATMUL, matrix(ctx, "w", w)).apply(ONNXOperators.ADD, ctx.array("b", b[0]));
        ONNXPlaceholder out = ctx.floatOutput("embedding", outputs);
        hidden.apply(ExtraOps.RELU).assignTo(out);
        return model(ctx, tensor("audio", "batch", "samples"), tensor("embedding", "batch", symbolicDim ? "dim" : (Object) outputs));
    }

    /** What {@link #waveSceneGraph} computes for one piece, in double. */
    static float[] waveSceneReference(float[] x) {
        double m2 = 0;
        double abs = 0;
        double mean = 0;
        double m3 = 0;
        for (float v : x) {
            m2 += (double) v * v;
            abs += Math.abs(v);
            mean += v;
            m3 += (double) v * v * v;
        }
        double[] f = {m2 / x.length, abs / x.length, mean / x.length, m3 / x.length};
        float[] out = new float[16];
        for (int j = 0; j < 16; j++) {
            double h = WAVE_B[0][j];
            for (int i = 0; i < 4; i++) {
                h += f[i] * WAVE_W[i][j];
            }
            out[j] = (float) Math.max(0, h);
        }
        return out;
    }

    /** Mono waveform in, one 16-d vector out; timestamp windows of 200 ms every 50 ms; 2 s chunks. */
    public static Path waveScene(Path dir) {
        return write(dir, waveSceneGraph(16, false), """
                {
                  "schema": "nathear.onnx-model/1",
                  "id": "onnx-wave-scene",
                  "version": "1.0.0",
                  "description": "test graph: waveform statistics -> MatMul -> Relu",
                  "sampleRateHz": 16000,
                  "acceptedLayouts": ["MONO"],
                  "input": {"tensor": "audio", "kind": "waveform"},
                  "output": {"tensor": "embedding", "kind": "scene", "embeddingSize": 16,
                             "timestampHopMillis": 50, "timestampWindowMillis": 200},
                  "maxBatchSize": 4,
                  "chunking": {"maxSeconds": 2.0}
                }
                """);
    }

    // ----- logmel-frames ---------------------------------------------------------------------------

    static final float[][] MEL_W = gaussian(201, 32, 8, 0.2);
    static final float[][] MEL_B = gaussian(202, 1, 8, 0.1);

    /** The front end of {@link #logMelFrames}: 16 kHz, 25 ms Hann, 10 ms hop, 32 HTK mels. */
    public static MelSpectrogramConfig melConfig() {
        return new MelSpectrogramConfig(RATE, 400, 400, 160, 32, 0, 8000, 2.0, true, Stft.PadMode.REFLECT,
                MelFilterbank.Scale.HTK, MelFilterbank.Norm.NONE, 1e-6);
    }

    static byte[] logMelFramesGraph() {
        ONNXContext ctx = new ONNXContext();
        ONNXPlaceholder x = ctx.floatInput("logmel", 32);
        ONNXPlaceholder out = ctx.floatOutput("frames", 8);
        x.apply(ExtraOps.MATMUL, matrix(ctx, "w", MEL_W)).apply(ONNXOperators.ADD, ctx.array("b", MEL_B[0]))
                .apply(ExtraOps.RELU).assignTo(out);
        return model(ctx, tensor("logmel", "batch", "frames", 32), tensor("frames", "batch", "frames", 8));
    }

    /** What {@link #logMelFramesGraph} computes: {@code [frame][8]} for a piece's samples. */
    static float[][] logMelFramesReference(float[] piece) {
        float[][] mel = new LogMelSpectrogram(melConfig()).compute(piece);
        float[][] out = new float[mel.length][8];
        for (int t = 0; t < mel.length; t++) {
            for (int j = 0; j < 8; j++) {
                double h = MEL_B[0][j];
                for (int m = 0; m < 32; m++) {
                    h += (double) mel[t][m] * MEL_W[m][j];
                }
                out[t][j] = (float) Math.max(0, h);
            }
        }
        return out;
    }

    /** Mono log-mel in, one 8-d frame per 10 ms out; 1 s chunks. */
    public static Path logMelFrames(Path dir) {
        return write(dir, logMelFramesGraph(), """
                {
                  "schema": "nathear.onnx-model/1",
                  "id": "onnx-logmel-frames",
                  "version": "1.0.0",
                  "sampleRateHz": 16000,
                  "acceptedLayouts": ["MONO"],
                  "input": {"tensor": "logmel", "kind": "logmel",
                            "logmel": {"nFft": 400, "winLength": 400, "hopLength": 160, "nMels": 32,
                                       "fMinHz": 0, "fMaxHz": 8000, "power": 2.0, "center": true,
                                       "padMode": "reflect", "melScale": "htk", "melNorm": "none", "logEpsilon": 1e-6}},
                  "output": {"tensor": "frames", "kind": "frames", "embeddingSize": 8,
                             "hopMillis": 10, "firstFrameMillis": 0},
                  "maxBatchSize": 8,
                  "chunking": {"maxSeconds": 1.0}
                }
                """);
    }

    // ----- foa-frames ------------------------------------------------------------------------------

    static final float[][] FOA_W = gaussian(301, 4, 8, 0.5);
    static final int FOA_PIECE = 8000;
    static final int FOA_FRAME = 160;

    static byte[] foaFramesGraph() {
        return foaFramesGraph(false);
    }

    /** With {@code dynamicLength} the input's sample axis is symbolic: lengths that are not a multiple of 160 make Reshape fail at run time. */
    static byte[] foaFramesGraph(boolean dynamicLength) {
        ONNXContext ctx = new ONNXContext();
        ONNXPlaceholder x = ctx.floatInput("ambisonics", 1);
        ONNXNode frames = x.apply(ExtraOps.RESHAPE, ctx.array("frame_shape", new long[] {0, 4, -1, FOA_FRAME}));
        ONNXNode energy = reduceMean(frames.apply(ONNXOperators.MUL, frames), 3, false);
        ONNXNode logEnergy = energy.apply(ONNXOperators.ADD, ctx.constant("eps", 1e-6f)).apply(ExtraOps.LOG);
        ONNXNode timeMajor = logEnergy.apply(ExtraOps.TRANSPOSE, Map.of("perm", new int[] {0, 2, 1}));
        ONNXPlaceholder out = ctx.floatOutput("frames", 8);
        timeMajor.apply(ExtraOps.MATMUL, matrix(ctx, "w", FOA_W)).apply(ExtraOps.RELU).assignTo(out);
        return model(ctx, tensor("ambisonics", "batch", 4, dynamicLength ? "samples" : (Object) FOA_PIECE),
                tensor("frames", "batch", "frames", 8));
    }

    /** What {@link #foaFramesGraph} computes: {@code [frame][8]} for one piece {@code [4][8000]}. */
    static float[][] foaFramesReference(float[][] piece) {
        int frames = piece[0].length / FOA_FRAME;
        float[][] out = new float[frames][8];
        for (int t = 0; t < frames; t++) {
            double[] logEnergy = new double[4];
            for (int c = 0; c < 4; c++) {
                double e = 0;
                for (int n = t * FOA_FRAME; n < (t + 1) * FOA_FRAME; n++) {
                    e += (double) piece[c][n] * piece[c][n];
                }
                logEnergy[c] = Math.log(e / FOA_FRAME + 1e-6);
            }
            for (int j = 0; j < 8; j++) {
                double h = 0;
                for (int c = 0; c < 4; c++) {
                    h += logEnergy[c] * FOA_W[c][j];
                }
                out[t][j] = (float) Math.max(0, h);
            }
        }
        return out;
    }

    /** FOA waveform in (fixed 0.5 s pieces), 50 frames of 8 dims out, 10 ms hop centred at 5 ms. */
    public static Path foaFrames(Path dir) {
        return write(dir, foaFramesGraph(), """
                {
                  "schema": "nathear.onnx-model/1",
                  "id": "onnx-foa-frames",
                  "version": "1.0.0",
                  "description": "test graph: per-channel log energy of 10 ms FOA frames -> MatMul -> Relu",
                  "sampleRateHz": 16000,
                  "acceptedLayouts": ["FOA"],
                  "input": {"tensor": "ambisonics", "kind": "waveform"},
                  "output": {"tensor": "frames", "kind": "frames", "embeddingSize": 8,
                             "hopMillis": 10, "firstFrameMillis": 5},
                  "maxBatchSize": 8,
                  "chunking": {"maxSeconds": 0.5, "minSeconds": 0.5}
                }
                """);
    }

    // ----- broken graphs ---------------------------------------------------------------------------

    static byte[] nanSceneGraph() {
        ONNXContext ctx = new ONNXContext();
        ONNXPlaceholder x = ctx.floatInput("audio", 1);
        ONNXPlaceholder out = ctx.floatOutput("embedding", 4);
        reduceMean(x.apply(ExtraOps.LOG), 1, true).apply(ExtraOps.MATMUL, matrix(ctx, "w", gaussian(401, 1, 4, 1.0)))
                .assignTo(out);
        return model(ctx, tensor("audio", "batch", "samples"), tensor("embedding", "batch", 4));
    }

    /** A graph that takes the log of the waveform: NaN for any clip with a negative sample. */
    public static Path nanScene(Path dir) {
        return write(dir, nanSceneGraph(), """
                {
                  "schema": "nathear.onnx-model/1",
                  "id": "onnx-nan-scene",
                  "version": "1.0.0",
                  "sampleRateHz": 16000,
                  "acceptedLayouts": ["MONO"],
                  "input": {"tensor": "audio", "kind": "waveform"},
                  "output": {"tensor": "embedding", "kind": "scene", "embeddingSize": 4,
                             "timestampHopMillis": 50, "timestampWindowMillis": 200},
                  "maxBatchSize": 4
                }
                """);
    }

    /**
     * A graph whose output size depends on the input length (the mean of every 1000 samples, so
     * {@code [batch, samples / 1000]}): ONNX Runtime cannot know the size before running it.
     */
    static byte[] lengthDependentGraph() {
        ONNXContext ctx = new ONNXContext();
        ONNXPlaceholder x = ctx.floatInput("audio", 1);
        ONNXPlaceholder out = ctx.floatOutput("embedding", 1);
        reduceMean(x.apply(ExtraOps.RESHAPE, ctx.array("blocks", new long[] {0, -1, 1000})), 2, false).assignTo(out);
        return model(ctx, tensor("audio", "batch", "samples"), tensor("embedding", "batch", "dim"));
    }

    /** {@link #lengthDependentGraph} with a descriptor declaring 16 dimensions: right for 1 s clips only. */
    public static Path wrongDimScene(Path dir) {
        return write(dir, lengthDependentGraph(), """
                {
                  "schema": "nathear.onnx-model/1",
                  "id": "onnx-wrong-dim",
                  "version": "1.0.0",
                  "sampleRateHz": 16000,
                  "acceptedLayouts": ["MONO"],
                  "input": {"tensor": "audio", "kind": "waveform"},
                  "output": {"tensor": "embedding", "kind": "scene", "embeddingSize": 16,
                             "timestampHopMillis": 50, "timestampWindowMillis": 200},
                  "maxBatchSize": 4
                }
                """);
    }

    // ----- benchmark ------------------------------------------------------------------------------

    /**
     * A frame model with a realistic cost for overhead measurements: 20 ms frames of the waveform
     * ({@code Reshape [batch, frame, 320]}) through a 3-layer MLP 320 → 1024 → 1024 → 768 with Relu,
     * about 2.1 M multiply-adds per frame (105 M per second of audio); 8.4 MB of weights.
     */
    public static Path benchmarkMlp(Path dir) {
        ONNXContext ctx = new ONNXContext();
        ONNXPlaceholder x = ctx.floatInput("audio", 1);
        ONNXNode frames = x.apply(ExtraOps.RESHAPE, ctx.array("frame_shape", new long[] {0, -1, 320}));
        ONNXNode h1 = frames.apply(ExtraOps.MATMUL, matrix(ctx, "w1", gaussian(501, 320, 1024, 1 / Math.sqrt(320)))).apply(ExtraOps.RELU);
        ONNXNode h2 = h1.apply(ExtraOps.MATMUL, matrix(ctx, "w2", gaussian(502, 1024, 1024, 1 / Math.sqrt(1024)))).apply(ExtraOps.RELU);
        ONNXPlaceholder out = ctx.floatOutput("frames", 768);
        h2.apply(ExtraOps.MATMUL, matrix(ctx, "w3", gaussian(503, 1024, 768, 1 / Math.sqrt(1024)))).assignTo(out);
        byte[] graph = model(ctx, tensor("audio", "batch", "samples"), tensor("frames", "batch", "frames", 768));
        return write(dir, graph, """
                {
                  "schema": "nathear.onnx-model/1",
                  "id": "onnx-bench-mlp",
                  "version": "1.0.0",
                  "description": "benchmark graph: 20 ms waveform frames -> MLP 320-1024-1024-768",
                  "sampleRateHz": 16000,
                  "acceptedLayouts": ["MONO"],
                  "input": {"tensor": "audio", "kind": "waveform"},
                  "output": {"tensor": "frames", "kind": "frames", "embeddingSize": 768,
                             "hopMillis": 20, "firstFrameMillis": 10},
                  "maxBatchSize": 8,
                  "intraOpThreads": 1
                }
                """);
    }

    /** Writes a model folder; returns it. */
    public static Path write(Path dir, byte[] graph, String descriptorJson) {
        try {
            Files.createDirectories(dir);
            Files.write(dir.resolve(OnnxModelDescriptor.MODEL_FILE), graph);
            Files.writeString(dir.resolve(OnnxModelDescriptor.DESCRIPTOR_FILE), descriptorJson, StandardCharsets.UTF_8);
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes just a descriptor into a folder that already holds (or lacks) a graph. */
    public static Path writeDescriptor(Path dir, String descriptorJson) {
        try {
            Files.createDirectories(dir);
            Files.writeString(dir.resolve(OnnxModelDescriptor.DESCRIPTOR_FILE), descriptorJson, StandardCharsets.UTF_8);
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
