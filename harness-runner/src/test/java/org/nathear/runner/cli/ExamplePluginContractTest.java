package org.nathear.runner.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.nathear.api.contract.ModelPluginContract;
import org.nathear.api.spi.ModelPlugin;
import org.nathear.api.spi.TaskDiscoveryContext;
import org.nathear.runner.plugins.PluginRegistry;

/**
 * The example external plugin ({@code examples/example-model-plugin}), compiled and jarred at test
 * time and loaded from a {@code --plugins} folder through its own class loader, passes the contract kit.
 */
class ExamplePluginContractTest implements ModelPluginContract {
    private static PluginRegistry registry;

    private static synchronized PluginRegistry registry() {
        if (registry == null) {
            registry = PluginRegistry.discover(List.of(ExamplePluginJar.pluginsDir()),
                    new TaskDiscoveryContext(List.of(), Path.of("target", "example-plugin-test", "data")), List.of("demo"));
        }
        return registry;
    }

    @Override
    public ModelPlugin createPlugin() {
        try {
            return registry().model(ExamplePluginJar.MODEL_ID).plugin().getClass().getDeclaredConstructor().newInstance();
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void theModelComesFromThePluginJarThroughItsOwnClassLoader() {
        PluginRegistry.ModelEntry entry = registry().model(ExamplePluginJar.MODEL_ID);
        assertTrue(entry.origin().endsWith("example-model-plugin-1.0.0.jar"), entry.origin());
        assertTrue(entry.plugin().getClass().getClassLoader().getName().startsWith("plugin:"),
                entry.plugin().getClass().getClassLoader().getName());
        assertEquals(28, entry.plugin().descriptor().sceneEmbeddingSize());
    }
}
