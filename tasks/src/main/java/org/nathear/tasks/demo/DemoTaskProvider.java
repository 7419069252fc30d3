package org.nathear.tasks.demo;

import java.util.List;
import org.nathear.api.spi.TaskDiscoveryContext;
import org.nathear.api.spi.TaskPlugin;
import org.nathear.api.spi.TaskProvider;

/**
 * Offers the built-in {@link DemoSuite} (provider name {@code demo}). Discovery generates
 * nothing; each task's data is written under {@link TaskDiscoveryContext#dataDir()} when it is
 * first opened.
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
        return DemoSuite.generators().stream()
                .<TaskPlugin>map(g -> new DemoTask(g, context.dataDir(), seed))
                .toList();
    }
}
