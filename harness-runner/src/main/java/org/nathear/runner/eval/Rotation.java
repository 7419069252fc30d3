package org.nathear.runner.eval;

import java.util.ArrayList;
import java.util.List;
import org.nathear.api.SplitMode;
import org.nathear.api.TaskDescriptor;

/**
 * One evaluation rotation, as hear-eval-kit builds them: for k-fold tasks test = fold i, valid =
 * fold (i+1) mod k, train = the other k−2 folds (folds sorted by name); trainvaltest tasks have one
 * rotation that trains on train only (valid is never merged in).
 */
public record Rotation(String test, String valid, List<String> train) {
    public Rotation {
        train = List.copyOf(train);
    }

    /** The rotations of a task, the first being the one the grid search runs on. */
    public static List<Rotation> of(TaskDescriptor task) {
        if (task.splitMode() == SplitMode.TRAIN_VALID_TEST) {
            return List.of(new Rotation("test", "valid", List.of("train")));
        }
        List<String> folds = new ArrayList<>(task.splits());
        folds.sort(null);
        int k = folds.size();
        List<Rotation> out = new ArrayList<>();
        for (int i = 0; i < k; i++) {
            String test = folds.get(i);
            String valid = folds.get((i + 1) % k);
            List<String> train = new ArrayList<>();
            for (String f : folds) {
                if (!f.equals(test) && !f.equals(valid)) {
                    train.add(f);
                }
            }
            out.add(new Rotation(test, valid, train));
        }
        return out;
    }
}
