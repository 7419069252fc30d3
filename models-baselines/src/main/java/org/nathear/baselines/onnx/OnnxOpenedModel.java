package org.nathear.baselines.onnx;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.OptionalLong;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.nathear.api.AudioClip;
import org.nathear.api.AudioFormatException;
import org.nathear.api.ChannelLayout;
import org.nathear.api.FrameEmbeddings;
import org.nathear.api.ModelDescriptor;
import org.nathear.api.ModelException;
import org.nathear.api.audio.LogMelSpectrogram;
import org.nathear.api.audio.MelFilterbank;
import org.nathear.api.spi.OpenedModel;

/**
 * An ONNX model running in an ONNX Runtime session on the CPU.
 *
 * <p>A call's clips are cut into pieces ({@link Piece}): chunks of at most the descriptor's
 * {@code chunking.maxSeconds} (the whole clip without chunking), or, for timestamp embeddings of a
 * scene-vector graph, one window per timestamp. Pieces of equal length are batched, up to
 * {@code maxBatchSize} per graph call, and never padded to another piece's length: a piece's
 * embedding does not depend on what else is in its batch.
 *
 * <p>Every graph input and output is checked against the descriptor when the session opens (names,
 * element type, rank, fixed dimensions), and every output shape after each call; violations name
 * the model, the tensor, the shape found and the shape expected. Calls are thread-safe (ONNX
 * Runtime sessions are; front-end buffers are per call).
 */
final class OnnxOpenedModel implements OpenedModel {
    private final OrtEnvironment env;
    private final OrtSession.SessionOptions sessionOptions;
    private final OrtSession session;
    private final OnnxModelDescriptor spec;
    private final ModelDescriptor descriptor;
    private final String where;
    private final int maxBatch;
    private final boolean channelAxis;
    private final long fixedLength;
    private final MelFilterbank filterbank;
    private Path graph;
    private Long parameters;

    private OnnxOpenedModel(OrtEnvironment env, OrtSession.SessionOptions sessionOptions, OrtSession session,
                            OnnxModelDescriptor spec, ModelDescriptor descriptor, String where, int maxBatch,
                            boolean channelAxis, long fixedLength) {
        this.env = env;
        this.sessionOptions = sessionOptions;
        this.session = session;
        this.spec = spec;
        this.descriptor = descriptor;
        this.where = where;
        this.maxBatch = maxBatch;
        this.channelAxis = channelAxis;
        this.fixedLength = fixedLength;
        this.filterbank = spec.input().logMel() == null ? null : new MelFilterbank(spec.input().logMel());
    }

    /** Starts a session and checks the graph's input and output against the descriptor. */
    static OnnxOpenedModel open(Path folder, OnnxModelDescriptor spec, ModelDescriptor descriptor, int intraOpThreads,
                                int maxBatchSize) {
        return open(folder, spec, descriptor, intraOpThreads, maxBatchSize, OnnxDevice.CPU);
    }

    /** As above, on {@code device} (the CPU, or a GPU through ONNX Runtime's CUDA execution provider). */
    static OnnxOpenedModel open(Path folder, OnnxModelDescriptor spec, ModelDescriptor descriptor, int intraOpThreads,
                                int maxBatchSize, OnnxDevice device) {
        Path graph = folder.resolve(OnnxModelDescriptor.MODEL_FILE);
        String where = "model '" + spec.id() + "' (" + graph + ")";
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        OrtSession.SessionOptions options = new OrtSession.SessionOptions();
        OrtSession session = null;
        try {
            options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
            options.setExecutionMode(OrtSession.SessionOptions.ExecutionMode.SEQUENTIAL);
            options.setInterOpNumThreads(1);
            // failures reach the caller as exceptions with ONNX Runtime's message; its own log would repeat them on stderr
            options.setSessionLogLevel(ai.onnxruntime.OrtLoggingLevel.ORT_LOGGING_LEVEL_FATAL);
            if (intraOpThreads > 0) {
                options.setIntraOpNumThreads(intraOpThreads);
            }
            device.configure(options, OrtEnvironment.getAvailableProviders(), where);
            session = env.createSession(graph.toString(), options);
            GraphIo io = checkGraph(session, spec, where);
            int batch = io.fixedBatch == 1 ? 1 : maxBatchSize;
            OnnxOpenedModel opened = new OnnxOpenedModel(env, options, session, spec, descriptor, where, batch, io.channelAxis,
                    io.fixedLength);
            opened.graph = graph;
            return opened;
        } catch (OrtException e) {
            closeQuietly(session, options);
            throw new ModelException(where + ": ONNX Runtime cannot load the graph: " + oneLine(e), e);
        } catch (RuntimeException e) {
            closeQuietly(session, options);
            throw e;
        }
    }

