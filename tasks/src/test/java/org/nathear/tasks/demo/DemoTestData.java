package org.nathear.tasks.demo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.nathear.api.spi.TaskDiscoveryContext;
import org.nathear.api.spi.TaskPlugin;

/**
 * One default-seed demo suite per test JVM, generated on first use under {@code java.io.tmpdir}
 * (surefire points it into {@code target/}), shared by the demo tests and deleted when the JVM exits.
 */
final class DemoTestData {
    private static Path dataDir;

    private DemoTestData() {
    }

    static synchronized Path dataDir() {
        if (dataDir == null) {
            try {
                dataDir = Files.createTempDirectory("demo-suite-test-");
                Path created = dataDir;
                Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteQuietly(created))); // ~35 MB
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return dataDir;
    }

    private static void deleteQuietly(Path root) {
        try (java.util.stream.Stream<Path> walk = Files.walk(root)) {
            walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            // best effort at exit; the folder lies under target/ anyway
        }
    }

    /** A demo task of the shared suite (opening it generates it once). */
    static TaskPlugin task(String id) {
        List<TaskPlugin> tasks = new DemoTaskProvider().tasks(new TaskDiscoveryContext(List.of(), dataDir()));
        return tasks.stream().filter(t -> t.descriptor().id().equals(id)).findFirst().orElseThrow();
    }

    /** The shared suite's folder of a task, generated if needed. */
    static Path folder(String id) {
        return DemoSuite.ensureGenerated(dataDir(), id, DemoSuite.DEFAULT_SEED);
    }
}
