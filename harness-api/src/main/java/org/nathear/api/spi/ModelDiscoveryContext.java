package org.nathear.api.spi;

import java.nio.file.Path;
import java.util.List;

/**
 * What a {@link ModelProvider} may look at.
 *
 * @param paths       model paths the user named with the provider's scheme ({@code --models onnx:PATH}); may be empty
 * @param modelsDirs  folders whose sub-folders may hold models of any kind ({@code --models-dir}); may be empty
 */
public record ModelDiscoveryContext(List<Path> paths, List<Path> modelsDirs) {
    /** No model paths and no model folders: nothing beyond the providers' defaults. */
    public static final ModelDiscoveryContext NONE = new ModelDiscoveryContext(List.of(), List.of());

    /** Copies the lists. */
    public ModelDiscoveryContext {
        paths = List.copyOf(paths);
        modelsDirs = List.copyOf(modelsDirs);
    }
}
