package org.nathear.tasks.demo;

import java.util.List;
import java.util.SplittableRandom;
import org.nathear.api.ChannelLayout;
import org.nathear.api.Metric;
import org.nathear.api.SplitMode;
import org.nathear.api.TaskDescriptor;
import org.nathear.api.TaskKind;
import org.nathear.api.util.Seeds;

/**
 * One task of the demo suite: its description, a plan of its clips (split, labels, seed) and the
 * synthesis of one clip. Planning is cheap; rendering a clip depends only on its plan, so clips can
 * be rendered in any order or in parallel with the same result.
 */
abstract class DemoTaskGenerator {
    /** Every demo clip lasts this long. */
    static final double CLIP_SECONDS = 1.0;
    static final int CLIP_SAMPLES = Dsp.samples(CLIP_SECONDS);

    /** One planned clip: its index in the task, split, labels, a group (e.g. timbre family) and its own seed. */
    record ClipPlan(int index, String split, List<String> labels, int group, long seed) {
        ClipPlan {
            labels = List.copyOf(labels);
        }
    }

    /** HEAR's {@code task_name}, e.g. {@code demo-pitch}; the task id adds {@code -v1-full}. */
    abstract String taskName();

    abstract TaskKind kind();

    abstract SplitMode splitMode();

    abstract List<String> splits();

    abstract List<Metric> metrics();

    /** Class names in vocabulary order (sorted, as hear-preprocess writes them). */
    abstract List<String> vocabulary();

    abstract String description();

    /** The clips of the task for a suite seed. */
    abstract List<ClipPlan> plan(long seed);

    /** The samples of one clip at {@link Dsp#RATE_HZ}, {@link #CLIP_SAMPLES} long, within [-1, 1]. */
    abstract double[] render(ClipPlan clip, long seed);

    final String id() {
        return taskName() + "-" + DemoSuite.TASK_VERSION + "-full";
    }

    final TaskDescriptor descriptor() {
        return new TaskDescriptor(id(), DemoSuite.TASK_VERSION, kind(), ChannelLayout.MONO, metrics(), splitMode(),
                splits(), vocabulary(), CLIP_SECONDS, description());
    }

    /** A random stream for one purpose of this task, derived from the suite seed. */
    final SplittableRandom random(long seed, long... parts) {
        long[] all = new long[parts.length + 1];
        all[0] = taskName().hashCode();
        System.arraycopy(parts, 0, all, 1, parts.length);
        return new SplittableRandom(Seeds.chain(seed, all));
    }

    /** Puts clip i of each class into fold i mod k: every fold gets the same number of each class. */
    static String foldOf(int indexWithinClass, int folds) {
        return org.nathear.tasks.hear.HearFormat.foldName(indexWithinClass % folds);
    }

    /**
     * What every demo clip goes through last: a gentle random low-pass (a different "microphone"
     * per clip) and a noise floor relative to the clip's RMS.
     */
    static double[] channel(double[] x, SplittableRandom rng, double noiseFloorDb) {
        double[] y = Dsp.onePoleLowPass(x, Dsp.uniform(rng, 4500, 8000));
        double[] floor = Dsp.pink(rng, y.length);
        double gain = Dsp.rms(y) * Dsp.dbToGain(noiseFloorDb) / Math.max(1e-12, Dsp.rms(floor));
        for (int i = 0; i < y.length; i++) {
            y[i] += gain * floor[i];
        }
        return y;
    }
}
