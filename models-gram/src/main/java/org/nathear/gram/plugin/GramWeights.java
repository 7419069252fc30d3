package org.nathear.gram.plugin;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.nathear.api.ConfigurationException;
import org.nathear.api.ModelException;
import org.nathear.api.util.Hashing;
import org.nathear.gram.GramConfig;
import org.nathear.gram.GramMasking;
import org.nathear.gram.GramVariant;
import org.nathear.gram.io.GramCheckpoint;
import org.nathear.gram.io.OfficialWeights;
import org.nathear.gram.io.SafeTensors;
import org.nathear.gram.io.Tensor;

/**
 * Where a GRAM plugin's weights come from: the checkpoint embedded in the jar, a nathear checkpoint
 * file, or the GRAM authors' safetensors file (told apart by the {@code nathear.gram} metadata).
 */
final class GramWeights {
    private GramWeights() {
    }

    /** Loaded encoder weights and what they are. */
    record Loaded(GramConfig config, Map<String, Tensor> tensors, String sha256, String source) {
    }

    static byte[] resource(String name) {
        try (InputStream in = GramWeights.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new ModelException("The embedded GRAM checkpoint " + name + " is missing from the class path; rebuild models-gram");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new ModelException("Cannot read the embedded GRAM checkpoint " + name + ": " + e, e);
        }
    }

    /** The config of a checkpoint file (header only). */
    static GramConfig configOf(Path file, GramVariant variant, GramMasking masking) {
        requireFile(file);
        boolean nathear;
        try (SafeTensors.Reader r = SafeTensors.open(file)) {
            nathear = r.metadata().containsKey(GramCheckpoint.METADATA_KEY);
            if (nathear) {
                GramConfig c = GramCheckpoint.description(r).config();
                GramCheckpoint.requireCompatible(file, c, variant, masking, null);
                return c;
            }
        }
        return OfficialWeights.config(file, variant, masking);
    }

    /** The config of the embedded checkpoint (header only). */
    static GramConfig configOf(byte[] bytes, String name, GramVariant variant, GramMasking masking) {
        try (SafeTensors.Reader r = SafeTensors.open(bytes, name)) {
            GramConfig c = GramCheckpoint.description(r).config();
            GramCheckpoint.requireCompatible(Path.of(name), c, variant, masking, null);
            return c;
        }
    }

    static Loaded load(Path file, GramVariant variant, GramMasking masking) {
        requireFile(file);
        String sha = GramCheckpoint.sha256(file);
        try (SafeTensors.Reader r = SafeTensors.open(file)) {
            if (r.metadata().containsKey(GramCheckpoint.METADATA_KEY)) {
                GramCheckpoint.Description d = GramCheckpoint.description(r);
                GramCheckpoint.requireCompatible(file, d.config(), variant, masking, null);
                return new Loaded(d.config(), r.readAll(n -> !n.startsWith("optim.")), sha, file.toString());
            }
        }
        OfficialWeights.Imported imp = OfficialWeights.read(file, variant, masking);
        return new Loaded(imp.config(), imp.tensors(), sha, file + " (GRAM authors' weights)");
    }

    static Loaded load(byte[] bytes, String name, GramVariant variant, GramMasking masking) {
        String sha = Hashing.sha256(bytes);
        try (SafeTensors.Reader r = SafeTensors.open(bytes, name)) {
            GramCheckpoint.Description d = GramCheckpoint.description(r);
            GramCheckpoint.requireCompatible(Path.of(name), d.config(), variant, masking, null);
            return new Loaded(d.config(), r.readAll(n -> !n.startsWith("optim.")), sha, "embedded " + name);
        }
    }

    private static void requireFile(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new ConfigurationException("GRAM checkpoint " + file + " does not exist or is not a file");
        }
    }
}