    private record GraphIo(boolean channelAxis, long fixedBatch, long fixedLength) {
    }

    private static GraphIo checkGraph(OrtSession session, OnnxModelDescriptor spec, String where) throws OrtException {
        Map<String, NodeInfo> inputs = session.getInputInfo();
        Map<String, NodeInfo> outputs = session.getOutputInfo();
        String inName = spec.input().tensor();
        String outName = spec.output().tensor();
        if (!inputs.containsKey(inName)) {
            throw new ModelException(where + ": the graph has no input '" + inName + "' (descriptor input.tensor); its inputs are "
                    + inputs.keySet());
        }
        if (inputs.size() > 1) {
            throw new ModelException(where + ": the graph has inputs " + inputs.keySet() + "; nathear feeds exactly one, '"
                    + inName + "'. Export the graph with the audio (or log-mel) as its only input");
        }
        if (!outputs.containsKey(outName)) {
            throw new ModelException(where + ": the graph has no output '" + outName + "' (descriptor output.tensor); its outputs are "
                    + outputs.keySet());
        }
        TensorInfo in = tensorInfo(inputs.get(inName), "input", where);
        TensorInfo out = tensorInfo(outputs.get(outName), "output", where);
        long[] inShape = in.getShape();
        long[] outShape = out.getShape();
        boolean logMel = spec.input().kind() == OnnxModelDescriptor.InputKind.LOGMEL;
        int monoRank = logMel ? 3 : 2;
        String monoShape = logMel ? "[batch, frame, mel]" : "[batch, sample]";
        String multiShape = logMel ? "[batch, channel, frame, mel]" : "[batch, channel, sample]";
        if (inShape.length != monoRank && inShape.length != monoRank + 1) {
            throw new ModelException(where + ": input '" + inName + "' has shape " + shape(inShape) + "; a "
                    + spec.input().kind() + " input must be " + monoShape + " or " + multiShape);
        }
        boolean channelAxis = inShape.length == monoRank + 1;
        if (!channelAxis && !spec.acceptedLayouts().equals(Set.of(ChannelLayout.MONO))) {
            throw new ModelException(where + ": input '" + inName + "' has shape " + shape(inShape) + ", which has no channel axis,"
                    + " but the descriptor accepts " + spec.acceptedLayouts() + "; use " + multiShape + " for multi-channel input");
        }
        if (channelAxis && inShape[1] > 0) {
            for (ChannelLayout layout : spec.acceptedLayouts()) {
                if (layout.channelCount() != inShape[1]) {
                    throw new ModelException(where + ": input '" + inName + "' has " + inShape[1] + " channel(s) " + shape(inShape)
                            + " but the descriptor accepts " + layout + " (" + layout.channelCount() + " channels)");
                }
            }
        }
        long fixedBatch = inShape[0];
        if (fixedBatch > 1) {
            throw new ModelException(where + ": input '" + inName + "' has a fixed batch size of " + fixedBatch
                    + "; export the graph with a dynamic batch axis (or batch size 1)");
        }
        int lengthAxis = channelAxis ? 2 : 1;
        long fixedLength = inShape[lengthAxis];
        if (fixedLength > 0) {
            checkFixedLength(spec, where, inName, inShape, fixedLength);
        }
        if (logMel && inShape[inShape.length - 1] > 0 && inShape[inShape.length - 1] != spec.input().logMel().nMels()) {
            throw new ModelException(where + ": input '" + inName + "' takes " + inShape[inShape.length - 1] + " mel bands "
                    + shape(inShape) + " but input.logmel.nMels is " + spec.input().logMel().nMels());
        }
        boolean frames = spec.output().kind() == OnnxModelDescriptor.OutputKind.FRAMES;
        int outRank = frames ? 3 : 2;
        if (outShape.length != outRank) {
            throw new ModelException(where + ": output '" + outName + "' has shape " + shape(outShape) + "; output kind "
                    + spec.output().kind() + " needs " + (frames ? "[batch, frame, dim]" : "[batch, dim]"));
        }
        long dim = outShape[outRank - 1];
        if (dim > 0 && dim != spec.output().embeddingSize()) {
            throw new ModelException(where + ": output '" + outName + "' has " + dim + " dimensions " + shape(outShape)
                    + " but output.embeddingSize is " + spec.output().embeddingSize());
        }
        return new GraphIo(channelAxis, fixedBatch, fixedLength);
    }

