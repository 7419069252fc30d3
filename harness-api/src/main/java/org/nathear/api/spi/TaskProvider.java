package org.nathear.api.spi;

import java.util.List;

/**
 * A source of tasks, found with {@link java.util.ServiceLoader} (list the class in
 * {@code META-INF/services/org.nathear.api.spi.TaskProvider}). Discovery must be cheap: read small
 * metadata files at most, never audio.
 */
public interface TaskProvider {

    /** A short name for messages, e.g. {@code hear-folders}. */
    String name();

    /** The tasks this provider offers in the given context. */
    List<TaskPlugin> tasks(TaskDiscoveryContext context);
}
