package org.nathear.runner.plugins;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nathear.api.PluginException;
import org.nathear.api.spi.TaskDiscoveryContext;

/** Issue 13, bugs 3 and 10: a plugin that cannot be loaded is named, with its jar and its own exception. */
class PluginLoadFailureTest {
    @TempDir
    Path dir;

    private PluginException discoveryFails(Path pluginDir) {
        TaskDiscoveryContext context = new TaskDiscoveryContext(List.of(), dir.resolve("data"));
        return assertThrows(PluginException.class, () -> PluginRegistry.discover(List.of(pluginDir), context, List.of()));
    }

    private static void assertMentions(Exception e, String... parts) {
        for (String part : parts) {
            assertTrue(e.getMessage().contains(part), "message should contain '" + part + "': " + e.getMessage());
        }
    }

    private Path jarListing(String name, String serviceLine) throws IOException {
        Path folder = Files.createDirectories(dir.resolve("plugins-" + name));
        Path jar = folder.resolve(name + ".jar");
        try (OutputStream raw = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(raw)) {
            out.putNextEntry(new JarEntry("META-INF/services/org.nathear.api.spi.ModelPlugin"));
            out.write(serviceLine.getBytes(StandardCharsets.UTF_8));
            out.closeEntry();
        }
        return jar;
    }

    @Test
    void aJarThatIsNotAZipFileIsNamedInsteadOfSkipped() throws IOException {
        Path folder = Files.createDirectories(dir.resolve("plugins"));
        Path jar = Files.writeString(folder.resolve("model.jar"), "this is not a zip archive");
        assertMentions(discoveryFails(folder), "Plugin jar " + jar, "cannot be read as a jar");
    }

    @Test
    void aTruncatedJarIsNamedInsteadOfSkipped() throws IOException {
        Path jar = jarListing("cut", FailingPlugins.ThrowingConstructor.class.getName());
        byte[] whole = Files.readAllBytes(jar);
        Files.write(jar, Arrays.copyOf(whole, whole.length / 2));
        assertMentions(discoveryFails(jar.getParent()), "Plugin jar " + jar, "cannot be read as a jar");
    }

    @Test
    void aConstructorThatThrowsNamesTheJarTheClassAndTheCause() throws IOException {
        Path jar = jarListing("ctor", FailingPlugins.ThrowingConstructor.class.getName());
        assertMentions(discoveryFails(jar.getParent()), "FailingPlugins$ThrowingConstructor", jar.toString(),
                "its constructor threw", "constructor exploded: no licence key");
    }

    @Test
    void aStaticInitialiserThatThrowsNamesTheJarTheClassAndTheRealCause() throws IOException {
        Path jar = jarListing("static", FailingPlugins.ThrowingStaticInit.class.getName());
        assertMentions(discoveryFails(jar.getParent()), "FailingPlugins$ThrowingStaticInit", jar.toString(),
                "its static initialiser threw", "static init exploded: bad native library path");
    }

    @Test
    void aServiceLineNamingAMissingClassNamesTheJar() throws IOException {
        Path jar = jarListing("missing", "com.example.NoSuchModel");
        assertMentions(discoveryFails(jar.getParent()), jar.toString(), "com.example.NoSuchModel");
    }
}