    private static void checkFixedLength(OnnxModelDescriptor spec, String where, String inName, long[] inShape, long fixed) {
        boolean logMel = spec.input().kind() == OnnxModelDescriptor.InputKind.LOGMEL;
        int min = spec.minPieceSamples();
        int max = spec.maxPieceSamples();
        boolean ok = spec.chunking() != null && min == max
                && (logMel ? spec.input().logMel().frameCount(max) == fixed : max == fixed);
        if (!ok) {
            String unit = logMel ? "frames" : "samples";
            throw new ModelException(where + ": input '" + inName + "' has a fixed length of " + fixed + " " + unit + " "
                    + shape(inShape) + "; set chunking.minSeconds = chunking.maxSeconds to a length that gives exactly "
                    + fixed + " " + unit + (logMel ? "" : String.format(java.util.Locale.ROOT, " (%.6f s)", fixed / (double) spec.sampleRateHz()))
                    + ", or export the graph with a dynamic length axis");
        }
    }

    private static TensorInfo tensorInfo(NodeInfo node, String role, String where) {
        if (!(node.getInfo() instanceof TensorInfo info)) {
            throw new ModelException(where + ": " + role + " '" + node.getName() + "' is not a tensor (" + node.getInfo() + ")");
        }
        if (info.type != OnnxJavaType.FLOAT) {
            throw new ModelException(where + ": " + role + " '" + node.getName() + "' has element type " + info.type
                    + "; nathear exchanges float32 tensors only (cast inside the graph)");
        }
        return info;
    }

    /** ONNX Runtime's message on one line (its messages carry line breaks). */
    private static String oneLine(OrtException e) {
        return String.valueOf(e.getMessage()).replaceAll("\\s*\\R\\s*", " ").trim();
    }

    private static String shape(long[] shape) {
        StringBuilder out = new StringBuilder("[");
        for (int i = 0; i < shape.length; i++) {
            out.append(i > 0 ? ", " : "").append(shape[i] < 0 ? "?" : Long.toString(shape[i]));
        }
        return out.append(']').toString();
    }

    private static void closeQuietly(OrtSession session, OrtSession.SessionOptions options) {
        try {
            if (session != null) {
                session.close();
            }
        } catch (OrtException e) {
            // already failing; the first error is the one to report
        }
        options.close();
    }

    /** The batch size actually used (1 when the graph's batch axis is fixed at 1). */
    int maxBatch() {
        return maxBatch;
    }

    /**
     * The number of values in the graph's initializers ({@link OnnxInitializers}), counted once; unknown
     * when the graph file cannot be read for it.
     */
    @Override
    public synchronized OptionalLong parameterCount() {
        if (parameters == null) {
            try {
                parameters = OnnxInitializers.count(graph);
            } catch (ModelException e) {
                parameters = -1L;
            }
        }
        return parameters < 0 ? OptionalLong.empty() : OptionalLong.of(parameters);
    }

    @Override
    public ModelDescriptor descriptor() {
        return descriptor;
    }

