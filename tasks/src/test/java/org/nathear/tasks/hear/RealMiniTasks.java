package org.nathear.tasks.hear;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.nathear.api.contract.TaskPluginContract;
import org.nathear.api.spi.TaskPlugin;

/**
 * The real-audio mini benchmark in {@code <shared>/data/real-mini/tasks}. Surefire passes the
 * shared folder as the system property {@code nathear.shared.dir}; tests skip with a reason when it
 * is absent.
 */
final class RealMiniTasks {
    private RealMiniTasks() {
    }

    /** The folder of the six real tasks; skips the calling test when it is not there. */
    static Path tasksDir() {
        String shared = System.getProperty("nathear.shared.dir");
        assumeTrue(shared != null && !shared.isBlank(),
                "system property nathear.shared.dir is not set (surefire sets it to ../shared); skipping real-data test");
        Path dir = Path.of(shared, "data", "real-mini", "tasks");
        assumeTrue(Files.isDirectory(dir), "real-mini tasks not found at " + dir + "; skipping real-data test");
        return dir;
    }

    /** One real task as a {@link HearTaskFolder}. */
    static HearTaskFolder task(String name) {
        Path folder = tasksDir().resolve(name);
        assumeTrue(Files.isDirectory(folder), "real-mini task " + folder + " not found; skipping");
        return new HearTaskFolder(folder);
    }

    /** Runs the task plugin conformance kit over one real task. */
    abstract static class Contract implements TaskPluginContract {
        abstract String taskName();

        @Override
        public TaskPlugin createTask() {
            return task(taskName());
        }
    }
}
