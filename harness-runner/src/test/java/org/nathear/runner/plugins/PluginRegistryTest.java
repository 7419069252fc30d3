package org.nathear.runner.plugins;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nathear.api.ConfigurationException;
import org.nathear.api.PluginException;
import org.nathear.api.spi.TaskDiscoveryContext;

class PluginRegistryTest {
    @TempDir
    Path dir;

    private TaskDiscoveryContext context() {
        return new TaskDiscoveryContext(List.of(), dir.resolve("data"));
    }

    private Path pluginJar(String name, String... serviceLines) throws IOException {
        Path folder = dir.resolve("plugins-" + name);
        Files.createDirectories(folder);
        Path jar = folder.resolve(name + ".jar");
        try (OutputStream raw = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(raw)) {
            out.putNextEntry(new JarEntry("META-INF/services/org.nathear.api.spi.ModelPlugin"));
            out.write(String.join("\n", serviceLines).getBytes(StandardCharsets.UTF_8));
            out.closeEntry();
        }
        return folder;
    }

    @Test
    void findsTheBuiltInModelAndDemoTasksOnTheClassPath() {
        PluginRegistry registry = PluginRegistry.discover(List.of(), context(), List.of());
        assertTrue(registry.models().containsKey("hear-naive"), "models: " + registry.models().keySet());
        assertTrue(registry.tasks().keySet().stream().anyMatch(id -> id.startsWith("demo-")), "tasks: " + registry.tasks().keySet());
        assertTrue(registry.model("hear-naive").origin().contains("models-baselines"), registry.model("hear-naive").origin());
    }

    @Test
    void leavesOutExcludedTaskProviders() {
        PluginRegistry registry = PluginRegistry.discover(List.of(), context(), List.of("demo"));
        assertTrue(registry.tasks().keySet().stream().noneMatch(id -> id.startsWith("demo-")), "tasks: " + registry.tasks().keySet());
    }

    @Test
    void anUnknownModelIdListsTheAvailableOnes() {
        PluginRegistry registry = PluginRegistry.discover(List.of(), context(), List.of());
        PluginException e = assertThrows(PluginException.class, () -> registry.model("no-such-model"));
        assertTrue(e.getMessage().contains("no-such-model") && e.getMessage().contains("hear-naive")
                && e.getMessage().contains("--plugins"), e.getMessage());
    }

    @Test
    void anUnknownTaskIdListsTheAvailableOnes() {
        PluginRegistry registry = PluginRegistry.discover(List.of(), context(), List.of());
        PluginException e = assertThrows(PluginException.class, () -> registry.task("no-such-task"));
        assertTrue(e.getMessage().contains("demo-"), e.getMessage());
    }

    @Test
    void duplicateModelIdsAreFatalAndNameBothClasses() throws IOException {
        Path folder = pluginJar("twins", DuplicateModels.First.class.getName(), DuplicateModels.Second.class.getName());
        PluginException e = assertThrows(PluginException.class,
                () -> PluginRegistry.discover(List.of(folder), context(), List.of()));
        assertTrue(e.getMessage().contains("twin-model") && e.getMessage().contains("DuplicateModels$First")
                && e.getMessage().contains("DuplicateModels$Second"), e.getMessage());
    }

    @Test
    void jarsInPluginFoldersAddModelsWithoutOpeningThem() throws IOException {
        Path folder = pluginJar("one", DuplicateModels.First.class.getName());
        PluginRegistry registry = PluginRegistry.discover(List.of(folder), context(), List.of());
        assertEquals("twin-model", registry.model("twin-model").plugin().descriptor().id());
    }

    @Test
    void aMissingPluginFolderIsAConfigurationError() {
        ConfigurationException e = assertThrows(ConfigurationException.class,
                () -> PluginRegistry.discover(List.of(dir.resolve("absent")), context(), List.of()));
        assertTrue(e.getMessage().contains("absent"), e.getMessage());
    }
}
