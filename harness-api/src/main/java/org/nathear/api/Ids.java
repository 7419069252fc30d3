package org.nathear.api;

import java.util.regex.Pattern;

/**
 * Plugin identifiers. Ids appear in cache keys and result files, so renaming one is a breaking
 * change.
 *
 * <p>Model ids match {@code [a-z][a-z0-9-]{1,63}}. Task ids follow HEAR's versioned task names
 * (e.g. {@code dcase2016_task2-hear2021-full}, {@code esc50-v2.0.0-full}) and so also allow
 * underscores and dots: {@code [a-z0-9][a-z0-9._-]{1,127}}.
 */
public final class Ids {
    /** Model ids: a lower-case letter, then 1 to 63 lower-case letters, digits or hyphens. */
    public static final Pattern MODEL_ID = Pattern.compile("[a-z][a-z0-9-]{1,63}");
    /** Task ids: a lower-case letter or digit, then 1 to 127 lower-case letters, digits, dots, underscores or hyphens. */
    public static final Pattern TASK_ID = Pattern.compile("[a-z0-9][a-z0-9._-]{1,127}");

    private Ids() {
    }

    /** Returns {@code id} when it is a valid model id; otherwise throws a {@link PluginException} naming it and the rule. */
    public static String requireModelId(String id) {
        if (id == null || !MODEL_ID.matcher(id).matches()) {
            throw new PluginException("Invalid model id '" + id + "': model ids must match " + MODEL_ID.pattern());
        }
        return id;
    }

    /** Returns {@code id} when it is a valid task id; otherwise throws a {@link TaskFormatException} naming it and the rule. */
    public static String requireTaskId(String id) {
        if (id == null || !TASK_ID.matcher(id).matches()) {
            throw new PluginException("Invalid task id '" + id + "': task ids must match " + TASK_ID.pattern());
        }
        return id;
    }
}
