package org.nathear.runner.util;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LibraryVersionsTest {
    @TempDir
    Path dir;

    private Path jar(String name, String version, Map<String, String> entries) throws IOException {
        Path file = dir.resolve(name);
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        if (version != null) {
            manifest.getMainAttributes().put(Attributes.Name.IMPLEMENTATION_VERSION, version);
        }
        try (OutputStream out = Files.newOutputStream(file); JarOutputStream jar = new JarOutputStream(out, manifest)) {
            for (Map.Entry<String, String> e : entries.entrySet()) {
                jar.putNextEntry(new JarEntry(e.getKey()));
                jar.write(e.getValue().getBytes(StandardCharsets.UTF_8));
                jar.closeEntry();
            }
        }
        return file;
    }

    @Test
    void findsVersionsFromJarResourcesWithoutLoadingAnyClass() throws Exception {
        Path djl = jar("djl.jar", null, Map.of("ai/djl/engine/api.properties", "djl_version=0.33.0\n",
                "pytorch-engine.properties", "djl_version=0.33.0\npytorch_version=2.5.1\n",
                "jnilib/pytorch.properties", "jni_version=2.5.1-0.33.0\n",
                "native/lib/pytorch.properties", "version=2.5.1-20241113\nflavor=cpu\nclassifier=linux-x86_64\n"));
        // not a class at all: detection must only locate the file, never define the class
        Path ort = jar("ort.jar", "1.24.2", Map.of("ai/onnxruntime/OrtEnvironment.class", "not class bytes"));
        try (URLClassLoader loader = new URLClassLoader(new URL[] {djl.toUri().toURL(), ort.toUri().toURL()},
                ClassLoader.getPlatformClassLoader())) {
            Map<String, String> found = LibraryVersions.detect(List.of(loader), false);
            assertEquals(Map.of("djl", "0.33.0", "djl-pytorch-engine", "0.33.0", "pytorch-jni", "2.5.1-0.33.0",
                    "pytorch", "2.5.1-20241113 (cpu, linux-x86_64)", "onnxruntime", "1.24.2"), found);
        }
    }

    @Test
    void aLoaderWithoutThoseLibrariesFindsNothing() throws Exception {
        try (URLClassLoader empty = new URLClassLoader(new URL[0], ClassLoader.getPlatformClassLoader())) {
            assertFalse(LibraryVersions.detect(List.of(empty), false).containsKey("djl"));
            assertEquals(Map.of(), LibraryVersions.detect(List.of(empty), false));
        }
    }
}
