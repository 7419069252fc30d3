package org.nathear.baselines.onnx;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.nathear.api.ConfigurationException;
import org.nathear.api.HarnessException;
import org.nathear.api.spi.DiscoveredModel;
import org.nathear.api.spi.ModelDiscoveryContext;
import org.nathear.api.spi.ModelProvider;

/**
 * ONNX model folders: those named with {@code --models onnx:PATH}, and every sub-folder of a models
 * folder ({@code --models-dir}) that holds {@code model.onnx} or an ONNX descriptor
 * ({@code model.json} with {@code "schema": "nathear.onnx-model/1"}). Reads descriptors only.
 */
public final class OnnxModelProvider implements ModelProvider {
    public static final String SCHEME = "onnx";

    @Override
    public String scheme() {
        return SCHEME;
    }

    @Override
    public List<DiscoveredModel> models(ModelDiscoveryContext context) {
        Set<Path> folders = new LinkedHashSet<>();
        for (Path path : context.paths()) {
            Path dir = path.toAbsolutePath().normalize();
            if (!Files.isDirectory(dir)) {
                throw new ConfigurationException(SCHEME + ":" + path + " is not a folder; an ONNX model folder holds "
                        + OnnxModelDescriptor.MODEL_FILE + " and " + OnnxModelDescriptor.DESCRIPTOR_FILE);
            }
            if (!Files.isRegularFile(dir.resolve(OnnxModelDescriptor.DESCRIPTOR_FILE))
                    && !Files.isRegularFile(dir.resolve(OnnxModelDescriptor.MODEL_FILE))) {
                throw new ConfigurationException(SCHEME + ":" + path + " holds neither " + OnnxModelDescriptor.MODEL_FILE
                        + " nor " + OnnxModelDescriptor.DESCRIPTOR_FILE + "; is it the model folder itself?");
            }
            folders.add(dir);
        }
        for (Path modelsDir : context.modelsDirs()) {
            if (!Files.isDirectory(modelsDir)) {
                throw new ConfigurationException("Models folder " + modelsDir + " does not exist or is not a folder");
            }
            try (Stream<Path> entries = Files.list(modelsDir)) {
                for (Path dir : entries.filter(Files::isDirectory).sorted().toList()) {
                    if (isOnnxFolder(dir)) {
                        folders.add(dir.toAbsolutePath().normalize());
                    }
                }
            } catch (IOException e) {
                throw new ConfigurationException("Cannot list models folder " + modelsDir + ": " + e, e);
            }
        }
        List<DiscoveredModel> out = new ArrayList<>();
        for (Path dir : folders) {
            out.add(discover(dir));
        }
        return out;
    }

    /** One folder as a usable model, or as a stand-in carrying the reason it is unusable. */
    public static DiscoveredModel discover(Path dir) {
        try {
            return new DiscoveredModel(OnnxModelPlugin.load(dir), dir.toString(), null);
        } catch (HarnessException e) {
            return new DiscoveredModel(new BrokenOnnxModel(dir, e.getMessage()), dir.toString(), e.getMessage());
        }
    }

    private static boolean isOnnxFolder(Path dir) {
        if (Files.isRegularFile(dir.resolve(OnnxModelDescriptor.MODEL_FILE))) {
            return true;
        }
        Path json = dir.resolve(OnnxModelDescriptor.DESCRIPTOR_FILE);
        if (!Files.isRegularFile(json)) {
            return false;
        }
        try {
            JsonNode schema = new ObjectMapper().readTree(Files.readString(json)).get("schema");
            return schema != null && OnnxModelDescriptor.SCHEMA.equals(schema.asText());
        } catch (IOException | RuntimeException e) {
            return false; // not JSON we recognise: another provider's folder, or not a model at all
        }
    }
}
