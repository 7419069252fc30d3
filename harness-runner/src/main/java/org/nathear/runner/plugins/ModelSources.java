package org.nathear.runner.plugins;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Where models that are folders rather than classes come from: references {@code SCHEME:PATH}
 * the user named (e.g. {@code --models onnx:./my-model}) and models folders ({@code --models-dir})
 * whose sub-folders are offered to every {@link org.nathear.api.spi.ModelProvider}.
 *
 * @param references  {@code SCHEME:PATH} references, in the order given
 * @param modelsDirs  models folders
 */
public record ModelSources(List<String> references, List<Path> modelsDirs) {
    public static final ModelSources NONE = new ModelSources(List.of(), List.of());

    public ModelSources {
        references = List.copyOf(references);
        modelsDirs = List.copyOf(modelsDirs);
    }

    /** True for {@code SCHEME:PATH}; model ids never contain a colon. */
    public static boolean isReference(String idOrReference) {
        return idOrReference.indexOf(':') > 0;
    }

    /** The references among {@code --models} values (ids are left out), with the models folders. */
    public static ModelSources of(List<String> modelArgs, List<Path> modelsDirs) {
        List<String> refs = new ArrayList<>();
        for (String arg : modelArgs) {
            if (isReference(arg)) {
                refs.add(arg);
            }
        }
        return new ModelSources(refs, modelsDirs);
    }

    static String scheme(String reference) {
        return reference.substring(0, reference.indexOf(':'));
    }

    static Path path(String reference) {
        return Path.of(reference.substring(reference.indexOf(':') + 1)).toAbsolutePath().normalize();
    }
}
