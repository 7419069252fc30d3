package org.nathear.runner.plugins;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.example.textlib.TextLib;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nathear.api.Ids;
import org.nathear.api.spi.ModelPlugin;
import org.nathear.api.spi.TaskDiscoveryContext;

/**
 * Plugin class loaders: a plugin's own dependencies win over the harness's (child first), nathear's
 * API is shared, and jars are loaded only from the plugin folders the user named.
 */
class PluginIsolationTest {
    @TempDir
    Path dir;

    private static final String SERVICES = "META-INF/services/" + ModelPlugin.class.getName();

    /** TextLib in another version: {@code version()} returns it, and {@code shout} exists only from 2.0 on. */
    private Path textLib(String version, Path jar) {
        return JarBuilder.jar(jar, Map.of("org.example.textlib.TextLib", """
                package org.example.textlib;
                public final class TextLib {
                    private TextLib() {
                    }
                    public static String version() {
                        return "%s";
                    }
                    public static String shout(String text) {
                        return text.toUpperCase(java.util.Locale.ROOT) + "!";
                    }
                }
                """.formatted(version)), null, Map.of(), List.of(), dir);
    }

    /** A model plugin whose description reports the TextLib it was linked against at run time. */
    private Path textLibPlugin(String id, Path jar, Path textLibJar) {
        String className = "org.example.plugin" + id.replace("-", "") + ".Model";
        return JarBuilder.jar(jar, Map.of(className, """
                package %s;
                import java.util.Set;
                import org.example.textlib.TextLib;
                import org.nathear.api.ChannelLayout;
                import org.nathear.api.ModelDescriptor;
                import org.nathear.api.ModelOptions;
                import org.nathear.api.spi.ModelPlugin;
                import org.nathear.api.spi.OpenedModel;
                public final class Model implements ModelPlugin {
                    @Override
                    public ModelDescriptor descriptor() {
                        return new ModelDescriptor("%s", "1", 16000, Set.of(ChannelLayout.MONO), 1, 1, 10.0,
                                "textlib " + TextLib.version() + " " + TextLib.shout("loaded"));
                    }
                    @Override
                    public OpenedModel open(ModelOptions options) {
                        throw new UnsupportedOperationException("not needed");
                    }
                }
                """.formatted(className.substring(0, className.lastIndexOf('.')), id)), null,
                Map.of(SERVICES, className + "\n"), List.of(textLibJar), dir);
    }

    private PluginRegistry discover(Path... pluginDirs) {
        return PluginRegistry.discover(List.of(pluginDirs), new TaskDiscoveryContext(List.of(), dir.resolve("data")), List.of("demo"));
    }

    @Test
    void aPluginFolderUsesItsOwnVersionOfALibraryThatTheHarnessAlsoHas() {
        Path plugins = dir.resolve("plugins");
        Path lib = textLib("2.0", plugins.resolve("textlib-plugin/textlib-2.0.jar"));
        textLibPlugin("textlib-model", plugins.resolve("textlib-plugin/textlib-model.jar"), lib);
        PluginRegistry registry = discover(plugins);
        PluginRegistry.ModelEntry entry = registry.model("textlib-model");
        assertEquals("textlib 2.0 LOADED!", entry.plugin().descriptor().description(), "the plugin links against its own TextLib 2.0");
        assertEquals("1.0", TextLib.version(), "the harness keeps its TextLib 1.0");
        assertTrue(entry.plugin().getClass().getClassLoader() instanceof PluginClassLoader);
        assertTrue(entry.origin().endsWith("textlib-model.jar"), entry.origin());
    }

    @Test
    void withParentFirstLoadingTheSamePluginWouldBreakOnTheHarnesssOlderLibrary() throws Exception {
        Path lib = textLib("2.0", dir.resolve("p/textlib-2.0.jar"));
        Path plugin = textLibPlugin("parent-first", dir.resolve("p/plugin.jar"), lib);
        try (URLClassLoader parentFirst = new URLClassLoader(new URL[] {plugin.toUri().toURL(), lib.toUri().toURL()},
                getClass().getClassLoader())) {
            ModelPlugin model = (ModelPlugin) parentFirst.loadClass("org.example.pluginparentfirst.Model")
                    .getDeclaredConstructor().newInstance();
            assertThrows(NoSuchMethodError.class, model::descriptor, "TextLib 1.0 from the harness lacks shout()");
        }
    }

    @Test
    void twoPluginsCarryTwoVersionsOfTheSameLibrary() {
        Path plugins = dir.resolve("plugins");
        textLibPlugin("model-two", plugins.resolve("two/model.jar"), textLib("2.0", plugins.resolve("two/textlib-2.0.jar")));
        textLibPlugin("model-three", plugins.resolve("three/model.jar"), textLib("3.1", plugins.resolve("three/textlib-3.1.jar")));
        PluginRegistry registry = discover(plugins);
        assertEquals("textlib 2.0 LOADED!", registry.model("model-two").plugin().descriptor().description());
        assertEquals("textlib 3.1 LOADED!", registry.model("model-three").plugin().descriptor().description());
    }

