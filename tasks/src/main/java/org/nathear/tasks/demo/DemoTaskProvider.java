package org.nathear.tasks.demo;

import java.util.List;
import org.nathear.api.spi.TaskDiscoveryContext;
import org.nathear.api.spi.TaskPlugin;
import org.nathear.api.spi.TaskProvider;

/**
 * Offers the built-in demo suite (provider name {@code demo}): the mono tasks of {@link DemoSuite}
 * (HEAR group), then their Nat-HEAR binaural and FOA versions and localization tasks
 * ({@link NatDemoSuite}). Discovery generates nothing; each task's data is written under
 * {@link TaskDiscoveryContext#dataDir()} when it is first opened.
 */
public final class DemoTaskProvider implements TaskProvider {
    /** The provider's name in messages. */
    public static final String NAME = "demo";

    private final long seed;

    /** The suite with {@link DemoSuite#DEFAULT_SEED} (what {@link java.util.ServiceLoader} creates). */
    public DemoTaskProvider() {
        this(DemoSuite.DEFAULT_SEED);
    }

    /** The suite generated from another seed (written to its own folder). */
    public DemoTaskProvider(long seed) {
        this.seed = seed;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<TaskPlugin> tasks(TaskDiscoveryContext context) {
        List<TaskPlugin> tasks = new java.util.ArrayList<>();
        DemoSuite.generators().forEach(g -> tasks.add(new DemoTask(g, context.dataDir(), seed)));
        NatDemoSuite.taskIds().forEach(id -> tasks.add(new NatDemoTask(id, context.dataDir(), seed)));
        return List.copyOf(tasks);
    }
}
