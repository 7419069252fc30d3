package org.nathear.gram.io;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nathear.api.ModelException;
import org.nathear.api.util.Hashing;
import org.nathear.gram.GramConfig;
import org.nathear.gram.GramMasking;
import org.nathear.gram.GramSize;
import org.nathear.gram.GramVariant;

/**
 * nathear's GRAM checkpoints: a safetensors file whose tensors are the network's parameters under
 * the reference state-dict names (plus, for a training checkpoint, the optimiser moments
 * {@code optim.exp_avg.*} / {@code optim.exp_avg_sq.*}), and whose {@code __metadata__} entry
 * {@value #METADATA_KEY} is a JSON description: format, variant, masking, size, log offset, kind
 * ({@code training} or {@code weights}), optimiser step, and how it was trained.
 */
public final class GramCheckpoint {
    /** The metadata key holding the JSON description. */
    public static final String METADATA_KEY = "nathear.gram";
    /** The format id in the description. */
    public static final String FORMAT = "nathear-gram/1";
    /** Kind of a checkpoint that can resume training (weights and optimiser state). */
    public static final String KIND_TRAINING = "training";
    /** Kind of a weights-only checkpoint (for embedding; smaller). */
    public static final String KIND_WEIGHTS = "weights";

    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * What a checkpoint is.
     *
     * @param config    network config
     * @param kind      {@link #KIND_TRAINING} or {@link #KIND_WEIGHTS}
     * @param step      optimiser steps taken
     * @param training  how it was trained (options, corpus, command), free-form JSON; may be empty
     */
    public record Description(GramConfig config, String kind, long step, JsonNode training) {
        public Description {
            if (!KIND_TRAINING.equals(kind) && !KIND_WEIGHTS.equals(kind)) {
                throw new ModelException("Checkpoint kind must be '" + KIND_TRAINING + "' or '" + KIND_WEIGHTS + "'; got " + kind);
            }
            training = training == null ? JSON.createObjectNode() : training.deepCopy();
        }
    }

    private GramCheckpoint() {
    }

    /** Writes a checkpoint atomically. */
    public static void save(Path file, Description description, List<Tensor> weights, List<Tensor> optimiserState) {
        List<Tensor> all = new ArrayList<>(weights);
        if (optimiserState != null) {
            all.addAll(optimiserState);
        }
        Map<String, String> meta = new LinkedHashMap<>();
        meta.put(METADATA_KEY, describe(description));
        meta.put("format", "pt"); // lets Hugging Face tools open the file as PyTorch weights
        SafeTensors.write(file, all, meta);
    }

    /** The JSON text of a description. */
    public static String describe(Description d) {
        ObjectNode root = JSON.createObjectNode();
        root.put("format", FORMAT);
        root.put("variant", d.config().variant().id());
        root.put("masking", d.config().masking().id());
        ObjectNode size = root.putObject("size");
        GramSize s = d.config().size();
        size.put("name", s.name());
        size.put("encoderDim", s.encoderDim());
        size.put("encoderDepth", s.encoderDepth());
        size.put("encoderHeads", s.encoderHeads());
        size.put("decoderDim", s.decoderDim());
        size.put("decoderDepth", s.decoderDepth());
        root.put("logEpsilon", d.config().logEpsilon());
        root.put("kind", d.kind());
        root.put("step", d.step());
        root.set("training", d.training());
        try {
            return JSON.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new ModelException("Cannot encode checkpoint description: " + e, e);
        }
    }

    /** Reads the description of an open checkpoint; a file without one is not a nathear GRAM checkpoint. */
    public static Description description(SafeTensors.Reader reader) {
        String text = reader.metadata().get(METADATA_KEY);
        if (text == null) {
            throw new ModelException("File " + reader.file() + " is a safetensors file but not a nathear GRAM checkpoint (no '"
                    + METADATA_KEY + "' metadata); to load the GRAM authors' weights use OfficialWeights / the "
                    + "'official' option");
        }
        try {
            JsonNode root = JSON.readTree(text);
            if (!FORMAT.equals(root.path("format").asText())) {
                throw new ModelException("Checkpoint " + reader.file() + " has format '" + root.path("format").asText()
                        + "'; this nathear reads '" + FORMAT + "'");
            }
            JsonNode size = root.path("size");
            GramSize s = new GramSize(size.path("name").asText(), size.path("encoderDim").asInt(), size.path("encoderDepth").asInt(),
                    size.path("encoderHeads").asInt(), size.path("decoderDim").asInt(), size.path("decoderDepth").asInt());
            GramConfig config = new GramConfig(GramVariant.parse(root.path("variant").asText()),
                    GramMasking.parse(root.path("masking").asText()), s, root.path("logEpsilon").asDouble());
            return new Description(config, root.path("kind").asText(), root.path("step").asLong(), root.path("training"));
        } catch (IOException | RuntimeException e) {
            if (e instanceof ModelException me) {
                throw me;
            }
            throw new ModelException("Checkpoint " + reader.file() + " has an unreadable '" + METADATA_KEY + "' description: " + e, e);
        }
    }

    /**
     * Checks that a checkpoint's network matches what a caller expects (variant, masking and, when
     * {@code size} is not null, the exact size), with a message that says what differs.
     */
    public static void requireCompatible(Path file, GramConfig found, GramVariant variant, GramMasking masking, GramSize size) {
        List<String> diffs = new ArrayList<>();
        if (found.variant() != variant) {
            diffs.add("variant " + found.variant().id() + " (expected " + variant.id() + ")");
        }
        if (found.masking() != masking) {
            diffs.add("masking " + found.masking().id() + " (expected " + masking.id() + ")");
        }
        if (size != null && !sameShape(found.size(), size)) {
            diffs.add("size " + found.size() + " (expected " + size + ")");
        }
        if (!diffs.isEmpty()) {
            throw new ModelException("Checkpoint " + file + " holds a GRAM network of another kind: " + String.join(", ", diffs));
        }
    }

    /** True when two sizes have the same shapes (names may differ). */
    public static boolean sameShape(GramSize a, GramSize b) {
        return a.encoderDim() == b.encoderDim() && a.encoderDepth() == b.encoderDepth() && a.encoderHeads() == b.encoderHeads()
                && a.decoderDim() == b.decoderDim() && a.decoderDepth() == b.decoderDepth();
    }

    /** SHA-256 (hex) of a file's bytes; a file that cannot be read is a {@link ModelException} naming it. */
    public static String sha256(Path file) {
        try {
            return Hashing.sha256(file);
        } catch (IOException e) {
            throw new ModelException("Cannot read " + file + " to hash it: " + e, e);
        }
    }
}
