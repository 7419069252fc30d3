package org.nathear.results.scores;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.nathear.api.ChannelLayout;
import org.nathear.api.ConfigurationException;
import org.nathear.api.TaskKind;
import org.nathear.results.schema.CellResult;
import org.nathear.results.schema.CellStatus;

class TaskGroupTest {
    private static CellResult cell(TaskKind kind, ChannelLayout layout, String primary, String rule) {
        return CellResult.builder().taskId("t").taskVersion("1").taskKind(kind).taskLayout(layout).modelId("m")
                .modelVersion("1").status(CellStatus.SUCCEEDED).message("").primaryMetric(primary).primaryScore(0.5)
                .channelRule(rule).seed(1L).build();
    }

    private static TaskGroup group(CellResult c) {
        return TaskGroup.classify("t", List.of(c), Map.of()).group();
    }

    @Test
    void classifiesByKindThenLayoutThenChannelRule() {
        assertEquals(TaskGroup.HEAR, group(cell(TaskKind.SCENE_MULTICLASS, ChannelLayout.MONO, "top1_acc", "as-is")));
        assertEquals(TaskGroup.NAT_HEAR, group(cell(TaskKind.SCENE_MULTICLASS, ChannelLayout.BINAURAL, "top1_acc", "as-is")));
        assertEquals(TaskGroup.NAT_HEAR, group(cell(TaskKind.EVENT, ChannelLayout.FOA, "event_onset_200ms_fms", "as-is")));
        assertEquals(TaskGroup.LOCALIZATION, group(cell(TaskKind.LOCALIZATION, ChannelLayout.FOA, "doa_error_mean_deg", "as-is")));
        assertEquals(TaskGroup.LOCALIZATION, group(cell(TaskKind.SELD, ChannelLayout.FOA, "event_onset_200ms_fms", "as-is")));
        // nathear.run/1 cells: no kind, no layout
        assertEquals(TaskGroup.LOCALIZATION, group(cell(null, null, "doa_error_median_deg", "as-is")));
        assertEquals(TaskGroup.NAT_HEAR, group(cell(null, null, "top1_acc", "foa->mono: omnidirectional channel W")));
        assertEquals(TaskGroup.HEAR, group(cell(null, null, "top1_acc", "mono->binaural: signal in both ears")));
        TaskGroup.Assignment unknown = TaskGroup.classify("t", List.of(cell(null, null, "top1_acc", "as-is")), Map.of());
        assertEquals(TaskGroup.HEAR, unknown.group());
        assertEquals("layout unknown (older result file); counted as HEAR", unknown.reason());
    }

    @Test
    void anOverrideWinsAndNamesAreParsedLeniently() {
        CellResult mono = cell(TaskKind.SCENE_MULTICLASS, ChannelLayout.MONO, "top1_acc", "as-is");
        assertEquals(TaskGroup.NAT_HEAR, TaskGroup.classify("t", List.of(mono), Map.of("t", TaskGroup.parse("Nat-HEAR"))).group());
        assertEquals(TaskGroup.NAT_HEAR, TaskGroup.parse("nat_hear"));
        assertEquals(TaskGroup.LOCALIZATION, TaskGroup.parse("doa"));
        assertThrows(ConfigurationException.class, () -> TaskGroup.parse("spatial"));
    }
}
