package org.nathear.baselines.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;
import org.nathear.api.contract.ModelPluginContract;
import org.nathear.api.spi.DiscoveredModel;
import org.nathear.api.spi.ModelDiscoveryContext;
import org.nathear.api.spi.ModelProvider;

/**
 * The contract kit for ONNX model folders. An ONNX model is not a class of its own listed in
 * {@code META-INF/services/org.nathear.api.spi.ModelPlugin}: it is found by the ONNX
 * {@link ModelProvider}. So the kit's service check becomes: the provider is a listed service and
 * finds this folder as this model. Every other check of the kit runs unchanged.
 */
interface OnnxContract extends ModelPluginContract {

    /** The model folder under test. */
    Path folder();

    @Override
    default OnnxModelPlugin createPlugin() {
        return OnnxModelPlugin.load(folder());
    }

    @Test
    @Override
    default void isListedAsAService() {
        List<ModelProvider> providers = ServiceLoader.load(ModelProvider.class, OnnxModelProvider.class.getClassLoader())
                .stream().map(ServiceLoader.Provider::get).filter(p -> p instanceof OnnxModelProvider).toList();
        assertEquals(1, providers.size(), "OnnxModelProvider must be listed in META-INF/services/" + ModelProvider.class.getName());
        List<DiscoveredModel> found = providers.get(0).models(new ModelDiscoveryContext(List.of(folder()), List.of()));
        assertEquals(1, found.size());
        assertTrue(found.get(0).error() == null, "folder must be usable: " + found.get(0).error());
        assertEquals(createPlugin().descriptor(), found.get(0).plugin().descriptor());
        assertEquals(folder().toAbsolutePath().normalize().toString(), found.get(0).origin());
    }
}
