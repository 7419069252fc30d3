package org.nathear.tasks.demo;

import java.nio.file.Path;
import org.nathear.api.TaskDescriptor;
import org.nathear.api.TaskFormatException;
import org.nathear.api.spi.TaskPlugin;
import org.nathear.tasks.hear.HearOpenedTask;
import org.nathear.tasks.hear.HearTaskFolder;

/**
 * One Nat-HEAR task of the demo suite (binaural, FOA or localization; {@link NatDemoSuite}). Its
 * descriptor is known without any data; {@link #open()} renders the task on first use and then reads
 * it as any HEAR task folder.
 */
public final class NatDemoTask implements TaskPlugin {
    private final String taskId;
    private final Path dataDir;
    private final long seed;

    NatDemoTask(String taskId, Path dataDir, long seed) {
        this.taskId = taskId;
        this.dataDir = dataDir.toAbsolutePath().normalize();
        this.seed = seed;
    }

    @Override
    public TaskDescriptor descriptor() {
        return NatDemoSuite.descriptor(taskId);
    }

    /** Renders the task on first use (or when its stamp does not match), then opens the folder. */
    @Override
    public HearOpenedTask open() {
        Path folder = NatDemoSuite.ensureGenerated(dataDir, taskId, seed);
        HearOpenedTask task = new HearTaskFolder(folder).open();
        if (!task.descriptor().equals(descriptor())) {
            task.close();
            throw new TaskFormatException(folder + ": the rendered Nat-HEAR demo task reads back as " + task.descriptor()
                    + " but the demo suite describes it as " + descriptor() + "; delete the folder to render it again");
        }
        return task;
    }

    /** Where the task's data is (or will be) rendered. */
    public Path folder() {
        return NatDemoSuite.taskFolder(dataDir, taskId, seed);
    }

    @Override
    public String origin() {
        return "built-in demo suite, Nat-HEAR (seed " + seed + "), rendered into " + folder();
    }

    @Override
    public String toString() {
        return "NatDemoTask[" + taskId + ", seed " + seed + "]";
    }
}
