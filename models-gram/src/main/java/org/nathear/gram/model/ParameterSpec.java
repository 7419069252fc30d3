package org.nathear.gram.model;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.nathear.gram.GramConfig;
import org.nathear.gram.GramSize;

/**
 * The trainable parameters of a GRAM network: names, shapes and initialisation, in a fixed order.
 *
 * <p>Names are the keys of the reference implementation's {@code state_dict} (GRAM-T: a torchvision
 * ViT encoder, MW-MAE decoder blocks), so the authors' checkpoints map onto them one to one (see
 * {@link org.nathear.gram.io.OfficialWeights}).
 *
 * @param name   state-dict key
 * @param shape  dimensions
 * @param init   how it is initialised
 */
public record ParameterSpec(String name, long[] shape, Init init) {

    /** Initialisations, as the reference does them. */
    public enum Init {
        /** Xavier/Glorot uniform over (fan_in = shape[last], fan_out = shape[0]) — every Linear weight. */
        XAVIER_UNIFORM,
        /** PyTorch's Conv2d default: uniform ±1/sqrt(fan_in) (kaiming_uniform with a = √5). */
        CONV_DEFAULT,
        /** Conv2d bias default: uniform ±1/sqrt(fan_in of the conv). */
        CONV_BIAS,
        ZEROS,
        ONES,
        /** Standard normal (the CLS token). */
        NORMAL_1,
        /** Normal with std 0.02 (the mask token). */
        NORMAL_002,
        /** Truncated normal, std 0.02, cut at ±2 (relative-position bias tables). */
        TRUNC_NORMAL_002
    }

    public ParameterSpec {
        shape = shape.clone();
    }

    /** Number of values. */
    public int size() {
        long n = 1;
        for (long d : shape) {
            n *= d;
        }
        return (int) n;
    }

    /** Encoder block prefix of the torchvision ViT encoder. */
    public static String encoderBlock(int i) {
        return "encoder.layers.encoder_layer_" + i + ".";
    }

    /** Decoder block prefix. */
    public static String decoderBlock(int i) {
        return "decoder_blocks." + i + ".";
    }

    /** Every trainable parameter of a network with this config, in a fixed order. */
    public static List<ParameterSpec> all(GramConfig config) {
        GramSize s = config.size();
        int d = s.encoderDim();
        int dd = s.decoderDim();
        int c = config.variant().featureChannels();
        int pf = config.masking().patchFrequencyBins();
        int pt = config.masking().patchFrames();
        List<ParameterSpec> out = new ArrayList<>();
        out.add(new ParameterSpec("patch_embed.proj.weight", new long[] {d, c, pf, pt}, Init.CONV_DEFAULT));
        out.add(new ParameterSpec("patch_embed.proj.bias", new long[] {d}, Init.CONV_BIAS));
        out.add(new ParameterSpec("cls_token", new long[] {1, 1, d}, Init.NORMAL_1));
        int hidden = GramSize.MLP_RATIO * d;
        for (int i = 0; i < s.encoderDepth(); i++) {
            String p = encoderBlock(i);
            out.add(new ParameterSpec(p + "ln_1.weight", new long[] {d}, Init.ONES));
            out.add(new ParameterSpec(p + "ln_1.bias", new long[] {d}, Init.ZEROS));
            out.add(new ParameterSpec(p + "self_attention.in_proj_weight", new long[] {3L * d, d}, Init.XAVIER_UNIFORM));
            out.add(new ParameterSpec(p + "self_attention.in_proj_bias", new long[] {3L * d}, Init.ZEROS));
            out.add(new ParameterSpec(p + "self_attention.out_proj.weight", new long[] {d, d}, Init.XAVIER_UNIFORM));
            out.add(new ParameterSpec(p + "self_attention.out_proj.bias", new long[] {d}, Init.ZEROS));
            out.add(new ParameterSpec(p + "ln_2.weight", new long[] {d}, Init.ONES));
            out.add(new ParameterSpec(p + "ln_2.bias", new long[] {d}, Init.ZEROS));
            out.add(new ParameterSpec(p + "mlp.0.weight", new long[] {hidden, d}, Init.XAVIER_UNIFORM));
            out.add(new ParameterSpec(p + "mlp.0.bias", new long[] {hidden}, Init.ZEROS));
            out.add(new ParameterSpec(p + "mlp.3.weight", new long[] {d, hidden}, Init.XAVIER_UNIFORM));
            out.add(new ParameterSpec(p + "mlp.3.bias", new long[] {d}, Init.ZEROS));
        }
        out.add(new ParameterSpec("encoder.ln.weight", new long[] {d}, Init.ONES));
        out.add(new ParameterSpec("encoder.ln.bias", new long[] {d}, Init.ZEROS));
        out.add(new ParameterSpec("decoder_embed.weight", new long[] {dd, d}, Init.XAVIER_UNIFORM));
        out.add(new ParameterSpec("decoder_embed.bias", new long[] {dd}, Init.ZEROS));
        out.add(new ParameterSpec("mask_token", new long[] {1, 1, dd}, Init.NORMAL_002));
        int dHidden = GramSize.MLP_RATIO * dd;
        List<Integer> windows = config.masking().decoderWindows();
        for (int i = 0; i < s.decoderDepth(); i++) {
            String p = decoderBlock(i);
            out.add(new ParameterSpec(p + "norm1.weight", new long[] {dd}, Init.ONES));
            out.add(new ParameterSpec(p + "norm1.bias", new long[] {dd}, Init.ZEROS));
            out.add(new ParameterSpec(p + "wmha.qkv.weight", new long[] {3L * dd, dd}, Init.XAVIER_UNIFORM));
            out.add(new ParameterSpec(p + "wmha.qkv.bias", new long[] {3L * dd}, Init.ZEROS));
            for (int h = 0; h < windows.size(); h++) {
                int w = windows.get(h);
                if (w > 0) {
                    out.add(new ParameterSpec(p + "wmha.attn_heads." + h + ".relative_position_bias_table",
                            new long[] {2L * w - 1, 1}, Init.TRUNC_NORMAL_002));
                }
            }
            out.add(new ParameterSpec(p + "wmha.proj.weight", new long[] {dd, dd}, Init.XAVIER_UNIFORM));
            out.add(new ParameterSpec(p + "wmha.proj.bias", new long[] {dd}, Init.ZEROS));
            out.add(new ParameterSpec(p + "norm2.weight", new long[] {dd}, Init.ONES));
            out.add(new ParameterSpec(p + "norm2.bias", new long[] {dd}, Init.ZEROS));
            out.add(new ParameterSpec(p + "mlp.fc1.weight", new long[] {dHidden, dd}, Init.XAVIER_UNIFORM));
            out.add(new ParameterSpec(p + "mlp.fc1.bias", new long[] {dHidden}, Init.ZEROS));
            out.add(new ParameterSpec(p + "mlp.fc2.weight", new long[] {dd, dHidden}, Init.XAVIER_UNIFORM));
            out.add(new ParameterSpec(p + "mlp.fc2.bias", new long[] {dd}, Init.ZEROS));
        }
        out.add(new ParameterSpec("decoder_norm.weight", new long[] {dd}, Init.ONES));
        out.add(new ParameterSpec("decoder_norm.bias", new long[] {dd}, Init.ZEROS));
        out.add(new ParameterSpec("spec_pred.0.weight", new long[] {config.patchValues(), dd}, Init.XAVIER_UNIFORM));
        out.add(new ParameterSpec("spec_pred.0.bias", new long[] {config.patchValues()}, Init.ZEROS));
        return Collections.unmodifiableList(out);
    }

