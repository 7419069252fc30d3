package org.nathear.spark;

import java.io.PrintWriter;
import java.io.Writer;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import org.nathear.api.ModelOptions;
import org.nathear.runner.eval.Progress;
import org.nathear.runner.eval.RunEngine;
import org.nathear.runner.plugins.PluginRegistry;
import org.nathear.runner.plugins.PluginRegistry.ModelEntry;

/**
 * What an executor JVM keeps between the Spark tasks of one job: the plugins it discovered and the
 * models it opened. A model is opened once per executor (on its first cache miss, behind the same
 * {@link org.nathear.runner.eval.GuardedModel} as a local run, through {@link RunEngine.LazyModel}),
 * not once per task or clip; a failure to open is remembered like in a local run, so every later
 * cell of that model fails with the same message.
 *
 * <p>Everything is keyed by run id: a long-lived JVM (local mode, tests) running several jobs never
 * mixes them, and {@link #release} closes a finished job's models.
 */
final class ExecutorState {
    private static final Map<String, PluginRegistry> REGISTRIES = new HashMap<>();
    private static final Map<String, RunEngine.LazyModel> MODELS = new HashMap<>();

    private ExecutorState() {
    }

    static synchronized PluginRegistry registry(JobSettings job) {
        return REGISTRIES.computeIfAbsent(job.runId(), id -> job.discovery().discover());
    }

    /** The job's model {@code entry} with {@code options}, opened on first use. */
    static synchronized RunEngine.LazyModel model(JobSettings job, ModelEntry entry, ModelOptions options) {
        String key = job.runId() + "\n" + entry.plugin().descriptor().id() + "\n" + options.canonical();
        return MODELS.computeIfAbsent(key, k -> new RunEngine.LazyModel(entry, options, job.callTimeout()));
    }

    /** Closes the models of run {@code runId} opened in this JVM and forgets its plugins. */
    static synchronized void release(String runId) {
        for (Iterator<Map.Entry<String, RunEngine.LazyModel>> it = MODELS.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<String, RunEngine.LazyModel> e = it.next();
            if (e.getKey().startsWith(runId + "\n")) {
                e.getValue().close();
                it.remove();
            }
        }
        REGISTRIES.remove(runId);
    }

    /** Progress that prints nothing: executors report through their task results. */
    static Progress silent() {
        return new Progress(new PrintWriter(Writer.nullWriter()), 0, true);
    }
}
