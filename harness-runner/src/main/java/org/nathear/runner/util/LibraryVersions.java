package org.nathear.runner.util;

import java.io.IOException;
import java.io.InputStream;
import java.net.JarURLConnection;
import java.net.URL;
import java.net.URLConnection;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.jar.Manifest;

/**
 * Versions of optional native-backed libraries (DJL, PyTorch, ONNX Runtime), found from resources
 * their jars carry, without loading any of their classes: nothing is initialised and no native
 * library is loaded, so detecting them is cheap and safe while listing or starting a run.
 *
 * <ul>
 *   <li>{@code djl}: {@code ai/djl/engine/api.properties}, key {@code djl_version};</li>
 *   <li>{@code pytorch}: {@code native/lib/pytorch.properties} of the libtorch native jar
 *       ({@code version}, {@code flavor}, {@code classifier}); {@code djl-pytorch-engine} and
 *       {@code pytorch-jni} from {@code pytorch-engine.properties} and
 *       {@code jnilib/pytorch.properties};</li>
 *   <li>{@code onnxruntime}: the {@code Implementation-Version} in the manifest of the jar holding
 *       {@code ai/onnxruntime/OrtEnvironment.class} (the class file is located, not loaded).</li>
 * </ul>
 */
public final class LibraryVersions {
    private LibraryVersions() {
    }

    /**
     * Library name → version for every optional library the harness's own class loader or one of
     * {@code loaders} (plugin class loaders) can see; the first loader that sees a library wins.
     */
    public static Map<String, String> detect(Collection<ClassLoader> loaders) {
        return detect(loaders, true);
    }

    static Map<String, String> detect(Collection<ClassLoader> loaders, boolean includeOwn) {
        Map<String, String> found = new TreeMap<>();
        for (ClassLoader loader : distinct(loaders, includeOwn)) {
            property(loader, "ai/djl/engine/api.properties", "djl_version").ifPresent(v -> found.putIfAbsent("djl", v));
            property(loader, "pytorch-engine.properties", "djl_version")
                    .ifPresent(v -> found.putIfAbsent("djl-pytorch-engine", v));
            property(loader, "jnilib/pytorch.properties", "jni_version").ifPresent(v -> found.putIfAbsent("pytorch-jni", v));
            properties(loader, "native/lib/pytorch.properties").ifPresent(p -> {
                String version = p.getProperty("version");
                if (version != null) {
                    List<String> extra = new ArrayList<>();
                    for (String key : List.of("flavor", "classifier")) {
                        if (p.getProperty(key) != null) {
                            extra.add(p.getProperty(key));
                        }
                    }
                    found.putIfAbsent("pytorch", version + (extra.isEmpty() ? "" : " (" + String.join(", ", extra) + ")"));
                }
            });
            manifestVersion(loader, "ai/onnxruntime/OrtEnvironment.class").ifPresent(v -> found.putIfAbsent("onnxruntime", v));
        }
        return found;
    }

    private static List<ClassLoader> distinct(Collection<ClassLoader> loaders, boolean includeOwn) {
        LinkedHashSet<ClassLoader> out = new LinkedHashSet<>();
        if (includeOwn) {
            out.add(LibraryVersions.class.getClassLoader());
        }
        for (ClassLoader l : loaders) {
            if (l != null) {
                out.add(l);
            }
        }
        return List.copyOf(out);
    }

    private static java.util.Optional<String> property(ClassLoader loader, String resource, String key) {
        return properties(loader, resource).map(p -> p.getProperty(key)).filter(v -> !v.isBlank());
    }

    private static java.util.Optional<Properties> properties(ClassLoader loader, String resource) {
        URL url = loader.getResource(resource);
        if (url == null) {
            return java.util.Optional.empty();
        }
        Properties p = new Properties();
        try (InputStream in = open(url)) {
            p.load(in);
            return java.util.Optional.of(p);
        } catch (IOException e) {
            return java.util.Optional.empty();
        }
    }

    private static java.util.Optional<String> manifestVersion(ClassLoader loader, String classResource) {
        URL url = loader.getResource(classResource);
        if (url == null) {
            return java.util.Optional.empty();
        }
        try {
            URLConnection connection = url.openConnection();
            connection.setUseCaches(false);
            if (connection instanceof JarURLConnection jar) {
                Manifest manifest = jar.getManifest();
                String version = manifest == null ? null : manifest.getMainAttributes().getValue("Implementation-Version");
                return java.util.Optional.of(version == null ? "unknown version" : version);
            }
            return java.util.Optional.of("unknown version (not from a jar)");
        } catch (IOException e) {
            return java.util.Optional.of("unknown version (" + e.getMessage() + ")");
        }
    }

    private static InputStream open(URL url) throws IOException {
        URLConnection connection = url.openConnection();
        connection.setUseCaches(false);
        return connection.getInputStream();
    }
}
