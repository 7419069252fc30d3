package org.nathear.tasks.acoustics;

import org.nathear.api.Label.DirectionLabel;

/**
 * A point or vector in metres. In a room, x runs along its length, y along its width and z up from
 * the floor; relative to a listener's head, x points to the front, y to the left and z up (the
 * convention of {@link DirectionLabel}).
 */
public record Vec3(double x, double y, double z) {
    public static final Vec3 ZERO = new Vec3(0, 0, 0);

    public Vec3 plus(Vec3 o) {
        return new Vec3(x + o.x, y + o.y, z + o.z);
    }

    public Vec3 minus(Vec3 o) {
        return new Vec3(x - o.x, y - o.y, z - o.z);
    }

    public Vec3 times(double s) {
        return new Vec3(x * s, y * s, z * s);
    }

    public double dot(Vec3 o) {
        return x * o.x + y * o.y + z * o.z;
    }

    public double norm() {
        return Math.sqrt(x * x + y * y + z * z);
    }

    /** This vector scaled to length 1 (the zero vector stays zero). */
    public Vec3 unit() {
        double n = norm();
        return n == 0 ? this : times(1 / n);
    }

    /** The unit vector of azimuth (counter-clockwise from +x, towards +y) and elevation (towards +z), degrees. */
    public static Vec3 fromDegrees(double azimuthDegrees, double elevationDegrees) {
        double az = Math.toRadians(azimuthDegrees);
        double el = Math.toRadians(elevationDegrees);
        return new Vec3(Math.cos(el) * Math.cos(az), Math.cos(el) * Math.sin(az), Math.sin(el));
    }

    /** Azimuth in degrees, in [0, 360): counter-clockwise from +x towards +y. */
    public double azimuthDegrees() {
        double a = Math.toDegrees(Math.atan2(y, x));
        return a < 0 ? a + 360 : a;
    }

    /** Elevation in degrees, in [-90, 90]. */
    public double elevationDegrees() {
        double n = norm();
        return n == 0 ? 0 : Math.toDegrees(Math.asin(Math.max(-1, Math.min(1, z / n))));
    }

    /** The direction as a localization label (normalised). */
    public DirectionLabel toLabel() {
        return new DirectionLabel(x, y, z);
    }
}