    @Override
    public float[][] sceneEmbeddings(List<AudioClip> clips) {
        checkClips(clips, "sceneEmbeddings");
        List<Piece> pieces = new ArrayList<>();
        for (int c = 0; c < clips.size(); c++) {
            pieces.addAll(Piece.chunks(c, clips.get(c).frameCount(), spec.maxPieceSamples(), spec.minPieceSamples()));
        }
        int dim = spec.output().embeddingSize();
        double[][] sums = new double[clips.size()][dim];
        double[] weights = new double[clips.size()];
        float[][] fallback = new float[clips.size()][];
        boolean frames = spec.output().kind() == OnnxModelDescriptor.OutputKind.FRAMES;
        // sums straight from ONNX Runtime's output buffer: no per-frame arrays for the scene path
        run(clips, pieces, "sceneEmbeddings", (index, values, base, frameCount) -> {
            Piece piece = pieces.get(index);
            int c = piece.clip();
            if (!frames) {
                accumulate(sums[c], values, base, piece.spanSamples());
                weights[c] += piece.spanSamples();
                return;
            }
            for (int k = 0; k < frameCount; k++) {
                if (!Double.isNaN(frameTime(piece, k, clips.get(c).frameCount()))) {
                    accumulate(sums[c], values, base + k * dim, 1);
                    weights[c] += 1;
                }
            }
            if (isLast(piece, clips.get(c).frameCount())) {
                fallback[c] = new float[dim];
                values.get(base, fallback[c]);
            }
        });
        float[][] out = new float[clips.size()][dim];
        for (int c = 0; c < out.length; c++) {
            if (weights[c] == 0) {
                out[c] = fallback[c]; // a clip shorter than the first frame's centre: that frame, as timestampEmbeddings gives it
                continue;
            }
            for (int j = 0; j < dim; j++) {
                out[c][j] = (float) (sums[c][j] / weights[c]);
            }
        }
        return out;
    }

    private static void accumulate(double[] sum, FloatBuffer values, int base, double weight) {
        for (int j = 0; j < sum.length; j++) {
            sum[j] += weight * values.get(base + j);
        }
    }

    private static boolean isLast(Piece piece, int clipSamples) {
        return piece.startSample() + piece.spanSamples() >= clipSamples;
    }

    /**
     * The centre of frame k of a chunk in ms, or NaN when the frame does not belong to the clip's
     * timeline: a frame belongs to the chunk whose span holds its centre; the last chunk keeps
     * centres up to the clip's end (padding frames are dropped).
     */
    private double frameTime(Piece piece, int k, int clipSamples) {
        int rate = spec.sampleRateHz();
        OnnxModelDescriptor.Output output = spec.output();
        double t = piece.startSample() * 1000.0 / rate + output.firstFrameMillis() + k * output.hopMillis();
        double end = isLast(piece, clipSamples) ? clipSamples * 1000.0 / rate + 1e-9
                : (piece.startSample() + piece.spanSamples()) * 1000.0 / rate - 1e-9;
        return isLast(piece, clipSamples) ? (t <= end ? t : Double.NaN) : (t < end ? t : Double.NaN);
    }

