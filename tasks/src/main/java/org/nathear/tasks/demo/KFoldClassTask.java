package org.nathear.tasks.demo;

import java.util.ArrayList;
import java.util.List;
import org.nathear.api.Metric;
import org.nathear.api.SplitMode;
import org.nathear.api.TaskKind;
import org.nathear.api.util.Seeds;
import org.nathear.tasks.hear.HearFormat;

/** A multiclass demo task with the same number of clips per class in each of five folds. */
abstract class KFoldClassTask extends DemoTaskGenerator {
    static final int FOLDS = 5;

    /** Clips per class per fold. */
    abstract int clipsPerClassPerFold();

    @Override
    final TaskKind kind() {
        return TaskKind.SCENE_MULTICLASS;
    }

    @Override
    final SplitMode splitMode() {
        return SplitMode.NEW_SPLIT_KFOLD;
    }

    @Override
    final List<String> splits() {
        List<String> folds = new ArrayList<>();
        for (int i = 0; i < FOLDS; i++) {
            folds.add(HearFormat.foldName(i));
        }
        return folds;
    }

    @Override
    final List<Metric> metrics() {
        return List.of(Metric.TOP1_ACC, Metric.MAP);
    }

    @Override
    final List<ClipPlan> plan(long seed) {
        List<ClipPlan> clips = new ArrayList<>();
        int index = 0;
        List<String> classes = vocabulary();
        int perClass = clipsPerClassPerFold() * FOLDS;
        for (int c = 0; c < classes.size(); c++) {
            for (int i = 0; i < perClass; i++) {
                clips.add(new ClipPlan(index, foldOf(i, FOLDS), List.of(classes.get(c)), c,
                        Seeds.chain(seed, taskName().hashCode(), index)));
                index++;
            }
        }
        return clips;
    }
}
