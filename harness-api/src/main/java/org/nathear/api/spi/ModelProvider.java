package org.nathear.api.spi;

import java.util.List;

/**
 * A source of models that are not Java classes of their own: model folders (an ONNX file with a
 * descriptor, for example), found with {@link java.util.ServiceLoader} (list the class in
 * {@code META-INF/services/org.nathear.api.spi.ModelProvider}).
 *
 * <p>A provider answers for one scheme: the user names a model of this kind with
 * {@code --models SCHEME:PATH}, or puts its folder in a models folder ({@code --models-dir}).
 * Discovery must be cheap: read small descriptor files at most, never weights or native code.
 * A folder whose descriptor cannot be read is returned as a {@link DiscoveredModel} with an error
 * (it is listed, and its cells fail with that error) rather than stopping discovery.
 */
public interface ModelProvider {

    /** The scheme of {@code --models SCHEME:PATH}, e.g. {@code onnx}; lower case letters, digits and dashes. */
    String scheme();

    /**
     * The models at the paths the user named with this scheme and in the models folders. The
     * {@link DiscoveredModel#origin()} of a model at a named path must be that path made absolute
     * and normalised ({@code path.toAbsolutePath().normalize().toString()}): the runner resolves
     * {@code SCHEME:PATH} to the model through it.
     *
     * @throws org.nathear.api.ConfigurationException when a path named with this scheme is not a
     *         model of this kind at all (it does not exist, or holds no descriptor)
     */
    List<DiscoveredModel> models(ModelDiscoveryContext context);
}
