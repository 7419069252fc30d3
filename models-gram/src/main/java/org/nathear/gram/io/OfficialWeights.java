package org.nathear.gram.io;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.nathear.api.ModelException;
import org.nathear.gram.GramConfig;
import org.nathear.gram.GramMasking;
import org.nathear.gram.GramSize;
import org.nathear.gram.GramVariant;
import org.nathear.gram.model.ParameterSpec;
import org.nathear.gram.model.SinCos;

/**
 * Imports the GRAM authors' published weights (the {@code model.safetensors} of their Hugging Face
 * repositories, e.g. {@code labhamlet/gramt-binaural}; a state dict of their {@code GRAMT} module,
 * possibly under a prefix such as {@code model.}) into nathear's network.
 *
 * <p>The mapping: nathear's parameter names are the reference's state-dict keys
 * ({@link ParameterSpec}), so after stripping the prefix (everything before {@code cls_token}) each
 * parameter maps by name; shapes must match exactly. The network's shape is read from the file:
 * encoder width from {@code cls_token}, depths from the block counts, feature channels and patch size
 * from {@code patch_embed.proj.weight} (must agree with the requested variant and masking), decoder
 * width from {@code decoder_embed.weight}. The head count cannot be read from weights: shapes that
 * match a known size ({@link GramSize#BASE} etc.) take its heads, others width / 64 (ViT's head width). Buffers are not
 * parameters and are checked or ignored: the fixed positional embeddings
 * ({@code encoder.pos_embedding}, {@code decoder_pos_embed}) must equal nathear's sin-cos tables,
 * {@code relative_position_index} and the front end's buffers ({@code melspec.*}) are ignored. The
 * mask token, a buffer in GRAM-T, is imported as the parameter it is in nathear.
 */
public final class OfficialWeights {
    private static final Pattern ENCODER_LAYER = Pattern.compile("^encoder\\.layers\\.encoder_layer_(\\d+)\\.");
    private static final Pattern DECODER_BLOCK = Pattern.compile("^decoder_blocks\\.(\\d+)\\.");

    /** An imported network: its config, parameters (encoder side always, decoder when present), what was ignored. */
    public record Imported(GramConfig config, Map<String, Tensor> tensors, boolean hasDecoder, String prefix, List<String> ignored) {
    }

    private OfficialWeights() {
    }

    /** The network config of a file, from its header only (cheap: no tensor is read). */
    public static GramConfig config(Path file, GramVariant variant, GramMasking masking) {
        try (SafeTensors.Reader r = SafeTensors.open(file)) {
            String prefix = prefix(file, r);
            Map<String, SafeTensors.Entry> byName = new LinkedHashMap<>();
            for (SafeTensors.Entry e : r.entries().values()) {
                if (e.name().startsWith(prefix)) {
                    byName.put(e.name().substring(prefix.length()), e);
                }
            }
            return inferConfig(file, byName, variant, masking);
        }
    }

    private static String prefix(Path file, SafeTensors.Reader r) {
        for (String name : r.entries().keySet()) {
            if (name.equals("cls_token") || name.endsWith(".cls_token")) {
                return name.substring(0, name.length() - "cls_token".length());
            }
        }
        throw new ModelException("Safetensors file " + file + " has no 'cls_token' tensor: it is not a GRAM-T state dict "
                + "(keys start with " + first(r.entries().keySet()) + ")");
    }

