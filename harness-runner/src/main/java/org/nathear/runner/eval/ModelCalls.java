package org.nathear.runner.eval;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.nathear.api.HarnessException;
import org.nathear.api.ModelException;

/**
 * Runs one model's calls on a worker thread of its own, each with a time limit. A call that
 * throws becomes a {@link ModelException} naming the call; a call that does not return in time
 * fails, and every later call is refused, because the worker may still be busy with it (the
 * thread is a daemon: it never keeps the JVM alive).
 */
public final class ModelCalls implements AutoCloseable {
    private final ExecutorService worker;
    private final Duration timeout;
    private String abandoned;

    /**
     * @param threadName  the worker thread's name
     * @param timeout     the limit per call; {@code null}, zero or negative for none
     */
    public ModelCalls(String threadName, Duration timeout) {
        this.timeout = timeout == null || timeout.isZero() || timeout.isNegative() ? null : timeout;
        this.worker = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, threadName);
            t.setDaemon(true);
            return t;
        });
    }

    /** The limit per call, or {@code null} for none. */
    public Duration timeout() {
        return timeout;
    }

    /** True after a call timed out: the model must not be called or closed again. */
    public boolean isAbandoned() {
        return abandoned != null;
    }

    /**
     * Runs a call.
     *
     * @param call  what is called, for messages (e.g. {@code model 'x' (origin) sceneEmbeddings() call 3 on 16 clip(s)})
     */
    public <T> T run(String call, Callable<T> body) {
        if (abandoned != null) {
            throw new ModelException(call + " was not made: " + abandoned);
        }
        Future<T> future = worker.submit(body);
        try {
            return timeout == null ? future.get() : future.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            future.cancel(true);
            abandoned = "the model was abandoned after an earlier call did not return within " + human(timeout);
            throw new ModelException(call + " did not return within " + human(timeout)
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

    /** {@code 500 ms}, {@code 600 s}. */
    public static String human(Duration d) {
        long millis = d.toMillis();
        return millis % 1000 == 0 ? millis / 1000 + " s" : millis + " ms";
    }

    /** Stops the worker thread (without waiting for a call still running). */
    @Override
    public void close() {
        worker.shutdownNow();
    }
}
