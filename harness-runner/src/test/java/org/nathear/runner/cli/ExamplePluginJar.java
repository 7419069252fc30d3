package org.nathear.runner.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import org.nathear.runner.plugins.ExamplePluginBuilder;

/**
 * The example external plugin under {@code examples/example-model-plugin}, compiled from its
 * sources against harness-api and packed into a jar in a plugin folder, once per test JVM.
 */
final class ExamplePluginJar {
    static final String MODEL_ID = "example-spectral-stats";
    private static Path pluginsDir;

    private ExamplePluginJar() {
    }

    /** The example project (the tests run in harness-runner/). */
    static Path project() {
        Path project = Path.of("..", "examples", "example-model-plugin").toAbsolutePath().normalize();
        if (!Files.isRegularFile(project.resolve("pom.xml"))) {
            throw new IllegalStateException("the example plugin project is missing: " + project);
        }
        return project;
    }

    /** A plugin folder holding {@code example-spectral-stats/example-model-plugin-1.0.0.jar}, as {@code mvn package} lays it out. */
    static synchronized Path pluginsDir() {
        if (pluginsDir == null) {
            Path root = Path.of("target", "example-plugin-test").toAbsolutePath();
            pluginsDir = ExamplePluginBuilder.build(project(), root.resolve("plugins").resolve(MODEL_ID)
                    .resolve("example-model-plugin-1.0.0.jar"), root).getParent().getParent();
        }
        return pluginsDir;
    }
}