    /** True for parameters of the encoder side (what embedding extraction needs). */
    public boolean isEncoderSide() {
        return name.startsWith("patch_embed.") || name.equals("cls_token") || name.startsWith("encoder.");
    }

    /** Values drawn for this parameter from {@code rng}, in row-major order. */
    public float[] initialValues(java.util.random.RandomGenerator rng) {
        int n = size();
        float[] v = new float[n];
        switch (init) {
            case ZEROS -> { }
            case ONES -> java.util.Arrays.fill(v, 1f);
            case XAVIER_UNIFORM -> {
                long fanOut = shape[0];
                long fanIn = n / fanOut;
                double bound = Math.sqrt(6.0 / (fanIn + fanOut));
                for (int i = 0; i < n; i++) {
                    v[i] = (float) ((rng.nextDouble() * 2 - 1) * bound);
                }
            }
            case CONV_DEFAULT, CONV_BIAS -> {
                // fan_in of the conv: channels × kernel; for the bias the same value is passed in shape terms
                long fanIn = init == Init.CONV_DEFAULT ? n / shape[0] : -1;
                if (fanIn < 0) {
                    throw new IllegalStateException("CONV_BIAS needs the conv's fan-in; use initialValues(rng, fanIn)");
                }
                double bound = 1.0 / Math.sqrt(fanIn);
                for (int i = 0; i < n; i++) {
                    v[i] = (float) ((rng.nextDouble() * 2 - 1) * bound);
                }
            }
            case NORMAL_1 -> {
                for (int i = 0; i < n; i++) {
                    v[i] = (float) rng.nextGaussian();
                }
            }
            case NORMAL_002 -> {
                for (int i = 0; i < n; i++) {
                    v[i] = (float) (0.02 * rng.nextGaussian());
                }
            }
            case TRUNC_NORMAL_002 -> {
                for (int i = 0; i < n; i++) {
                    double g;
                    do {
                        g = 0.02 * rng.nextGaussian();
                    } while (g < -2 || g > 2);
                    v[i] = (float) g;
                }
            }
        }
        return v;
    }

    /** Values for a conv bias whose conv has {@code fanIn} inputs per output. */
    public float[] convBiasValues(java.util.random.RandomGenerator rng, long fanIn) {
        float[] v = new float[size()];
        double bound = 1.0 / Math.sqrt(fanIn);
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) ((rng.nextDouble() * 2 - 1) * bound);
        }
        return v;
    }
}
