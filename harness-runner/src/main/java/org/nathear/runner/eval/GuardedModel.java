package org.nathear.runner.eval;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.OptionalLong;
import org.nathear.api.AudioClip;
import org.nathear.api.FrameEmbeddings;
import org.nathear.api.ModelDescriptor;
import org.nathear.api.ModelException;
import org.nathear.api.ModelOptions;
import org.nathear.api.ModelOutputRules;
import org.nathear.api.spi.ModelPlugin;
import org.nathear.api.spi.OpenedModel;

/**
 * Runs a model behind a guard, so that a misbehaving plugin fails only its own cells: every call
 * (and the opening) runs on the model's own worker thread with a time limit ({@link ModelCalls}),
 * and whatever goes wrong becomes a {@link ModelException} naming the model, its origin, the call
 * and what was wrong:
 *
 * <ul>
 *   <li>the plugin throws (any exception or error);</li>
 *   <li>it does not return within the limit ({@code --call-timeout}): the call fails and the model
 *       is abandoned for the rest of the run (its worker thread may still be busy, so it is never
 *       called or closed again; the thread is a daemon and dies with the JVM);</li>
 *   <li>it returns output that breaks the contract: wrong count or size, NaN or infinity,
 *       timestamps outside the clip or off the declared hop ({@link ModelOutputRules}).</li>
 * </ul>
 *
 * Calls are serialised on the worker thread, as the runner makes them one at a time anyway.
 */
public final class GuardedModel implements OpenedModel {
    /** Default limit per model call (and for opening the model): generous for large models on a CPU. */
    public static final Duration DEFAULT_CALL_TIMEOUT = Duration.ofMinutes(10);

    private final OpenedModel inner;
    private final ModelDescriptor descriptor;
    private final String name;
    private final ModelCalls calls;
    private int callCount;

    private GuardedModel(OpenedModel inner, ModelDescriptor descriptor, String name, ModelCalls calls) {
        this.inner = inner;
        this.descriptor = descriptor;
        this.name = name;
        this.calls = calls;
    }

    /**
     * Opens a plugin under the guard.
     *
     * @param origin   where the plugin came from, for messages
     * @param timeout  limit per call and for opening; {@code null} or zero for none
     */
    public static GuardedModel open(ModelPlugin plugin, ModelOptions options, String origin, Duration timeout) {
        ModelDescriptor d = plugin.descriptor(options); // options may change the sizes (e.g. a GRAM checkpoint)
        String name = "model '" + d.id() + "' (" + origin + ")";
        ModelCalls calls = new ModelCalls("nathear-model-" + d.id(), timeout);
        try {
            OpenedModel opened = calls.run(name + " open()", () -> plugin.open(options));
            if (opened == null) {
                throw new ModelException(name + " open() returned null instead of an opened model");
            }
            return new GuardedModel(opened, d, name, calls);
        } catch (RuntimeException e) {
            calls.close();
            throw e;
        }
    }

    /** Wraps an already opened model (for tests and tools). */
    public static GuardedModel wrap(OpenedModel model, String origin, Duration timeout) {
        ModelDescriptor d = model.descriptor();
        return new GuardedModel(model, d, "model '" + d.id() + "' (" + origin + ")", new ModelCalls("nathear-model-" + d.id(), timeout));
    }

    /** The limit per call, or {@code null} for none. */
    public Duration timeout() {
        return calls.timeout();
    }

    @Override
    public ModelDescriptor descriptor() {
        return descriptor;
    }

    /** The wrapped model's count (a plain call: implementations return a stored number). */
    @Override
    public OptionalLong parameterCount() {
        return inner.parameterCount();
    }

    @Override
    public float[][] sceneEmbeddings(List<AudioClip> clips) {
        List<AudioClip> batch = List.copyOf(clips);
        String call = describe("sceneEmbeddings", batch);
        float[][] out = calls.run(call, () -> inner.sceneEmbeddings(batch));
        List<String> problems = ModelOutputRules.scene(out, batch.size(), descriptor);
        if (!problems.isEmpty()) {
            throw new ModelException(call + " returned " + String.join("; ", problems));
        }
        return out;
    }

    @Override
    public List<FrameEmbeddings> timestampEmbeddings(List<AudioClip> clips) {
        List<AudioClip> batch = List.copyOf(clips);
        String call = describe("timestampEmbeddings", batch);
        List<FrameEmbeddings> out = calls.run(call, () -> inner.timestampEmbeddings(batch));
        List<String> problems = ModelOutputRules.timestamps(out, batch, descriptor);
        if (!problems.isEmpty()) {
            throw new ModelException(call + " returned " + String.join("; ", problems));
        }
        return out;
    }

    private String describe(String method, List<AudioClip> clips) {
        return String.format(Locale.ROOT, "%s %s() call %d on %s", name, method, ++callCount, describeClips(clips));
    }

    /** {@code 16 clip(s) of 1.00-4.00 s}. */
    public static String describeClips(List<AudioClip> clips) {
        double min = Double.MAX_VALUE;
        double max = 0;
        for (AudioClip clip : clips) {
            min = Math.min(min, clip.durationSeconds());
            max = Math.max(max, clip.durationSeconds());
        }
        String lengths = clips.isEmpty() ? "0" : min == max ? String.format(Locale.ROOT, "%.2f", min)
                : String.format(Locale.ROOT, "%.2f-%.2f", min, max);
        return clips.size() + " clip(s) of " + lengths + " s";
    }

    /** Closes the model (unless a call of it may still be running) and stops the worker thread. */
    @Override
    public void close() {
        try {
            if (!calls.isAbandoned()) {
                calls.run(name + " close()", () -> {
                    inner.close();
                    return null;
                });
            }
        } finally {
            calls.close();
        }
    }
}
