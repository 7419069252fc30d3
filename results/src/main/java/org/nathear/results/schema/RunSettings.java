package org.nathear.results.schema;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the user asked for.
 *
 * @param seed      the run seed; every cell's seed is derived from it
 * @param probe     the probe family ({@code linear})
 * @param modelIds  models, in the order given
 * @param taskIds   tasks, in the order given
 * @param options   other settings that affect scores (model options, grid, …), as text
 */
public record RunSettings(long seed, String probe, List<String> modelIds, List<String> taskIds,
                          Map<String, String> options) {
    public RunSettings {
        modelIds = List.copyOf(modelIds);
        taskIds = List.copyOf(taskIds);
        options = options == null ? Map.of() : new TreeMap<>(options);
    }
}
