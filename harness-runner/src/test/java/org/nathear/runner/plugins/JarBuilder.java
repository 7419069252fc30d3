package org.nathear.runner.plugins;

import java.io.IOException;
import java.io.OutputStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/** Compiles Java sources with the JDK's compiler against the test class path and packs a jar: plugins made at test time. */
final class JarBuilder {
    private JarBuilder() {
    }

    /**
     * Compiles sources (class name → source text, or the {@code .java} files under a folder) and
     * writes a jar with the classes and the given extra files (path in the jar → content).
     *
     * @param classPath  extra class path entries (e.g. another jar built here) before the test class path
     */
    static Path jar(Path jar, Map<String, String> sources, Path sourceDir, Map<String, String> files, List<Path> classPath,
                    Path work) {
        try {
            Path classes = Files.createTempDirectory(work, "classes");
            List<JavaFileObject> units = new ArrayList<>();
            sources.forEach((name, text) -> units.add(new SimpleJavaFileObject(
                    URI.create("string:///" + name.replace('.', '/') + ".java"), JavaFileObject.Kind.SOURCE) {
                @Override
                public CharSequence getCharContent(boolean ignoreEncodingErrors) {
                    return text;
                }
            }));
            JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
            try (StandardJavaFileManager files1 = compiler.getStandardFileManager(null, null, StandardCharsets.UTF_8)) {
                if (sourceDir != null) {
                    try (Stream<Path> walk = Files.walk(sourceDir)) {
                        for (JavaFileObject unit : files1.getJavaFileObjectsFromPaths(
                                walk.filter(p -> p.toString().endsWith(".java")).toList())) {
                            units.add(unit);
                        }
                    }
                }
                StringBuilder cp = new StringBuilder();
                for (Path entry : classPath) {
                    cp.append(entry).append(java.io.File.pathSeparator);
                }
                cp.append(System.getProperty("java.class.path"));
                StringWriter diagnostics = new StringWriter();
                boolean ok = compiler.getTask(diagnostics, files1, null,
                        List.of("--release", "17", "-Xlint:all", "-Werror", "-classpath", cp.toString(), "-d", classes.toString()),
                        null, units).call();
                if (!ok) {
                    throw new IllegalStateException("compiling the test plugin failed:\n" + diagnostics);
                }
            }
            Files.createDirectories(jar.getParent());
            try (OutputStream raw = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(raw);
                 Stream<Path> walk = Files.walk(classes)) {
                for (Path file : walk.filter(Files::isRegularFile).sorted().toList()) {
                    out.putNextEntry(new JarEntry(classes.relativize(file).toString().replace('\\', '/')));
                    out.write(Files.readAllBytes(file));
                    out.closeEntry();
                }
                for (Map.Entry<String, String> file : files.entrySet()) {
                    out.putNextEntry(new JarEntry(file.getKey()));
                    out.write(file.getValue().getBytes(StandardCharsets.UTF_8));
                    out.closeEntry();
                }
            }
            return jar;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The resources under a folder as jar entries (path → text). */
    static Map<String, String> resources(Path dir) {
        Map<String, String> out = new java.util.TreeMap<>();
        if (!Files.isDirectory(dir)) {
            return out;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path file : walk.filter(Files::isRegularFile).toList()) {
                out.put(dir.relativize(file).toString().replace('\\', '/'), Files.readString(file));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }
}
