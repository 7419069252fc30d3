package org.nathear.api;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The one rule set for valid model output: the HEAR API's promises, checked against the descriptor
 * and the clips of the call. Each method returns the problems found (empty when the output is fine),
 * each a phrase that completes "the model returned ...". Used by the runner's model guard at run
 * time, by {@code nathear validate-model}, and by the contract kit ({@code ModelPluginContract} in
 * the harness-api test-jar), so the three never disagree.
 *
 * <ul>
 *   <li>scene embeddings: one per clip, of the declared size, finite;</li>
 *   <li>timestamp embeddings: one sequence per clip, at least one frame, frames of the declared size,
 *       finite; timestamps finite, within the clip (0 to its duration), strictly increasing, and every
 *       hop within {@value #HOP_TOLERANCE_MILLIS} ms of the <em>declared</em> hop.</li>
 * </ul>
 *
 * <p>Declared hop, not mean hop: hear-validator compares hops with their mean, which accepts a model
 * whose regular hop differs from the one its descriptor declares. nathear's event protocol and
 * reports read the declared hop (e.g. validate-model's frame-count checks), so a descriptor that
 * misstates it is an error; every hop within 1 ms of the declared one also keeps every hop within
 * 2 ms of the mean.
 */
public final class ModelOutputRules {
    /** Largest deviation of a timestamp hop from the declared hop (hear-validator's rule). */
    public static final double HOP_TOLERANCE_MILLIS = 1.0;
    /** Slack for a last timestamp at the very end of the clip (rounding of sample positions). */
    public static final double END_TOLERANCE_MILLIS = 1e-6;
    private static final int MAX_PROBLEMS = 5;

    private ModelOutputRules() {
    }

    /** Problems of scene embeddings {@code [clip][dim]} for {@code clipCount} clips. */
    public static List<String> scene(float[][] out, int clipCount, ModelDescriptor d) {
        List<String> problems = new ArrayList<>();
        if (out == null) {
            problems.add("null instead of " + clipCount + " scene embedding(s)");
            return problems;
        }
        if (out.length != clipCount) {
            problems.add(out.length + " scene embedding(s) for " + clipCount + " clip(s)");
            return problems;
        }
        VectorProblems vectors = new VectorProblems(d.sceneEmbeddingSize(), "scene");
        for (int c = 0; c < out.length; c++) {
            vectors.check(out[c], "the scene embedding of clip " + c);
        }
        vectors.report(out.length + " scene embedding(s)", problems);
        return problems;
    }

    /** Problems of timestamp embeddings for the clips of a call. */
    public static List<String> timestamps(List<FrameEmbeddings> out, List<AudioClip> clips, ModelDescriptor d) {
        List<String> problems = new ArrayList<>();
        if (out == null) {
            problems.add("null instead of timestamp embeddings for " + clips.size() + " clip(s)");
            return problems;
        }
        if (out.size() != clips.size()) {
            problems.add(out.size() + " timestamp embedding sequence(s) for " + clips.size() + " clip(s)");
            return problems;
        }
        for (int c = 0; c < out.size() && problems.size() < MAX_PROBLEMS; c++) {
            FrameEmbeddings f = out.get(c);
            if (f == null || f.frameCount() == 0) {
                problems.add((f == null ? "null" : "no frames") + " for clip " + c + " (at least one frame is needed)");
                continue;
            }
            VectorProblems vectors = new VectorProblems(d.timestampEmbeddingSize(), "timestamp");
            for (int k = 0; k < f.frameCount(); k++) {
                vectors.check(f.embeddings()[k], "frame " + k + " of clip " + c);
            }
            vectors.report(f.frameCount() + " frame(s) of clip " + c, problems);
            double durationMillis = clips.get(c).frameCount() * 1000.0 / clips.get(c).sampleRateHz();
            double[] t = f.timestampsMillis();
            for (int k = 0; k < t.length && problems.size() < MAX_PROBLEMS; k++) {
                if (!Double.isFinite(t[k]) || t[k] < -END_TOLERANCE_MILLIS || t[k] > durationMillis + END_TOLERANCE_MILLIS) {
                    problems.add(String.format(Locale.ROOT, "timestamp %s ms for frame %d of clip %d, outside the clip (0 to %.3f ms)",
                            t[k], k, c, durationMillis));
                    break;
                }
                if (k > 0 && !(t[k] > t[k - 1])) {
                    problems.add(String.format(Locale.ROOT, "timestamps that do not increase: %.3f ms for frame %d after %.3f ms"
                            + " for frame %d of clip %d", t[k], k, t[k - 1], k - 1, c));
                    break;
                }
                if (k > 0 && Math.abs(t[k] - t[k - 1] - d.timestampHopMillis()) > HOP_TOLERANCE_MILLIS) {
                    problems.add(String.format(Locale.ROOT, "timestamps %.3f and %.3f ms for frames %d and %d of clip %d: a hop of"
                                    + " %.3f ms where the descriptor declares %.3f ms (at most %.0f ms deviation allowed)",
                            t[k - 1], t[k], k - 1, k, c, t[k] - t[k - 1], d.timestampHopMillis(), HOP_TOLERANCE_MILLIS));
                    break;
                }
            }
        }
        return problems;
    }

    /** Size and finiteness of many vectors, reported once: the first offender and how many there are. */
    private static final class VectorProblems {
        private final int size;
        private final String kind;
        private String firstWrongSize;
        private int wrongSize;
        private String firstNonFinite;
        private int nonFinite;

        VectorProblems(int size, String kind) {
            this.size = size;
            this.kind = kind;
        }

        void check(float[] v, String what) {
            if (v == null || v.length != size) {
                if (wrongSize++ == 0) {
                    firstWrongSize = (v == null ? "null" : v.length + " values") + " for " + what;
                }
                return;
            }
            for (int j = 0; j < v.length; j++) {
                if (!Float.isFinite(v[j])) {
                    if (nonFinite++ == 0) {
                        firstNonFinite = String.format(Locale.ROOT, "%s at dimension %d of %s", v[j], j, what);
                    }
                    return;
                }
            }
        }

        void report(String of, List<String> problems) {
            if (wrongSize > 0) {
                problems.add(String.format(Locale.ROOT, "%s; the descriptor declares %s embeddings of %d (%d of %s wrong)",
                        firstWrongSize, kind, size, wrongSize, of));
            }
            if (nonFinite > 0) {
                problems.add(String.format(Locale.ROOT, "a non-finite value (%s; %d of %s affected)", firstNonFinite, nonFinite, of));
            }
        }
    }
}
