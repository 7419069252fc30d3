package org.nathear.results.scores;

import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.nathear.api.ChannelLayout;
import org.nathear.api.TaskKind;
import org.nathear.results.schema.CellResult;

/**
 * Which summary a task belongs to. s(m) is reported separately for {@link #HEAR} and
 * {@link #NAT_HEAR} tasks; {@link #LOCALIZATION} tasks are summarised in the DoA table instead (the
 * paper reports them apart from s(m)).
 *
 * <p>Rule ({@link #classify}), first match wins:
 * <ol>
 *   <li>an explicit override ({@code --task-group TASK=GROUP});</li>
 *   <li>{@code LOCALIZATION} or {@code SELD} task kind, or a DoA primary metric
 *       ({@code doa_*}) → localization;</li>
 *   <li>the task's channel layout: {@code BINAURAL} or {@code FOA} → Nat-HEAR (the naturalistic,
 *       spatial version of a task), {@code MONO} → HEAR;</li>
 *   <li>layout unknown ({@code nathear.run/1} files): the channel rule of its cells
 *       ({@code binaural->…}, {@code foa->…} → Nat-HEAR; {@code mono->…} → HEAR);</li>
 *   <li>otherwise HEAR, with a note.</li>
 * </ol>
 */
public enum TaskGroup {
    HEAR("HEAR"),
    NAT_HEAR("Nat-HEAR"),
    LOCALIZATION("localization");

    private final String label;

    TaskGroup(String label) {
        this.label = label;
    }

    /** Name for people: {@code HEAR}, {@code Nat-HEAR}, {@code localization}. */
    public String label() {
        return label;
    }

    /** Parses {@code hear}, {@code nat-hear} (or {@code nathear}, {@code nat_hear}) or {@code localization}. */
    public static TaskGroup parse(String text) {
        String t = text == null ? "" : text.trim().toLowerCase(Locale.ROOT).replace('_', '-');
        return switch (t) {
            case "hear" -> HEAR;
            case "nat-hear", "nathear" -> NAT_HEAR;
            case "localization", "localisation", "doa" -> LOCALIZATION;
            default -> throw new org.nathear.api.ConfigurationException("Unknown task group '" + text
                    + "'; expected hear, nat-hear or localization");
        };
    }

    /** The group of a task and why. */
    public record Assignment(TaskGroup group, String reason) {
    }

    /**
     * Classifies a task from its cells (any status) by the rule in the class comment.
     *
     * @param overrides task id → group, from the user
     */
    public static Assignment classify(String taskId, List<CellResult> cells, Map<String, TaskGroup> overrides) {
        TaskGroup forced = overrides.get(taskId);
        if (forced != null) {
            return new Assignment(forced, "set by the user");
        }
        TaskKind kind = null;
        ChannelLayout layout = null;
        String primary = null;
        for (CellResult c : cells) {
            kind = kind == null ? c.taskKind() : kind;
            layout = layout == null ? c.taskLayout() : layout;
            primary = primary == null || primary.isEmpty() || "unknown".equals(primary) ? c.primaryMetric() : primary;
        }
        if (kind == TaskKind.LOCALIZATION || kind == TaskKind.SELD) {
            return new Assignment(LOCALIZATION, "task kind " + kind);
        }
        if (primary != null && primary.startsWith("doa_")) {
            return new Assignment(LOCALIZATION, "primary metric " + primary);
        }
        if (layout != null) {
            return layout == ChannelLayout.MONO ? new Assignment(HEAR, "mono task")
                    : new Assignment(NAT_HEAR, layout.name().toLowerCase(Locale.ROOT) + " task");
        }
        for (CellResult c : cells) {
            String rule = c.channelRule() == null ? "" : c.channelRule();
            if (rule.startsWith("binaural->") || rule.startsWith("foa->")) {
                return new Assignment(NAT_HEAR, "channel rule '" + rule + "'");
            }
            if (rule.startsWith("mono->")) {
                return new Assignment(HEAR, "channel rule '" + rule + "'");
            }
        }
        return new Assignment(HEAR, "layout unknown (older result file); counted as HEAR");
    }
}
