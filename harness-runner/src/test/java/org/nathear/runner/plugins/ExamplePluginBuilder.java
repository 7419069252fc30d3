package org.nathear.runner.plugins;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** Builds a plugin jar from a Maven-layout project's main sources and resources, without Maven. */
public final class ExamplePluginBuilder {
    private ExamplePluginBuilder() {
    }

    /** Compiles {@code project/src/main/java} against the test class path and jars it with {@code src/main/resources}. */
    public static Path build(Path project, Path jar, Path work) {
        try {
            Files.createDirectories(work);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return JarBuilder.jar(jar, Map.of(), project.resolve("src/main/java"),
                JarBuilder.resources(project.resolve("src/main/resources")), List.of(), work);
    }
}