    @Test
    void nathearsApiIsAlwaysTheHarnesssEvenIfAPluginCarriesACopy() throws Exception {
        Path jar = JarBuilder.jar(dir.resolve("api-copy/fake-api.jar"), Map.of("org.nathear.api.Ids", """
                package org.nathear.api;
                public final class Ids {
                    public static final String FAKE = "a plugin's copy";
                }
                """), null, Map.of(), List.of(), dir);
        try (PluginClassLoader loader = new PluginClassLoader("test", new URL[] {jar.toUri().toURL()}, getClass().getClassLoader())) {
            assertSame(Ids.class, loader.loadClass("org.nathear.api.Ids"));
            assertSame(ModelPlugin.class, loader.loadClass(ModelPlugin.class.getName()));
        }
        assertTrue(PluginClassLoader.isShared("org.slf4j.Logger") && PluginClassLoader.isShared("java.util.List"));
        assertFalse(PluginClassLoader.isShared("org.nathear.baselines.HearNaiveModel"));
        assertFalse(PluginClassLoader.isShared("com.fasterxml.jackson.databind.ObjectMapper"));
    }

    @Test
    void jarsAreLoadedOnlyFromThePluginFoldersNamedAndTheirFirstLevelOfSubFolders() {
        Path plugins = dir.resolve("plugins");
        textLibPlugin("too-deep", plugins.resolve("a/b/too-deep.jar"), textLib("2.0", plugins.resolve("a/b/textlib-2.0.jar")));
        textLibPlugin("not-named", dir.resolve("elsewhere/p/not-named.jar"), textLib("2.0", dir.resolve("elsewhere/p/textlib-2.0.jar")));
        PluginRegistry registry = discover(plugins);
        assertFalse(registry.models().containsKey("too-deep"), "sub-sub-folders are not searched");
        assertFalse(registry.models().containsKey("not-named"), "a folder nobody named is not searched");
        assertTrue(discover(dir.resolve("elsewhere")).models().containsKey("not-named"));
    }

    @Test
    void aPluginWhoseDescriptorFailsIsNamedInTheError() {
        Path plugins = dir.resolve("plugins");
        textLibPlugin("no-lib", plugins.resolve("no-lib.jar"), textLib("2.0", dir.resolve("compile-only/textlib-2.0.jar")));
        org.nathear.api.PluginException e = assertThrows(org.nathear.api.PluginException.class, () -> discover(plugins));
        assertTrue(e.getMessage().contains("org.example.pluginnolib.Model") && e.getMessage().contains("no-lib.jar")
                && e.getMessage().contains("NoSuchMethodError"), e.getMessage());
    }

    @Test
    void aRealLibraryInAnotherVersionIsUsedByThePlugin() {
        // Jackson: the harness runs 2.20.x; a plugin folder may bring an older jackson-core of its own.
        Path old = Path.of(System.getProperty("user.home"), ".m2", "repository", "com", "fasterxml", "jackson", "core",
                "jackson-core", "2.17.2", "jackson-core-2.17.2.jar");
        Assumptions.assumeTrue(Files.isRegularFile(old), "jackson-core 2.17.2 is not in the local Maven repository: " + old);
        Path plugins = dir.resolve("plugins");
        try {
            Files.createDirectories(plugins.resolve("jackson-plugin"));
            Files.copy(old, plugins.resolve("jackson-plugin/jackson-core-2.17.2.jar"));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        JarBuilder.jar(plugins.resolve("jackson-plugin/model.jar"), Map.of("org.example.jackson.Model", """
                package org.example.jackson;
                import java.util.Set;
                import org.nathear.api.ChannelLayout;
                import org.nathear.api.ModelDescriptor;
                import org.nathear.api.ModelOptions;
                import org.nathear.api.spi.ModelPlugin;
                import org.nathear.api.spi.OpenedModel;
                public final class Model implements ModelPlugin {
                    @Override
                    public ModelDescriptor descriptor() {
                        return new ModelDescriptor("jackson-model", "1", 16000, Set.of(ChannelLayout.MONO), 1, 1, 10.0,
                                "jackson-core " + com.fasterxml.jackson.core.json.PackageVersion.VERSION);
                    }
                    @Override
                    public OpenedModel open(ModelOptions options) {
                        throw new UnsupportedOperationException("not needed");
                    }
                }
                """), null, Map.of(SERVICES, "org.example.jackson.Model\n"), List.of(old), dir);
        assertEquals("jackson-core 2.17.2", discover(plugins).model("jackson-model").plugin().descriptor().description());
        assertTrue(com.fasterxml.jackson.core.json.PackageVersion.VERSION.toString().startsWith("2.20"),
                "the harness keeps " + com.fasterxml.jackson.core.json.PackageVersion.VERSION);
    }
}