    /** Reads and maps a file; the variant and masking it must hold are given by the caller. */
    public static Imported read(Path file, GramVariant variant, GramMasking masking) {
        try (SafeTensors.Reader r = SafeTensors.open(file)) {
            String prefix = prefix(file, r);
            Map<String, SafeTensors.Entry> byName = new LinkedHashMap<>();
            for (SafeTensors.Entry e : r.entries().values()) {
                if (e.name().startsWith(prefix)) {
                    byName.put(e.name().substring(prefix.length()), e);
                }
            }
            GramConfig config = inferConfig(file, byName, variant, masking);
            Map<String, Tensor> tensors = new LinkedHashMap<>();
            boolean hasDecoder = byName.containsKey("decoder_embed.weight");
            TreeSet<String> used = new TreeSet<>();
            for (ParameterSpec spec : ParameterSpec.all(config)) {
                if (!spec.isEncoderSide() && !hasDecoder) {
                    continue;
                }
                SafeTensors.Entry e = byName.get(spec.name());
                if (e == null) {
                    java.util.Set<String> known = new java.util.HashSet<>();
                    ParameterSpec.all(config).forEach(ps -> known.add(ps.name()));
                    List<String> unexpected = unexpected(r, prefix, known);
                    throw new ModelException("GRAM weights " + file + " lack '" + prefix + spec.name() + "', needed by a "
                            + config.label() + " network" + (unexpected.isEmpty() ? "" : "; unexpected tensors (an unknown layout?): "
                            + unexpected.stream().limit(20).toList() + (unexpected.size() > 20 ? " ..." : "")));
                }
                Tensor t = r.read(prefix + spec.name());
                if (!java.util.Arrays.equals(t.shape(), spec.shape())) {
                    throw new ModelException("GRAM weight '" + prefix + spec.name() + "' in " + file + " has shape " + t.shapeText()
                            + "; a " + config.label() + " network needs " + java.util.Arrays.toString(spec.shape()));
                }
                tensors.put(spec.name(), new Tensor(spec.name(), spec.shape(), t.values()));
                used.add(spec.name());
            }
            checkPositions(file, r, prefix, byName, config);
            List<String> unexpected = unexpected(r, prefix, used);
            List<String> ignored = new ArrayList<>();
            for (String name : r.entries().keySet()) {
                boolean prefixed = name.startsWith(prefix);
                String k = prefixed ? name.substring(prefix.length()) : name;
                if (!(prefixed && used.contains(k)) && !unexpected.contains(name)) {
                    ignored.add(k); // without the prefix (the wrapper's own buffers have none)
                }
            }
            if (!unexpected.isEmpty()) {
                throw new ModelException("GRAM weights " + file + " hold " + unexpected.size() + " tensor(s) that are not part of a "
                        + config.label() + " GRAM-T state dict (an unknown layout, e.g. another library's key names): "
                        + unexpected.stream().limit(20).toList() + (unexpected.size() > 20 ? " ..." : "")
                        + "; known layouts: the GRAMT module's state dict (a Lightning checkpoint's 'state_dict'), under any prefix "
                        + "such as 'model.' (the authors' RuntimeGRAMT / Hugging Face HubMixin model.safetensors)");
            }
            return new Imported(config, tensors, hasDecoder, prefix, ignored);
        }
    }

    /** Tensors that are neither in {@code used} nor a known buffer of the authors' modules. */
    private static List<String> unexpected(SafeTensors.Reader r, String prefix, java.util.Set<String> used) {
        List<String> out = new ArrayList<>();
        for (String name : r.entries().keySet()) {
            boolean prefixed = name.startsWith(prefix);
            String k = prefixed ? name.substring(prefix.length()) : name;
            if (prefixed ? !used.contains(k) && !isKnownBuffer(k) : !k.startsWith("mel_spec.")) {
                out.add(name);
            }
        }
        return out;
    }

    /** Buffers of the authors' modules that carry no trained value nathear needs (checked or rebuilt). */
    private static boolean isKnownBuffer(String key) {
        return key.equals("encoder.pos_embedding") || key.equals("decoder_pos_embed") || key.endsWith(".relative_position_index")
                || key.startsWith("melspec.");
    }

