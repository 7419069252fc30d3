package org.nathear.results.schema;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The probe of a cell: its name, every grid point tried on the first rotation with its validation
 * score, and the chosen hyperparameters (reused on the other rotations, as in HEAR).
 */
public record ProbeInfo(String name, List<GridPoint> grid, Map<String, String> chosen) {
    public ProbeInfo {
        grid = List.copyOf(grid);
        chosen = new TreeMap<>(chosen);
    }

    /** One grid point and its primary score on the validation split of the first rotation. */
    public record GridPoint(Map<String, String> hyperparameters, double validScore) {
        public GridPoint {
            hyperparameters = new TreeMap<>(hyperparameters);
        }
    }
}
