package org.nathear.runner.eval;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.nathear.api.AudioClip;
import org.nathear.api.FrameEmbeddings;
import org.nathear.api.HarnessException;
import org.nathear.api.ModelDescriptor;
import org.nathear.api.ModelException;
import org.nathear.api.ModelOptions;
import org.nathear.api.spi.ModelPlugin;
import org.nathear.api.spi.OpenedModel;

/**
 * Runs a model behind a guard, so that a misbehaving plugin fails only its own cells: every call
 * (and the opening) runs on the model's own worker thread with a time limit, and whatever goes
 * wrong becomes a {@link ModelException} naming the model, its origin, the call and what was wrong:
 *
 * <ul>
 *   <li>the plugin throws (any exception or error);</li>
 *   <li>it does not return within the limit ({@code --call-timeout}): the call fails and the model
 *       is abandoned for the rest of the run (its worker thread may still be busy, so it is never
 *       called or closed again; the thread is a daemon and dies with the JVM);</li>
 *   <li>it returns output that breaks the contract: wrong count or size, NaN or infinity,
 *       timestamps outside the clip or off the declared hop ({@link OutputChecks}).</li>
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
    private final Duration timeout;
    private final ExecutorService worker;
    private int calls;
    private String abandoned;

    private GuardedModel(OpenedModel inner, ModelDescriptor descriptor, String name, Duration timeout, ExecutorService worker) {
        this.inner = inner;
        this.descriptor = descriptor;
        this.name = name;
        this.timeout = timeout;
        this.worker = worker;
    }

    /**
     * Opens a plugin under the guard.
     *
     * @param origin   where the plugin came from, for messages
     * @param timeout  limit per call and for opening; {@code null} or zero for none
     */
    public static GuardedModel open(ModelPlugin plugin, ModelOptions options, String origin, Duration timeout) {
        ModelDescriptor d = plugin.descriptor();
        String name = "model '" + d.id() + "' (" + origin + ")";
        Duration limit = timeout == null || timeout.isZero() || timeout.isNegative() ? null : timeout;
        ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "nathear-model-" + d.id());
            t.setDaemon(true);
            return t;
        });
        try {
            OpenedModel opened = call(worker, limit, name + " open()", () -> plugin.open(options));
            if (opened == null) {
                throw new ModelException(name + " open() returned null instead of an opened model");
            }
            return new GuardedModel(opened, d, name, limit, worker);
        } catch (RuntimeException e) {
            worker.shutdownNow();
            throw e;
        }
    }

    /** Wraps an already opened model (for tests and tools). */
    public static GuardedModel wrap(OpenedModel model, String origin, Duration timeout) {
        ModelDescriptor d = model.descriptor();
        Duration limit = timeout == null || timeout.isZero() || timeout.isNegative() ? null : timeout;
        ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "nathear-model-" + d.id());
            t.setDaemon(true);
            return t;
        });
        return new GuardedModel(model, d, "model '" + d.id() + "' (" + origin + ")", limit, worker);
    }

    /** The limit per call, or {@code null} for none. */
    public Duration timeout() {
        return timeout;
    }

    @Override
    public ModelDescriptor descriptor() {
        return descriptor;
    }

    @Override
    public float[][] sceneEmbeddings(List<AudioClip> clips) {
        List<AudioClip> batch = List.copyOf(clips);
        String call = describe("sceneEmbeddings", batch);
        float[][] out = guarded(call, () -> inner.sceneEmbeddings(batch));
        List<String> problems = OutputChecks.scene(out, batch.size(), descriptor);
        if (!problems.isEmpty()) {
            throw new ModelException(call + " returned " + String.join("; ", problems));
        }
        return out;
    }

    @Override
    public List<FrameEmbeddings> timestampEmbeddings(List<AudioClip> clips) {
        List<AudioClip> batch = List.copyOf(clips);
        String call = describe("timestampEmbeddings", batch);
        List<FrameEmbeddings> out = guarded(call, () -> inner.timestampEmbeddings(batch));
        List<String> problems = OutputChecks.timestamps(out, batch, descriptor);
        if (!problems.isEmpty()) {
            throw new ModelException(call + " returned " + String.join("; ", problems));
        }
        return out;
    }

    private String describe(String method, List<AudioClip> clips) {
        double min = Double.MAX_VALUE;
        double max = 0;
        for (AudioClip clip : clips) {
            min = Math.min(min, clip.durationSeconds());
            max = Math.max(max, clip.durationSeconds());
        }
        return String.format(Locale.ROOT, "%s %s() call %d on %d clip(s) of %s s", name, method, ++calls, clips.size(),
                clips.isEmpty() ? "0" : min == max ? String.format(Locale.ROOT, "%.2f", min)
                        : String.format(Locale.ROOT, "%.2f-%.2f", min, max));
    }

    private <T> T guarded(String call, Callable<T> body) {
        if (abandoned != null) {
            throw new ModelException(call + " was not made: " + abandoned);
        }
        try {
            return call(worker, timeout, call, body);
        } catch (CallTimedOut e) {
            abandoned = "the model was abandoned after an earlier call did not return within " + human(timeout);
            throw e;
        }
    }

    /** A call that did not return in time. */
    static final class CallTimedOut extends ModelException {
        private static final long serialVersionUID = 1L;

        CallTimedOut(String message) {
            super(message);
        }
    }

    private static <T> T call(ExecutorService worker, Duration timeout, String call, Callable<T> body) {
        Future<T> future = worker.submit(body);
        try {
            return timeout == null ? future.get() : future.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            future.cancel(true);
            throw new CallTimedOut(call + " did not return within " + human(timeout)
                    + " (the --call-timeout limit); the model is abandoned for the rest of the run");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof HarnessException) {
                throw new ModelException(call + " failed: " + cause.getMessage(), cause);
            }
            throw new ModelException(call + " threw " + cause, cause);
        } catch (InterruptedException e) {
            future.cancel(true);
            Thread.currentThread().interrupt();
            throw new ModelException(call + " was interrupted", e);
        }
    }

    static String human(Duration d) {
        long millis = d.toMillis();
        return millis % 1000 == 0 ? millis / 1000 + " s" : millis + " ms";
    }

    /** Closes the model (unless a call of it may still be running) and stops the worker thread. */
    @Override
    public void close() {
        try {
            if (abandoned == null) {
                call(worker, timeout, name + " close()", () -> {
                    inner.close();
                    return null;
                });
            }
        } finally {
            worker.shutdownNow();
        }
    }
}
