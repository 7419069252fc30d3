package org.nathear.api.spi;

import org.nathear.api.TaskDescriptor;

/**
 * A task. Tasks come from {@link TaskProvider}s, so a provider can offer many tasks (every HEAR
 * folder under a directory, the built-in demo suite). {@link #descriptor()} is cheap; audio is read
 * only after {@link #open()}.
 */
public interface TaskPlugin {

    /** What the task is, readable without audio: id, version, kind, layout, metrics, splits, vocabulary. */
    TaskDescriptor descriptor();

    /** Prepares the task's data (validating it, generating it on first use where the task is generated). */
    OpenedTask open();

    /** Where the task comes from, for {@code nathear list}: a folder, or the jar of its class. */
    default String origin() {
        return Origins.of(getClass());
    }
}
