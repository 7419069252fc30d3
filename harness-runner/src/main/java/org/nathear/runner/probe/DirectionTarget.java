package org.nathear.runner.probe;

/**
 * What a direction probe regresses. The cell always gives and receives unit vectors (x front, y
 * left, z up); the target transform encodes them for training and decodes predictions back, so a
 * probe can learn another parametrisation without any change on the cell side.
 *
 * <ul>
 *   <li>{@link #UNIT_VECTOR}: the three coordinates (nathear's default, no wrap-around);</li>
 *   <li>{@link #AZIMUTH_ELEVATION}: {@code [azimuth / 180°, elevation / 90°]}, both in [−1, 1] to
 *       suit a tanh output — the [azimuth, elevation] regression the GRAM paper reports for TUT
 *       REAL. Azimuth is measured counter-clockwise from the front (towards +y, the left), in
 *       (−180°, 180°]; elevation up from the horizontal plane. Azimuth wraps at the back (±180° are
 *       one direction but the farthest targets apart), which is that parametrisation's known cost.</li>
 * </ul>
 */
public enum DirectionTarget {
    UNIT_VECTOR(3),
    AZIMUTH_ELEVATION(2);

    private final int width;

    DirectionTarget(int width) {
        this.width = width;
    }

    /** Values per encoded target. */
    public int width() {
        return width;
    }

    /** Encodes a unit (or any non-zero) direction vector. */
    public double[] encode(double[] direction) {
        if (this == UNIT_VECTOR) {
            return direction.clone();
        }
        double x = direction[0];
        double y = direction[1];
        double z = direction[2];
        double azimuth = Math.toDegrees(Math.atan2(y, x));
        double elevation = Math.toDegrees(Math.atan2(z, Math.hypot(x, y)));
        return new double[] {azimuth / 180, elevation / 90};
    }

    /** Decodes an encoded prediction to a unit direction vector (a zero vector when it has no direction). */
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
        double azimuth = Math.toRadians(encoded[0] * 180);
        double elevation = Math.toRadians(Math.max(-90, Math.min(90, encoded[1] * 90)));
        return new double[] {Math.cos(elevation) * Math.cos(azimuth), Math.cos(elevation) * Math.sin(azimuth),
            Math.sin(elevation)};
    }
}
