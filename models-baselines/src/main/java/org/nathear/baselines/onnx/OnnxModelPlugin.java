package org.nathear.baselines.onnx;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Locale;
import java.util.Set;
import org.nathear.api.ConfigurationException;
import org.nathear.api.ModelDescriptor;
import org.nathear.api.ModelException;
import org.nathear.api.ModelOptions;
import org.nathear.api.spi.ModelPlugin;
import org.nathear.api.spi.OpenedModel;
import org.nathear.api.util.Hashing;

/**
 * A model from an ONNX model folder: {@code model.onnx} and its descriptor {@code model.json}
 * ({@link OnnxModelDescriptor}). Reading the descriptor is cheap and touches neither the graph nor
 * ONNX Runtime; {@link #open(ModelOptions)} starts an ONNX Runtime session.
 *
 * <p>The version nathear records is the descriptor's {@code version} followed by {@code +} and the
 * first 8 hex digits of a fingerprint of the settings that decide the embeddings (rate, layouts,
 * input, output, chunking): editing {@code model.json} never reuses embeddings cached under the old
 * settings. {@link #weightsSha256(ModelOptions)} is the SHA-256 of {@code model.onnx}, exactly what
 * {@code sha256sum model.onnx} prints; when {@code model.json} declares {@code weightsSha256} and the file
 * differs, it throws (so a replaced graph fails before any cache lookup, not only when opened).
 *
 * <p>Options: {@value #OPTION_INTRA_OP_THREADS} (ONNX Runtime intra-op threads, 0 = its default)
 * and {@value #OPTION_MAX_BATCH_SIZE} (pieces per graph call); both override the descriptor.
 * {@value #OPTION_DEVICE}: {@code cpu} (default), {@code cuda} or {@code cuda:N} (ONNX Runtime's CUDA
 * execution provider on GPU N; needs the onnxruntime_gpu build, see {@link OnnxDevice}).
 */
public final class OnnxModelPlugin implements ModelPlugin {
    public static final String OPTION_INTRA_OP_THREADS = "intra-op-threads";
    public static final String OPTION_MAX_BATCH_SIZE = "max-batch-size";
    public static final String OPTION_DEVICE = "device";

    private final Path folder;
    private final OnnxModelDescriptor spec;
    private final ModelDescriptor descriptor;
    private String sha256;
    private long hashedSize = -1;
    private long hashedModified = -1;

    private OnnxModelPlugin(Path folder, OnnxModelDescriptor spec) {
        this.folder = folder;
        this.spec = spec;
        ModelDescriptor d = spec.toModelDescriptor();
        this.descriptor = new ModelDescriptor(d.id(), d.version() + "+" + settingsFingerprint(spec).substring(0, 8),
                d.sampleRateHz(), d.acceptedLayouts(), d.sceneEmbeddingSize(), d.timestampEmbeddingSize(),
                d.timestampHopMillis(), d.description());
    }

    /**
     * Reads a model folder: its descriptor, and that {@code model.onnx} is there.
     *
     * @throws ConfigurationException when the descriptor is missing, unreadable or invalid, or the graph file is missing
     */
    public static OnnxModelPlugin load(Path folder) {
        Path dir = folder.toAbsolutePath().normalize();
        OnnxModelDescriptor spec = OnnxModelDescriptor.read(dir);
        Path graph = dir.resolve(OnnxModelDescriptor.MODEL_FILE);
        if (!Files.isRegularFile(graph)) {
            throw new ConfigurationException(dir + " holds " + OnnxModelDescriptor.DESCRIPTOR_FILE + " but no "
                    + OnnxModelDescriptor.MODEL_FILE + "; export the graph there (see tools/export/)");
        }
        return new OnnxModelPlugin(dir, spec);
    }

    /** The model folder (absolute). */
    public Path folder() {
        return folder;
    }

    /** The parsed descriptor. */
    public OnnxModelDescriptor spec() {
        return spec;
    }

    @Override
    public ModelDescriptor descriptor() {
        return descriptor;
    }

    @Override
    public Set<String> optionNames() {
        return Set.of(OPTION_INTRA_OP_THREADS, OPTION_MAX_BATCH_SIZE, OPTION_DEVICE);
    }

    @Override
    public OpenedModel open(ModelOptions options) {
        options.requireKnown(descriptor.id(), optionNames());
        int threads = options.getInt(OPTION_INTRA_OP_THREADS, spec.intraOpThreads());
        int maxBatch = options.getInt(OPTION_MAX_BATCH_SIZE, spec.maxBatchSize());
        if (threads < 0 || maxBatch < 1) {
            throw new ConfigurationException("Model '" + descriptor.id() + "': option " + OPTION_INTRA_OP_THREADS
                    + " must be >= 0 and " + OPTION_MAX_BATCH_SIZE + " >= 1; got " + threads + " and " + maxBatch);
        }
        weightsSha256(options); // verifies the declared weightsSha256, if any
        OnnxDevice device = OnnxDevice.parse(options.get(OPTION_DEVICE, "cpu"), descriptor.id());
        return OnnxOpenedModel.open(folder, spec, descriptor, threads, maxBatch, device);
    }

    /** SHA-256 of {@code model.onnx}, computed once per file size and modification time. */
    @Override
    public synchronized String weightsSha256(ModelOptions options) {
        Path graph = folder.resolve(OnnxModelDescriptor.MODEL_FILE);
        try {
            BasicFileAttributes attributes = Files.readAttributes(graph, BasicFileAttributes.class);
            long size = attributes.size();
            long modified = attributes.lastModifiedTime().toMillis();
            if (sha256 == null || size != hashedSize || modified != hashedModified) {
                sha256 = Hashing.sha256(graph);
                hashedSize = size;
                hashedModified = modified;
            }
            if (spec.weightsSha256() != null && !sha256.equals(spec.weightsSha256())) {
                // checked here, not only when opening: the harness asks for the hash before any cache lookup,
                // so a replaced graph never scores through embeddings cached for the declared one
                throw new ModelException("Model '" + descriptor.id() + "': " + graph + " has SHA-256 " + sha256 + " but "
                        + OnnxModelDescriptor.DESCRIPTOR_FILE + " declares weightsSha256 " + spec.weightsSha256()
                        + "; the graph was replaced or damaged");
            }
            return sha256;
        } catch (IOException e) {
            throw new ModelException("Model '" + descriptor.id() + "': cannot read " + graph + " to hash it: " + e, e);
        }
    }

    /** SHA-256 (hex) of the settings that decide the embeddings; see the class comment. */
    static String settingsFingerprint(OnnxModelDescriptor spec) {
        OnnxModelDescriptor.Input in = spec.input();
        OnnxModelDescriptor.Output out = spec.output();
        String text = String.join("\n",
                "rate=" + spec.sampleRateHz(),
                "layouts=" + spec.acceptedLayouts().stream().map(Enum::name).sorted().toList(),
                "input=" + in.tensor() + ":" + in.kind() + ":" + (in.logMel() == null ? "-" : in.logMel().canonical()),
                String.format(Locale.ROOT, "output=%s:%s:%d:%s:%s:%s", out.tensor(), out.kind(), out.embeddingSize(),
                        out.hopMillis(), out.firstFrameMillis(), out.timestampWindowMillis()),
                "chunking=" + (spec.chunking() == null ? "-" : spec.chunking().maxSeconds() + ":" + spec.chunking().minSeconds()));
        return Hashing.sha256(text);
    }

    @Override
    public String toString() {
        return "OnnxModelPlugin[" + descriptor.id() + " " + descriptor.version() + " from " + folder + "]";
    }
}
