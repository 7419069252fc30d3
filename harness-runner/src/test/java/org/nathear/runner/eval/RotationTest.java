package org.nathear.runner.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.nathear.api.ChannelLayout;
import org.nathear.api.Metric;
import org.nathear.api.SplitMode;
import org.nathear.api.TaskDescriptor;
import org.nathear.api.TaskKind;

class RotationTest {
    private static TaskDescriptor task(SplitMode mode, List<String> splits) {
        return new TaskDescriptor("t-rot", "1", TaskKind.SCENE_MULTICLASS, ChannelLayout.MONO, List.of(Metric.TOP1_ACC),
                mode, splits, List.of("a", "b"), 1.0, "");
    }

    @Test
    void kFoldRotatesTestAndValidAndTrainsOnTheRest() {
        List<Rotation> r = Rotation.of(task(SplitMode.PRESPLIT_KFOLD, List.of("fold02", "fold00", "fold01", "fold03", "fold04")));
        assertEquals(5, r.size());
        assertEquals(new Rotation("fold00", "fold01", List.of("fold02", "fold03", "fold04")), r.get(0));
        assertEquals(new Rotation("fold04", "fold00", List.of("fold01", "fold02", "fold03")), r.get(4));
    }

    @Test
    void trainValidTestHasOneRotationTrainingOnTrainOnly() {
        assertEquals(List.of(new Rotation("test", "valid", List.of("train"))),
                Rotation.of(task(SplitMode.TRAIN_VALID_TEST, List.of("train", "valid", "test"))));
    }
}
