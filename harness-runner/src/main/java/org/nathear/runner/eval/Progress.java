package org.nathear.runner.eval;

import java.io.PrintWriter;
import java.util.Locale;

/**
 * Progress for long steps, written to the command's error writer. Plain (logs, CI, a pipe): at most
 * one line every {@code intervalMillis} plus one when a step finishes, so logs stay readable. Live
 * (a terminal): one bar redrawn in place ({@code \r}) about ten times a second; other lines print
 * above it and the bar becomes the step's final line when the step finishes.
 */
public final class Progress {
    private static final int BAR_WIDTH = 30;
    private static final long LIVE_INTERVAL_MILLIS = 100;

    private final PrintWriter out;
    private final long intervalMillis;
    private final boolean quiet;
    private final boolean live;
    private boolean barShown;

    public Progress(PrintWriter out, long intervalMillis, boolean quiet) {
        this(out, intervalMillis, quiet, false);
    }

    private Progress(PrintWriter out, long intervalMillis, boolean quiet, boolean live) {
        this.out = out;
        this.intervalMillis = intervalMillis;
        this.quiet = quiet;
        this.live = live;
    }

    /**
     * Progress for a command: a live bar when the process runs on a terminal ({@code System.console()}
     * is there and {@code TERM} is not {@code dumb}), plain lines every 2 s otherwise.
     */
    public static Progress forStream(PrintWriter out, boolean quiet) {
        String term = System.getenv("TERM");
        boolean terminal = System.console() != null && !"dumb".equals(term);
        return new Progress(out, terminal ? LIVE_INTERVAL_MILLIS : 2000, quiet, terminal);
    }

    /** Live-bar progress regardless of the terminal (for tests). */
    static Progress live(PrintWriter out, long intervalMillis) {
        return new Progress(out, intervalMillis, false, true);
    }

    /** True when progress is drawn as a live bar. */
    public boolean live() {
        return live;
    }

    /** The bar for {@code done} of {@code total}, e.g. {@code [#########.....]  60%}. */
    static String bar(int done, int total) {
        double fraction = total <= 0 ? 1 : Math.min(1, Math.max(0, (double) done / total));
        int filled = (int) Math.round(fraction * BAR_WIDTH);
        return "[" + "#".repeat(filled) + ".".repeat(BAR_WIDTH - filled) + "] "
                + String.format(Locale.ROOT, "%3.0f%%", 100 * fraction);
    }

    private synchronized void drawBar(String text) {
        out.print("\r\033[K" + text);
        out.flush();
        barShown = true;
    }

    /** A progress counter for one step. */
    public Step start(String label, int total) {
        return new Step(label, total);
    }

    /** Prints one line (unless quiet), above the live bar if one is shown. */
    public synchronized void line(String text) {
        if (!quiet) {
            if (barShown) {
                out.print("\r\033[K");
                barShown = false;
            }
            out.println(org.nathear.results.boards.SafeText.terminal(text)); // clip ids and messages may hold escape sequences
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
                if (live) {
                    if (!quiet) {
                        drawBar(String.format(Locale.ROOT, "%s %s %d/%d %.1f s", label, bar(done, total), done, total,
                                (now - startNanos) / 1e9));
                    }
                    return;
                }
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
