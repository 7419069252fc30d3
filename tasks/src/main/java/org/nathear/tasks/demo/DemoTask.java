package org.nathear.tasks.demo;

import java.nio.file.Path;
import org.nathear.api.TaskDescriptor;
import org.nathear.api.TaskFormatException;
import org.nathear.api.spi.TaskPlugin;
import org.nathear.tasks.hear.HearOpenedTask;
import org.nathear.tasks.hear.HearTaskFolder;

/**
 * One task of the {@link DemoSuite}. Its descriptor is known without any data; {@link #open()}
 * generates the task's folder on first use and then reads it as any HEAR task folder.
 */
public final class DemoTask implements TaskPlugin {
    private final DemoTaskGenerator generator;
    private final Path dataDir;
    private final long seed;

    DemoTask(DemoTaskGenerator generator, Path dataDir, long seed) {
        this.generator = generator;
        this.dataDir = dataDir.toAbsolutePath().normalize();
        this.seed = seed;
    }

    @Override
    public TaskDescriptor descriptor() {
        return generator.descriptor();
    }

    /** Generates the task on first use (or when its stamp does not match), then opens the folder. */
    @Override
    public HearOpenedTask open() {
        Path folder = DemoSuite.ensureGenerated(dataDir, generator.id(), seed);
        HearOpenedTask task = new HearTaskFolder(folder).open();
        if (!task.descriptor().equals(descriptor())) {
            throw new TaskFormatException(folder + ": the generated demo task reads back as " + task.descriptor()
                    + " but the demo suite describes it as " + descriptor() + "; delete the folder to regenerate it");
        }
        return task;
    }

    /** Where the task's data is (or will be) generated. */
    public Path folder() {
        return DemoSuite.taskFolder(dataDir, generator.id(), seed);
    }

    /** The seed the task's data is generated from. */
    public long seed() {
        return seed;
    }

    @Override
    public String origin() {
        return "built-in demo suite (seed " + seed + "), generated into " + folder();
    }

    @Override
    public String toString() {
        return "DemoTask[" + generator.id() + ", seed " + seed + "]";
    }
}
