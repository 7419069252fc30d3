package org.nathear.baselines.onnx;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;
import org.nathear.api.ChannelLayout;
import org.nathear.api.Ids;
import org.nathear.api.ModelDescriptor;
import org.nathear.api.ModelException;
import org.nathear.api.ModelOptions;
import org.nathear.api.spi.ModelPlugin;
import org.nathear.api.spi.OpenedModel;

/**
 * Stands in for an ONNX model folder whose descriptor cannot be used, so that the folder is listed
 * and a run fails that model's cells with the reason (naming the file and key) while the other
 * cells finish. Its id is the descriptor's {@code id} when that much is readable, else one made
 * from the folder name; {@link #open} and {@link #weightsSha256} throw the reason.
 */
final class BrokenOnnxModel implements ModelPlugin {
    private final Path folder;
    private final String error;
    private final ModelDescriptor descriptor;

    BrokenOnnxModel(Path folder, String error) {
        this.folder = folder;
        this.error = error;
        this.descriptor = new ModelDescriptor(guessId(folder), "unreadable", 16000, Set.of(ChannelLayout.MONO), 1, 1, 1.0,
                "unusable ONNX model folder: " + error);
    }

    @Override
    public ModelDescriptor descriptor() {
        return descriptor;
    }

    @Override
    public OpenedModel open(ModelOptions options) {
        throw failure();
    }

    @Override
    public String weightsSha256(ModelOptions options) {
        throw failure();
    }

    private ModelException failure() {
        return new ModelException("Model '" + descriptor.id() + "': ONNX model folder " + folder + " cannot be used: " + error);
    }

    /** The descriptor's id if it is readable and valid, else the folder name made into an id. */
    static String guessId(Path folder) {
        try {
            JsonNode id = new ObjectMapper().readTree(Files.readString(folder.resolve(OnnxModelDescriptor.DESCRIPTOR_FILE))).get("id");
            if (id != null && id.isTextual() && Ids.MODEL_ID.matcher(id.asText()).matches()) {
                return id.asText();
            }
        } catch (java.io.IOException | RuntimeException e) {
            // fall through to the folder name: the descriptor's problem is reported by the caller
        }
        String name = folder.getFileName() == null ? "" : folder.getFileName().toString().toLowerCase(Locale.ROOT);
        name = name.replaceAll("[^a-z0-9-]+", "-").replaceAll("^[^a-z]+", "");
        if (name.length() > 64) {
            name = name.substring(0, 64);
        }
        return Ids.MODEL_ID.matcher(name).matches() ? name : "onnx-model";
    }
}