    @Override
    public List<FrameEmbeddings> timestampEmbeddings(List<AudioClip> clips) {
        checkClips(clips, "timestampEmbeddings");
        int rate = spec.sampleRateHz();
        OnnxModelDescriptor.Output output = spec.output();
        boolean scene = output.kind() == OnnxModelDescriptor.OutputKind.SCENE;
        List<Piece> pieces = new ArrayList<>();
        for (int c = 0; c < clips.size(); c++) {
            int n = clips.get(c).frameCount();
            if (scene) {
                int window = (int) Math.round(output.timestampWindowMillis() * rate / 1000.0);
                pieces.addAll(Piece.windows(c, n, rate, output.hopMillis(), window, spec.minPieceSamples()));
            } else {
                pieces.addAll(Piece.chunks(c, n, spec.maxPieceSamples(), spec.minPieceSamples()));
            }
        }
        int dim = output.embeddingSize();
        float[][][] results = new float[pieces.size()][][];
        run(clips, pieces, "timestampEmbeddings", (index, values, base, frameCount) -> {
            float[][] rows = new float[frameCount][dim];
            for (int k = 0; k < frameCount; k++) {
                values.get(base + k * dim, rows[k]);
            }
            results[index] = rows;
        });
        List<List<float[]>> frames = new ArrayList<>();
        List<List<Double>> times = new ArrayList<>();
        for (int c = 0; c < clips.size(); c++) {
            frames.add(new ArrayList<>());
            times.add(new ArrayList<>());
        }
        for (int p = 0; p < pieces.size(); p++) {
            Piece piece = pieces.get(p);
            int c = piece.clip();
            if (scene) {
                frames.get(c).add(results[p][0]);
                times.get(c).add((frames.get(c).size() - 1) * output.hopMillis()); // window k is centred on k * hop
                continue;
            }
            int clipSamples = clips.get(c).frameCount();
            for (int k = 0; k < results[p].length; k++) {
                double t = frameTime(piece, k, clipSamples);
                if (!Double.isNaN(t)) {
                    frames.get(c).add(results[p][k]);
                    times.get(c).add(t);
                }
            }
            if (isLast(piece, clipSamples) && frames.get(c).isEmpty()) {
                // a clip shorter than the first frame's centre: keep that frame, placed at the clip's end
                frames.get(c).add(results[p][0]);
                times.get(c).add(Math.min(piece.startSample() * 1000.0 / rate + output.firstFrameMillis(), clipSamples * 1000.0 / rate));
            }
        }
        List<FrameEmbeddings> out = new ArrayList<>(clips.size());
        for (int c = 0; c < clips.size(); c++) {
            double[] t = new double[times.get(c).size()];
            for (int i = 0; i < t.length; i++) {
                t[i] = times.get(c).get(i);
            }
            out.add(new FrameEmbeddings(frames.get(c).toArray(new float[0][]), t));
        }
        return out;
    }

    private void checkClips(List<AudioClip> clips, String call) {
        for (int i = 0; i < clips.size(); i++) {
            AudioClip clip = clips.get(i);
            if (clip.sampleRateHz() != spec.sampleRateHz() || !spec.acceptedLayouts().contains(clip.layout())) {
                throw new AudioFormatException(where + " " + call + "(): clip " + i + " is " + clip.layout() + " at "
                        + clip.sampleRateHz() + " Hz; the model takes " + spec.acceptedLayouts() + " at " + spec.sampleRateHz()
                        + " Hz (the runner's channel adapter and resampler convert it)");
            }
        }
    }

    /** Receives the output of one piece: {@code frameCount} rows of {@code embeddingSize} floats from {@code base}. */
    private interface PieceSink {
        void accept(int pieceIndex, FloatBuffer values, int base, int frameCount);
    }

    /** Runs every piece through the graph, batching pieces of equal length, and hands each piece's output to the sink. */
    private void run(List<AudioClip> clips, List<Piece> pieces, String call, PieceSink sink) {
        Map<Integer, List<Integer>> byLength = new TreeMap<>();
        for (int p = 0; p < pieces.size(); p++) {
            byLength.computeIfAbsent(pieces.get(p).lengthSamples(), k -> new ArrayList<>()).add(p);
        }
        LogMelSpectrogram logMel = filterbank == null ? null : new LogMelSpectrogram(spec.input().logMel(), filterbank);
        for (Map.Entry<Integer, List<Integer>> group : byLength.entrySet()) {
            List<Integer> members = group.getValue();
            for (int from = 0; from < members.size(); from += maxBatch) {
                runBatch(clips, pieces, members.subList(from, Math.min(members.size(), from + maxBatch)), group.getKey(), logMel,
                        call, sink);
            }
        }
    }

