package org.nathear.gram.model;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.LayerNorm;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.nathear.api.ModelException;
import org.nathear.gram.GramConfig;
import org.nathear.gram.GramMasking;
import org.nathear.gram.GramSize;
import org.nathear.gram.io.Tensor;

/**
 * The GRAM network in DJL (PyTorch engine): patch embedding over all feature channels, fixed 2-D
 * sin-cos positions, a CLS token, a pre-LN ViT encoder on the visible patches, and the MW-MAE
 * decoder (per-head attention windows with learned relative-position biases, a learnable mask
 * token) predicting every patch of the normalised crop.
 *
 * <p>The network is written with DJL's NDArray operations on named parameters rather than DJL
 * blocks: the names are the reference implementation's state-dict keys ({@link ParameterSpec}),
 * every block is a plain pre-LN transformer block (DJL's {@code TransformerEncoderBlock} uses
 * BatchNorm), and the optimiser ({@link org.nathear.gram.train.AdamW}) keeps its own, saveable
 * state.
 *
 * <p>DJL trap avoided here: a Java scalar in an autograd graph ({@code x.mul(0.5)}) wraps a
 * temporary buffer that can be freed before backward reads it, giving nondeterministic losses and
 * NaNs. Every constant that enters the graph (attention scale, loss weight, positional embeddings,
 * window masks) is an NDArray owned by this network, alive until it is closed.
 *
 * <p>Arrays made during a forward pass belong to the caller's {@link ai.djl.ndarray.NDScope};
 * callers open one per step or batch. A network is not thread-safe.
 */
public final class GramNetwork implements AutoCloseable {
    /** LayerNorm epsilon of the torchvision ViT encoder. */
    public static final float ENCODER_LN_EPS = 1e-6f;
    /** LayerNorm epsilon of the MW-MAE decoder (torch default). */
    public static final float DECODER_LN_EPS = 1e-5f;
    /** Additive attention bias outside a head's window (softmax turns it into an exact 0). */
    static final float OUTSIDE_WINDOW = -1e9f;

    private final GramConfig config;
    private final NDManager manager;
    private final LinkedHashMap<String, NDArray> params = new LinkedHashMap<>();
    private final List<ParameterSpec> specs;
    private final boolean encoderOnly;
    // constants (alive as long as the network)
    private final NDArray encoderPos;     // [N, D]
    private final NDArray decoderPos;     // [N, Dd]
    private final NDArray encoderScale;   // scalar 1/sqrt(head dim)
    private final NDArray decoderScale;
    private final NDArray lossWeight;     // scalar in_channels
    private final NDArray windowIndex;    // [H*N*N] int64 into the concatenated bias tables (+ one zero)
    private final NDArray windowMask;     // [H, N, N] 0 inside the window, OUTSIDE_WINDOW outside
    private final NDArray zero1;          // [1] zero appended to the bias tables

