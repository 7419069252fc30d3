package org.nathear.runner.cli;

import java.io.PrintWriter;
import java.nio.file.Path;

/**
 * Watches a run for an early end of the JVM while it is in progress. A plugin that calls
 * {@code System.exit(0)} would otherwise end the run silently with exit code 0 and a results.json
 * that was never finished; Java 17 has no supported way to forbid the call (the SecurityManager is
 * deprecated for removal), so nathear makes it loud instead:
 *
 * <ul>
 *   <li>a shutdown hook, active from the start of the run until it is finished, finds the thread
 *       that called {@code System.exit} or {@code Runtime.exit} and the code that called it,
 *       prints which class ended the run and where its results are, and ends the process with
 *       {@link NathearCli#EXIT_INTERRUPTED} instead of the plugin's code;</li>
 *   <li>results.json is not touched by the hook: the run engine rewrites it atomically after every
 *       cell, so it already holds every cell finished before the exit, and as the run never
 *       finished ({@code finishedUtc} is null) {@code nathear run --resume RUN_DIR} completes it;</li>
 *   <li>an end by a signal (Ctrl-C, SIGTERM) keeps the JVM's own exit code (130, 143) and gets the
 *       same note on how to resume.</li>
 * </ul>
 *
 * <p>What it cannot stop: {@code Runtime.halt}, a native crash or {@code kill -9} end the process
 * without any hook (results.json is still whole, see docs/reliability.md); other shutdown hooks
 * running at the same time may be cut short by the forced exit code.
 */
final class ExitGuard implements AutoCloseable {
    private final Thread hook;
    private volatile boolean finished;

    private ExitGuard(Path resultFile, PrintWriter err) {
        Path runDir = resultFile.toAbsolutePath().getParent();
        this.hook = new Thread(() -> onShutdown(resultFile.toAbsolutePath(), runDir, err), "nathear-exit-guard");
    }

    /** Starts watching; {@link #close()} when the run has finished (normally or with an exception). */
    static ExitGuard install(Path resultFile, PrintWriter err) {
        ExitGuard guard = new ExitGuard(resultFile, err);
        Runtime.getRuntime().addShutdownHook(guard.hook);
        return guard;
    }

    @Override
    public void close() {
        finished = true;
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the JVM is already exiting; the hook sees finished == true and does nothing
        }
    }

    private void onShutdown(Path resultFile, Path runDir, PrintWriter err) {
        if (finished) {
            return;
        }
        String caller = exitCaller();
        String resume = resultFile + " keeps every cell finished before that (the run is marked unfinished); "
                + "finish it with: nathear run --resume " + runDir;
        if (caller == null) {
            err.println("nathear: the run was interrupted before it finished; " + resume);
            err.flush();
            return;
        }
        err.println("nathear: the run was ended by System.exit called from " + caller
                + " before it finished; exit code " + NathearCli.EXIT_INTERRUPTED + " instead. " + resume);
        err.flush();
        Runtime.getRuntime().halt(NathearCli.EXIT_INTERRUPTED);
    }

    /**
     * The first frame outside the JDK below a {@code Runtime.exit} call on any live thread, or null
     * when no thread is exiting that way (a signal, or the end of {@code main}).
     */
    private static String frame(StackTraceElement e) {
        return e.getClassName() + "." + e.getMethodName() + "(" + (e.getFileName() == null ? "unknown source"
                : e.getFileName() + (e.getLineNumber() > 0 ? ":" + e.getLineNumber() : "")) + ")";
    }

    static String exitCaller() {
        for (StackTraceElement[] stack : Thread.getAllStackTraces().values()) {
            for (int i = 0; i < stack.length; i++) {
                if (stack[i].getClassName().equals("java.lang.Runtime") && stack[i].getMethodName().equals("exit")) {
                    for (int j = i + 1; j < stack.length; j++) {
                        String cls = stack[j].getClassName();
                        if (!cls.startsWith("java.") && !cls.startsWith("jdk.")) {
                            return frame(stack[j]);
                        }
                    }
                    return frame(stack[i]);
                }
            }
        }
        return null;
    }
}