    private static GramConfig inferConfig(Path file, Map<String, SafeTensors.Entry> byName, GramVariant variant, GramMasking masking) {
        SafeTensors.Entry cls = byName.get("cls_token");
        SafeTensors.Entry patch = byName.get("patch_embed.proj.weight");
        if (patch == null || patch.shape().length != 4) {
            throw new ModelException("GRAM weights " + file + " lack a 4-D 'patch_embed.proj.weight'");
        }
        int d = (int) cls.shape()[cls.shape().length - 1];
        long channels = patch.shape()[1];
        long pf = patch.shape()[2];
        long pt = patch.shape()[3];
        if (channels != variant.featureChannels()) {
            throw new ModelException("GRAM weights " + file + " take " + channels + " feature channel(s); GRAM-" + variant.id()
                    + " takes " + variant.featureChannels() + " (binaural 2, ambisonics 7, clean/mono 1)");
        }
        if (pf != masking.patchFrequencyBins() || pt != masking.patchFrames()) {
            throw new ModelException("GRAM weights " + file + " use " + pf + "x" + pt + " patches; " + masking.id() + " masking uses "
                    + masking.patchFrequencyBins() + "x" + masking.patchFrames());
        }
        int encDepth = count(byName, ENCODER_LAYER);
        int decDepth = count(byName, DECODER_BLOCK);
        SafeTensors.Entry decEmbed = byName.get("decoder_embed.weight");
        int dd = decEmbed == null ? 8 * 64 : (int) decEmbed.shape()[0];
        if (encDepth == 0) {
            throw new ModelException("GRAM weights " + file + " hold no encoder layers (encoder.layers.encoder_layer_N.*)");
        }
        int decoderDepth = Math.max(1, decDepth);
        for (GramSize known : List.of(GramSize.BASE, GramSize.SMALL, GramSize.TINY)) {
            if (known.encoderDim() == d && known.encoderDepth() == encDepth && known.decoderDim() == dd
                    && known.decoderDepth() == decoderDepth) {
                return GramConfig.of(variant, masking, known);
            }
        }
        // head count cannot be read from the weights ([3D, D] either way): ViT's 64-wide heads
        GramSize size = new GramSize(String.format(Locale.ROOT, "imported-%dx%d", d, encDepth), d, encDepth, Math.max(1, d / 64), dd,
                decoderDepth);
        return GramConfig.of(variant, masking, size);
    }

    private static int count(Map<String, SafeTensors.Entry> byName, Pattern p) {
        int max = -1;
        for (String k : byName.keySet()) {
            Matcher m = p.matcher(k);
            if (m.find()) {
                max = Math.max(max, Integer.parseInt(m.group(1)));
            }
        }
        return max + 1;
    }

    private static void checkPositions(Path file, SafeTensors.Reader r, String prefix, Map<String, SafeTensors.Entry> byName,
                                       GramConfig config) {
        GramMasking m = config.masking();
        int n = m.patchCount();
        if (byName.containsKey("encoder.pos_embedding")) {
            float[] found = r.read(prefix + "encoder.pos_embedding").values();
            float[] mine = SinCos.embedding(config.size().encoderDim(), m.frequencyPatches(), m.timePatches());
            int d = config.size().encoderDim();
            if (found.length != (n + 1) * d) {
                throw new ModelException("encoder.pos_embedding in " + file + " has " + found.length + " values; expected (1 + " + n
                        + ") x " + d);
            }
            compare(file, "encoder.pos_embedding", found, d, mine);
        }
        if (byName.containsKey("decoder_pos_embed")) {
            float[] found = r.read(prefix + "decoder_pos_embed").values();
            int dd = config.size().decoderDim();
            float[] mine = SinCos.embedding(dd, m.frequencyPatches(), m.timePatches());
            if (found.length == mine.length) {
                compare(file, "decoder_pos_embed", found, 0, mine);
            }
        }
    }

    private static void compare(Path file, String name, float[] found, int skip, float[] mine) {
        double worst = 0;
        for (int i = 0; i < mine.length; i++) {
            worst = Math.max(worst, Math.abs(found[skip + i] - mine[i]));
        }
        if (worst > 1e-4) {
            throw new ModelException("Positional embedding '" + name + "' in " + file + " differs from the fixed 2-D sin-cos table by "
                    + worst + "; nathear's network uses the fixed table and would compute something else");
        }
    }

    private static String first(java.util.Set<String> names) {
        return names.stream().limit(3).toList().toString();
    }
}
