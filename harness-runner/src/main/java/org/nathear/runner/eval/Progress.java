package org.nathear.runner.eval;

import java.io.PrintWriter;
import java.util.Locale;

/**
 * Progress lines for long steps, written to the command's error writer: at most one line every
 * {@code intervalMillis} plus one when a step finishes, so logs stay readable in CI.
 */
public final class Progress {
    private final PrintWriter out;
    private final long intervalMillis;
    private final boolean quiet;

    public Progress(PrintWriter out, long intervalMillis, boolean quiet) {
        this.out = out;
        this.intervalMillis = intervalMillis;
        this.quiet = quiet;
    }

    /** A progress counter for one step. */
    public Step start(String label, int total) {
        return new Step(label, total);
    }

    /** Prints one line (unless quiet). */
    public void line(String text) {
        if (!quiet) {
            out.println(org.nathear.results.SafeText.terminal(text)); // clip ids and messages may hold escape sequences
            out.flush();
        }
    }

    /** Counts work done in one step. */
    public final class Step {
        private final String label;
        private final int total;
        private final long startNanos = System.nanoTime();
        private long lastPrint = System.nanoTime();
        private int done;

        private Step(String label, int total) {
            this.label = label;
            this.total = total;
        }

        public synchronized void advance(int n) {
            done += n;
            long now = System.nanoTime();
            if ((now - lastPrint) / 1_000_000 >= intervalMillis && done < total) {
                lastPrint = now;
                line(String.format(Locale.ROOT, "%s %d/%d (%.0f%%) %.1f s", label, done, total,
                        100.0 * done / Math.max(1, total), (now - startNanos) / 1e9));
            }
        }

        public void finish(String summary) {
            line(String.format(Locale.ROOT, "%s %d/%d done in %.1f s%s", label, done, total,
                    (System.nanoTime() - startNanos) / 1e9, summary.isEmpty() ? "" : " (" + summary + ")"));
        }
    }
}
