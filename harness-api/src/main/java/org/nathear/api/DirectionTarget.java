package org.nathear.api;

import java.util.Arrays;

/**
 * What a localization probe regresses. Labels, predictions and metrics always use unit vectors
 * (x front, y left, z up); the target encodes a direction for training and decodes a prediction back,
 * so a probe can learn another parametrisation without any change on the cell side.
 *
 * <ul>
 *   <li>{@link #UNIT_VECTOR} ({@code unit-vector}): the three coordinates, nathear's default (no
 *       wrap-around anywhere on the sphere);</li>
 *   <li>{@link #AZIMUTH_ELEVATION} ({@code az-el}): {@code [azimuth / 180°, elevation / 90°]}, both in
 *       [−1, 1] to suit a tanh output — the [azimuth, elevation] regression the GRAM paper reports for
 *       TUT Sound Events 2018 REAL. Azimuth is measured counter-clockwise from the front (towards +y,
 *       the left), in (−180°, 180°]; elevation up from the horizontal plane. The regression treats the
 *       azimuth as a plain number, as the authors do: ±180° are one direction but the farthest targets
 *       apart, which is this parametrisation's known cost. The metrics wrap it (359° vs 1° is a 2° error).</li>
 * </ul>
 * A task declares its target in its metadata ({@code direction_target}); {@code nathear run
 * --doa-target} overrides it for a run.
 */
public enum DirectionTarget {
    /** The unit vector (x, y, z): three values, no wrap-around. */
    UNIT_VECTOR("unit-vector", 3),
    /** [azimuth / 180°, elevation / 90°]: two values, the paper's TUT REAL regression. */
    AZIMUTH_ELEVATION("az-el", 2);

    private final String id;
    private final int width;

    DirectionTarget(String id, int width) {
        this.id = id;
        this.width = width;
    }

    /** The name in task metadata, on the command line and in result files. */
    public String id() {
        return id;
    }

    /** Values per encoded target. */
    public int width() {
        return width;
    }

    /** Looks a target up by its id; the error lists the known ids. */
    public static DirectionTarget fromId(String id) {
        for (DirectionTarget t : values()) {
            if (t.id.equals(id)) {
                return t;
            }
        }
        throw new ConfigurationException("Unknown direction target '" + id + "'; known: "
                + Arrays.stream(values()).map(DirectionTarget::id).toList());
    }

    /** Encodes a unit (or any non-zero) direction vector. */
    public double[] encode(double[] direction) {
        if (this == UNIT_VECTOR) {
            return direction.clone();
        }
        return new double[] {azimuthDegrees(direction) / 180, elevationDegrees(direction) / 90};
    }

    /**
     * The azimuth of a direction vector (x front, y left, z up), degrees counter-clockwise from the
     * front, in (−180°, 180°]: {@code atan2(y, x)}. The one conversion used for encoding, metrics and
     * saved angles.
     */
    public static double azimuthDegrees(double[] direction) {
        return Math.toDegrees(Math.atan2(direction[1], direction[0]));
    }

    /** The elevation of a direction vector, degrees up from the horizontal plane: {@code atan2(z, √(x² + y²))}. */
    public static double elevationDegrees(double[] direction) {
        return Math.toDegrees(Math.atan2(direction[2], Math.hypot(direction[0], direction[1])));
    }

    /**
     * Decodes an encoded prediction to a unit direction vector (a zero vector when it has no
     * direction). Azimuths outside [−1, 1] wrap around; elevations are clipped to ±90°.
     */
    public double[] decode(double[] encoded) {
        if (this == UNIT_VECTOR) {
            double n = Math.sqrt(encoded[0] * encoded[0] + encoded[1] * encoded[1] + encoded[2] * encoded[2]);
            double[] out = encoded.clone();
            if (n > 0 && Double.isFinite(n)) {
                for (int d = 0; d < 3; d++) {
                    out[d] /= n;
                }
            }
            return out;
        }
        if (!Double.isFinite(encoded[0]) || !Double.isFinite(encoded[1])) {
            return new double[3];
        }
        double azimuth = Math.toRadians(encoded[0] * 180);
        double elevation = Math.toRadians(Math.max(-90, Math.min(90, encoded[1] * 90)));
        return new double[] {Math.cos(elevation) * Math.cos(azimuth), Math.cos(elevation) * Math.sin(azimuth),
            Math.sin(elevation)};
    }
}