    private GramNetwork(GramConfig config, Device device, Map<String, float[]> values, boolean encoderOnly) {
        this.config = config;
        this.encoderOnly = encoderOnly;
        this.manager = GramEngine.newManager(device);
        List<ParameterSpec> chosen = new ArrayList<>();
        for (ParameterSpec spec : ParameterSpec.all(config)) {
            if (encoderOnly && !spec.isEncoderSide()) {
                continue;
            }
            chosen.add(spec);
            float[] v = values.get(spec.name());
            NDArray a = manager.create(v, new Shape(spec.shape()));
            a.setName(spec.name());
            ai.djl.ndarray.NDScope.unregister(a); // parameters outlive any scope the caller has open
            if (!encoderOnly) {
                a.setRequiresGradient(true);
            }
            params.put(spec.name(), a);
        }
        this.specs = List.copyOf(chosen);
        GramMasking m = config.masking();
        GramSize s = config.size();
        int n = m.patchCount();
        this.encoderPos = manager.create(SinCos.embedding(s.encoderDim(), m.frequencyPatches(), m.timePatches()),
                new Shape(n, s.encoderDim()));
        this.decoderPos = manager.create(SinCos.embedding(s.decoderDim(), m.frequencyPatches(), m.timePatches()),
                new Shape(n, s.decoderDim()));
        this.encoderScale = manager.create((float) (1.0 / Math.sqrt(s.encoderDim() / (double) s.encoderHeads())));
        this.decoderScale = manager.create((float) (1.0 / Math.sqrt(s.decoderDim() / (double) GramSize.DECODER_HEADS)));
        this.lossWeight = manager.create((float) config.variant().featureChannels());
        this.zero1 = manager.zeros(new Shape(1));
        ai.djl.ndarray.NDScope.unregister(encoderPos, decoderPos, encoderScale, decoderScale, lossWeight, zero1);
        List<Integer> windows = m.decoderWindows();
        long[] index = new long[windows.size() * n * n];
        float[] mask = new float[windows.size() * n * n];
        int tableTotal = 0;
        for (int w : windows) {
            tableTotal += w > 0 ? 2 * w - 1 : 0;
        }
        int offset = 0;
        for (int h = 0; h < windows.size(); h++) {
            int w = windows.get(h);
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    int k = (h * n + i) * n + j;
                    if (w == 0) {
                        index[k] = tableTotal;           // the appended zero
                    } else if (i / w == j / w) {
                        index[k] = offset + (i - j) + (w - 1);
                    } else {
                        index[k] = tableTotal;
                        mask[k] = OUTSIDE_WINDOW;
                    }
                }
            }
            offset += w > 0 ? 2 * w - 1 : 0;
        }
        this.windowIndex = manager.create(index);
        this.windowMask = manager.create(mask, new Shape(windows.size(), n, n));
        ai.djl.ndarray.NDScope.unregister(windowIndex, windowMask);
        for (int w : windows) {
            if (w > 0 && n % w != 0) {
                throw new ModelException("Decoder window " + w + " does not divide the " + n + " patches of "
                        + config.label() + "; windows are non-overlapping blocks of the patch sequence");
            }
        }
    }

    /** A freshly initialised network (the reference's initialisation, drawn from {@code seed}). */
    public static GramNetwork initialise(GramConfig config, long seed, Device device) {
        SplittableRandom rng = new SplittableRandom(seed);
        Map<String, float[]> values = new LinkedHashMap<>();
        long convFanIn = (long) config.patchValues();
        for (ParameterSpec spec : ParameterSpec.all(config)) {
            float[] v = spec.init() == ParameterSpec.Init.CONV_BIAS ? spec.convBiasValues(rng, convFanIn)
                    : spec.initialValues(rng);
            values.put(spec.name(), v);
        }
        return new GramNetwork(config, device, values, false);
    }

    /**
     * A network with the given weights. Every parameter of the config must be present with its exact
     * shape; with {@code encoderOnly} only the encoder side is needed and loaded (for embedding).
     */
    public static GramNetwork fromTensors(GramConfig config, Map<String, Tensor> tensors, Device device, boolean encoderOnly) {
        Map<String, float[]> values = new LinkedHashMap<>();
        List<String> missing = new ArrayList<>();
        for (ParameterSpec spec : ParameterSpec.all(config)) {
            if (encoderOnly && !spec.isEncoderSide()) {
                continue;
            }
            Tensor t = tensors.get(spec.name());
            if (t == null) {
                missing.add(spec.name());
                continue;
            }
            if (!Arrays.equals(t.shape(), spec.shape())) {
                throw new ModelException("Weight '" + spec.name() + "' has shape " + t.shapeText() + " but a "
                        + config.label() + " network needs " + Arrays.toString(spec.shape())
                        + "; the weights belong to a network of another size, variant or masking");
            }
            values.put(spec.name(), t.values());
        }
        if (!missing.isEmpty()) {
            throw new ModelException("Weights for a " + config.label() + " network lack " + missing.size() + " parameter(s), e.g. "
                    + missing.subList(0, Math.min(5, missing.size())));
        }
        return new GramNetwork(config, device, values, encoderOnly);
    }

    public GramConfig config() {
        return config;
    }

    /** True when only the encoder side was loaded. */
    public boolean encoderOnly() {
        return encoderOnly;
    }

    /** The parameters in {@link ParameterSpec} order (live arrays: do not close). */
    public Map<String, NDArray> parameters() {
        return java.util.Collections.unmodifiableMap(params);
    }

    /** Number of trainable values. */
    public long parameterCount() {
        long n = 0;
        for (ParameterSpec s : specs) {
            n += s.size();
        }
        return n;
    }

    /** A copy of every parameter's current values. */
    public List<Tensor> tensors() {
        List<Tensor> out = new ArrayList<>();
        for (ParameterSpec spec : specs) {
            out.add(new Tensor(spec.name(), spec.shape(), params.get(spec.name()).toFloatArray()));
        }
        return out;
    }

    /** Overwrites parameters in place (shapes must match), e.g. when resuming. */
    public void load(Map<String, Tensor> tensors) {
        for (ParameterSpec spec : specs) {
            Tensor t = tensors.get(spec.name());
            if (t == null || !Arrays.equals(t.shape(), spec.shape())) {
                throw new ModelException("Cannot load weight '" + spec.name() + "': " + (t == null ? "missing"
                        : "shape " + t.shapeText() + ", expected " + Arrays.toString(spec.shape())));
            }
            params.get(spec.name()).set(t.values());
        }
    }

    /** The manager that owns this network's arrays (inputs must live on its device). */
    public NDManager manager() {
        return manager;
    }

    private NDArray p(String name) {
        NDArray a = params.get(name);
        if (a == null) {
            throw new ModelException("Parameter '" + name + "' is not loaded"
                    + (encoderOnly ? " (this network was loaded for embedding only)" : ""));
        }
        return a;
    }

    // ------------------------------------------------------------------------------------------
    // forward passes

    /** Embeds patches {@code [B, N, P]} and adds positions: {@code [B, N, D]}. */
    private NDArray embedPatches(NDArray patches) {
        int d = config.size().encoderDim();
        NDArray w = p("patch_embed.proj.weight").reshape(d, config.patchValues());
        NDArray x = Linear.linear(patches, w, p("patch_embed.proj.bias")).singletonOrThrow();
        return x.add(encoderPos);
    }

    /** Encoder over [CLS, tokens]: returns {@code [B, 1 + L, D]} after the final LayerNorm. */
    private NDArray encoder(NDArray tokens) {
        long b = tokens.getShape().get(0);
        int d = config.size().encoderDim();
        NDArray cls = p("cls_token").broadcast(new Shape(b, 1, d)); // its positional embedding is zero
        NDArray x = NDArrays2.concat1(cls, tokens);
        for (int i = 0; i < config.size().encoderDepth(); i++) {
            String pre = ParameterSpec.encoderBlock(i);
            NDArray h = layerNorm(x, pre + "ln_1", ENCODER_LN_EPS, d);
            h = attention(h, p(pre + "self_attention.in_proj_weight"), p(pre + "self_attention.in_proj_bias"),
                    p(pre + "self_attention.out_proj.weight"), p(pre + "self_attention.out_proj.bias"),
                    config.size().encoderHeads(), encoderScale, null);
            x = x.add(h);
            NDArray y = layerNorm(x, pre + "ln_2", ENCODER_LN_EPS, d);
            y = Linear.linear(y, p(pre + "mlp.0.weight"), p(pre + "mlp.0.bias")).singletonOrThrow();
            y = Activation.gelu(y);
            y = Linear.linear(y, p(pre + "mlp.3.weight"), p(pre + "mlp.3.bias")).singletonOrThrow();
            x = x.add(y);
        }
        return layerNorm(x, "encoder.ln", ENCODER_LN_EPS, d);
    }

    private NDArray layerNorm(NDArray x, String prefix, float eps, int dim) {
        return LayerNorm.layerNorm(x, new Shape(dim), p(prefix + ".weight"), p(prefix + ".bias"), eps).singletonOrThrow();
    }

    /** Multi-head self-attention; {@code bias} {@code [H, L, L]} is added to the scores when given. */
    private static NDArray attention(NDArray x, NDArray qkvWeight, NDArray qkvBias, NDArray outWeight, NDArray outBias,
                                     int heads, NDArray scale, NDArray bias) {
        Shape shape = x.getShape();
        long b = shape.get(0);
        long l = shape.get(1);
        long d = shape.get(2);
        long hd = d / heads;
        NDArray qkv = Linear.linear(x, qkvWeight, qkvBias).singletonOrThrow()
                .reshape(b, l, 3, heads, hd).transpose(2, 0, 3, 1, 4);
        NDArray q = qkv.get(0).mul(scale);
        NDArray k = qkv.get(1);
        NDArray v = qkv.get(2);
        NDArray scores = q.matMul(k.transpose(0, 1, 3, 2));
        if (bias != null) {
            scores = scores.add(bias);
        }
        NDArray out = scores.softmax(3).matMul(v).transpose(0, 2, 1, 3).reshape(b, l, d);
        return Linear.linear(out, outWeight, outBias).singletonOrThrow();
    }

    /** The decoder's per-head additive attention bias of one block: {@code [H, N, N]}. */
    private NDArray windowBias(int block) {
        String pre = ParameterSpec.decoderBlock(block);
        NDList tables = new NDList();
        List<Integer> windows = config.masking().decoderWindows();
        for (int h = 0; h < windows.size(); h++) {
            if (windows.get(h) > 0) {
                tables.add(p(pre + "wmha.attn_heads." + h + ".relative_position_bias_table").reshape(-1));
            }
        }
        tables.add(zero1);
        int n = config.masking().patchCount();
        NDArray all = ai.djl.ndarray.NDArrays.concat(tables, 0);
        return all.gather(windowIndex, 0).reshape(windows.size(), n, n).add(windowMask);
    }

    /**
     * The masked-reconstruction loss of a batch (call inside a gradient collector and an NDScope):
     * MSE between predicted and true patch values over the masked patches only, times the number of
     * feature channels, as in the reference.
     *
     * @param patches  {@code B × N × P} normalised patch values ({@link org.nathear.gram.frontend.Crops#patchify})
     * @param visible  per crop, the indices of the visible patches (all crops the same count)
     * @param masked   per crop, the indices of the masked patches
     */
    public NDArray loss(float[] patches, int batch, int[][] visible, int[][] masked) {
        if (encoderOnly) {
            throw new ModelException("This GRAM network was loaded for embedding only; load the full checkpoint to train");
        }
        int n = config.masking().patchCount();
        int pv = config.patchValues();
        int d = config.size().encoderDim();
        int dd = config.size().decoderDim();
        int nv = visible[0].length;
        int nm = masked[0].length;
        if (nv + nm != n || visible.length != batch || masked.length != batch || patches.length != (long) batch * n * pv) {
            throw new ModelException("Bad training batch for " + config.label() + ": " + batch + " crops, " + nv
                    + " visible + " + nm + " masked of " + n + " patches, " + patches.length + " patch values");
        }
        long[] vis = new long[batch * nv];
        long[] msk = new long[batch * nm];
        long[] restore = new long[batch * n];
        for (int b = 0; b < batch; b++) {
            for (int j = 0; j < nv; j++) {
                vis[b * nv + j] = visible[b][j];
                restore[b * n + visible[b][j]] = j;
            }
            for (int j = 0; j < nm; j++) {
                msk[b * nm + j] = masked[b][j];
                restore[b * n + masked[b][j]] = nv + j;
            }
        }
        NDArray x = manager.create(patches, new Shape(batch, n, pv));
        NDArray visIdx = manager.create(vis, new Shape(batch, nv, 1));
        NDArray mskIdx = manager.create(msk, new Shape(batch, nm, 1));
        NDArray restoreIdx = manager.create(restore, new Shape(batch, n, 1));

        NDArray tokens = embedPatches(x);
        NDArray visibleTokens = tokens.gather(visIdx.broadcast(new Shape(batch, nv, d)), 1);
        NDArray encoded = encoder(visibleTokens);
        NDArray dec = Linear.linear(encoded.get(":, 1:, :"), p("decoder_embed.weight"), p("decoder_embed.bias"))
                .singletonOrThrow();
        NDArray maskTokens = p("mask_token").broadcast(new Shape(batch, nm, dd));
        NDArray full = NDArrays2.concat1(dec, maskTokens).gather(restoreIdx.broadcast(new Shape(batch, n, dd)), 1);
        NDArray y = full.add(decoderPos);
        for (int i = 0; i < config.size().decoderDepth(); i++) {
            String pre = ParameterSpec.decoderBlock(i);
            NDArray h = layerNorm(y, pre + "norm1", DECODER_LN_EPS, dd);
            h = attention(h, p(pre + "wmha.qkv.weight"), p(pre + "wmha.qkv.bias"), p(pre + "wmha.proj.weight"),
                    p(pre + "wmha.proj.bias"), GramSize.DECODER_HEADS, decoderScale, windowBias(i));
            y = y.add(h);
            NDArray z = layerNorm(y, pre + "norm2", DECODER_LN_EPS, dd);
            z = Linear.linear(z, p(pre + "mlp.fc1.weight"), p(pre + "mlp.fc1.bias")).singletonOrThrow();
            z = Activation.gelu(z);
            z = Linear.linear(z, p(pre + "mlp.fc2.weight"), p(pre + "mlp.fc2.bias")).singletonOrThrow();
            y = y.add(z);
        }
        y = layerNorm(y, "decoder_norm", DECODER_LN_EPS, dd);
        NDArray pred = Linear.linear(y, p("spec_pred.0.weight"), p("spec_pred.0.bias")).singletonOrThrow();
        Shape gatherShape = new Shape(batch, nm, pv);
        NDArray predMasked = pred.gather(mskIdx.broadcast(gatherShape), 1);
        NDArray target = x.gather(mskIdx.broadcast(gatherShape), 1);
        return predMasked.sub(target).square().mean().mul(lossWeight);
    }

    /** Encoder outputs of unmasked crops. */
    public record Encoded(float[] tokens, float[] cls, int batch, int patches, int dim) {
        /** Token {@code n} of crop {@code b}, offset into {@link #tokens}. */
        public int tokenOffset(int b, int n) {
            return (b * patches + n) * dim;
        }
    }

    /**
     * Encodes whole crops without masking: per crop the {@code N} patch tokens (frequency-major) and
     * the CLS token after the final LayerNorm.
     */
    public Encoded encode(float[] patches, int batch) {
        int n = config.masking().patchCount();
        int pv = config.patchValues();
        int d = config.size().encoderDim();
        if (patches.length != (long) batch * n * pv) {
            throw new ModelException("encode() got " + patches.length + " patch values; expected " + batch + " × " + n
                    + " × " + pv + " for " + config.label());
        }
        NDArray x = manager.create(patches, new Shape(batch, n, pv));
        NDArray out = encoder(embedPatches(x));
        float[] all = out.toType(DataType.FLOAT32, false).toFloatArray();
        float[] cls = new float[batch * d];
        float[] tokens = new float[batch * n * d];
        for (int b = 0; b < batch; b++) {
            int base = b * (n + 1) * d;
            System.arraycopy(all, base, cls, b * d, d);
            System.arraycopy(all, base + d, tokens, b * n * d, n * d);
        }
        return new Encoded(tokens, cls, batch, n, d);
    }

    @Override
    public void close() {
        manager.close();
    }
}
