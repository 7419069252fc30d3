package org.nathear.tasks.acoustics.receivers;

import org.nathear.tasks.acoustics.Vec3;

/** Direction of arrival from first-order Ambisonics by the active intensity vector (test helper). */
final class IntensityVectors {
    private IntensityVectors() {
    }

    /**
     * The broadband active intensity direction of ACN/SN3D channels: the sum over time of
     * {@code W·[X, Y, Z]}, which by Parseval equals the sum over frequency of {@code Re(W* [X, Y, Z])}.
     */
    static Vec3 direction(float[][] foa) {
        double x = 0;
        double y = 0;
        double z = 0;
        for (int t = 0; t < foa[0].length; t++) {
            double w = foa[0][t];
            x += w * foa[3][t];
            y += w * foa[1][t];
            z += w * foa[2][t];
        }
        return new Vec3(x, y, z).unit();
    }

    static double angleDegrees(Vec3 a, Vec3 b) {
        return Math.toDegrees(Math.acos(Math.max(-1, Math.min(1, a.unit().dot(b.unit())))));
    }
}