    private void runBatch(List<AudioClip> clips, List<Piece> pieces, List<Integer> batch, int length,
                          LogMelSpectrogram logMel, String call, PieceSink sink) {
        int channels = clips.get(pieces.get(batch.get(0)).clip()).channelCount();
        long[] shape;
        FloatBuffer data;
        if (logMel == null) {
            shape = channelAxis ? new long[] {batch.size(), channels, length} : new long[] {batch.size(), length};
            data = direct((long) batch.size() * channels * length); // zero-filled: padding and samples outside the clip stay 0
            int row = 0;
            for (int index : batch) {
                Piece piece = pieces.get(index);
                AudioClip clip = clips.get(piece.clip());
                for (int ch = 0; ch < channels; ch++, row++) {
                    int from = Math.max(0, piece.startSample());
                    int to = Math.min(clip.frameCount(), piece.startSample() + piece.spanSamples());
                    if (to > from) {
                        data.put(row * length + from - piece.startSample(), clip.channel(ch), from, to - from);
                    }
                }
            }
        } else {
            int frames = logMel.frameCount(length);
            int mels = spec.input().logMel().nMels();
            shape = channelAxis ? new long[] {batch.size(), channels, frames, mels} : new long[] {batch.size(), frames, mels};
            data = direct((long) batch.size() * channels * frames * mels);
            for (int index : batch) {
                Piece piece = pieces.get(index);
                AudioClip clip = clips.get(piece.clip());
                for (int ch = 0; ch < channels; ch++) {
                    for (float[] frame : logMel.compute(piece.channelSamples(clip.channel(ch)))) {
                        data.put(frame);
                    }
                }
            }
        }
        data.rewind();
        if (fixedLength > 0 && shape[channelAxis ? 2 : 1] != fixedLength) {
            throw new ModelException(where + " " + call + "(): a piece of " + length + " samples gives input shape "
                    + shape(shape) + " but the graph's length axis is fixed at " + fixedLength);
        }
        String inName = spec.input().tensor();
        String outName = spec.output().tensor();
        try (OnnxTensor input = OnnxTensor.createTensor(env, data, shape);
             OrtSession.Result result = session.run(Map.of(inName, input), Set.of(outName))) {
            OnnxValue value = result.get(outName).orElseThrow(() -> new ModelException(where + " " + call
                    + "(): ONNX Runtime returned no output '" + outName + "'"));
            if (!(value instanceof OnnxTensor tensor) || tensor.getInfo().type != OnnxJavaType.FLOAT) {
                throw new ModelException(where + " " + call + "(): output '" + outName + "' is " + value.getInfo()
                        + "; expected a float32 tensor");
            }
            int frameCount = checkOutputShape(tensor.getInfo().getShape(), batch.size(), shape, call);
            FloatBuffer values = tensor.getFloatBuffer();
            int stride = frameCount * spec.output().embeddingSize();
            for (int b = 0; b < batch.size(); b++) {
                sink.accept(batch.get(b), values, b * stride, frameCount);
            }
        } catch (OrtException e) {
            throw new ModelException(where + " " + call + "(): ONNX Runtime failed on input '" + inName + "' of shape "
                    + shape(shape) + ": " + oneLine(e), e);
        }
    }

    /** Checks the output's shape against the batch and the descriptor; returns the frames per piece (1 for scene vectors). */
    private int checkOutputShape(long[] shape, int batch, long[] inputShape, String call) {
        int dim = spec.output().embeddingSize();
        boolean frames = spec.output().kind() == OnnxModelDescriptor.OutputKind.FRAMES;
        boolean ok = shape.length == (frames ? 3 : 2) && shape[0] == batch && shape[shape.length - 1] == dim
                && (!frames || shape[1] >= 1);
        if (!ok) {
            throw new ModelException(where + " " + call + "(): output '" + spec.output().tensor() + "' has shape "
                    + shape(shape) + " for input " + shape(inputShape) + "; expected "
                    + (frames ? "[" + batch + ", frames >= 1, " + dim + "]" : "[" + batch + ", " + dim + "]")
                    + " (descriptor output.kind " + spec.output().kind() + ", embeddingSize " + dim + ")");
        }
        return frames ? (int) shape[1] : 1;
    }

    private static FloatBuffer direct(long floats) {
        if (floats > Integer.MAX_VALUE / 4) {
            throw new ModelException("An input tensor of " + floats + " floats is too large for one graph call;"
                    + " lower maxBatchSize or chunking.maxSeconds");
        }
        return ByteBuffer.allocateDirect((int) floats * 4).order(ByteOrder.nativeOrder()).asFloatBuffer();
    }

    @Override
    public void close() {
        try {
            session.close();
        } catch (OrtException e) {
            throw new ModelException(where + ": closing the ONNX Runtime session failed: " + oneLine(e), e);
        } finally {
            sessionOptions.close();
        }
    }
}
