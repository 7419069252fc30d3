package org.nathear.tasks.acoustics;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.nathear.api.ConfigurationException;

/**
 * The image-source method for a shoebox room (Allen and Berkley, 1979): every specular reflection
 * path is a straight line from a mirror image of the source.
 *
 * <p>Along each axis the images sit at {@code 2 n L + (1 − 2 p) s} for integers {@code n} and
 * {@code p ∈ {0, 1}}; such an image has {@code |n − p|} reflections on the wall at 0 and {@code |n|}
 * on the wall at {@code L}. Every image whose path is shorter than {@code c · maxDelay} is returned,
 * whatever its reflection order, so a time limit covers all orders that arrive before it. Its
 * amplitude in band b is {@code Π_walls (1 − α_wall,b)^(count/2) / (4π r)}: pressure with the
 * direct path's spherical spreading, 1 at 1/(4π) m.
 */
public final class ImageSources {
    private ImageSources() {
    }

    /** Receives image paths one at a time; {@code bandAmplitudes} is reused between calls (read it, do not keep it). */
    @FunctionalInterface
    public interface Visitor {
        void path(double delaySeconds, double distanceMeters, Vec3 arrivalDirection, int order, double[] bandAmplitudes);
    }

    /**
     * Every image path from {@code source} to {@code receiver} arriving before {@code maxDelaySeconds},
     * sorted by delay. Keeps every path in memory: for long time limits use {@link #visit}.
     */
    public static List<Reflection> compute(Room room, Vec3 source, Vec3 receiver, double maxDelaySeconds) {
        List<Reflection> out = new ArrayList<>();
        visit(room, source, receiver, maxDelaySeconds,
                (delay, distance, direction, order, gains) -> out.add(new Reflection(delay, distance, direction, order, gains)));
        out.sort(Comparator.comparingDouble(Reflection::delaySeconds));
        return out;
    }

    /** Calls {@code visitor} for every image path arriving before {@code maxDelaySeconds}, in no particular order. */
    public static void visit(Room room, Vec3 source, Vec3 receiver, double maxDelaySeconds, Visitor visitor) {
        if (!room.contains(source, 0) || !room.contains(receiver, 0)) {
            throw new ConfigurationException("Source " + source + " and receiver " + receiver + " must lie inside " + room);
        }
        double c = Room.SPEED_OF_SOUND_METERS_PER_SECOND;
        double maxDistance = c * maxDelaySeconds;
        double[][] beta = new double[Wall.values().length][OctaveBands.COUNT];
        double[][] alpha = room.absorption();
        for (int w = 0; w < beta.length; w++) {
            for (int b = 0; b < OctaveBands.COUNT; b++) {
                beta[w][b] = Math.sqrt(1 - alpha[w][b]);
            }
        }
        Axis ax = Axis.of(room.lengthMeters(), source.x(), receiver.x(), maxDistance, beta[Wall.X_NEAR.ordinal()],
                beta[Wall.X_FAR.ordinal()]);
        Axis ay = Axis.of(room.widthMeters(), source.y(), receiver.y(), maxDistance, beta[Wall.Y_NEAR.ordinal()],
                beta[Wall.Y_FAR.ordinal()]);
        Axis az = Axis.of(room.heightMeters(), source.z(), receiver.z(), maxDistance, beta[Wall.FLOOR.ordinal()],
                beta[Wall.CEILING.ordinal()]);
        double max2 = maxDistance * maxDistance;
        double[] gain = new double[OctaveBands.COUNT];
        for (int i = 0; i < ax.size(); i++) {
            double dx = ax.offset[i];
            double dx2 = dx * dx;
            if (dx2 > max2) {
                continue;
            }
            for (int j = 0; j < ay.size(); j++) {
                double dy = ay.offset[j];
                double dxy2 = dx2 + dy * dy;
                if (dxy2 > max2) {
                    continue;
                }
                for (int k = 0; k < az.size(); k++) {
                    double dz = az.offset[k];
                    double r2 = dxy2 + dz * dz;
                    if (r2 >= max2) {
                        continue;
                    }
                    double r = Math.sqrt(r2);
                    double spreading = 1 / (4 * Math.PI * Math.max(r, 1e-3));
                    for (int b = 0; b < OctaveBands.COUNT; b++) {
                        gain[b] = ax.factor[i][b] * ay.factor[j][b] * az.factor[k][b] * spreading;
                    }
                    Vec3 direction = r > 0 ? new Vec3(dx / r, dy / r, dz / r) : new Vec3(1, 0, 0);
                    visitor.path(r / c, r, direction, ax.order[i] + ay.order[j] + az.order[k], gain);
                }
            }
        }
    }

    /** The images along one axis: offset from the receiver, reflection count and reflection factor per band. */
    private record Axis(double[] offset, int[] order, double[][] factor) {
        int size() {
            return offset.length;
        }

        static Axis of(double length, double source, double receiver, double maxDistance, double[] betaNear,
                       double[] betaFar) {
            int nMax = (int) Math.ceil(maxDistance / (2 * length)) + 1;
            int count = 2 * (2 * nMax + 1);
            double[] offset = new double[count];
            int[] order = new int[count];
            double[][] factor = new double[count][OctaveBands.COUNT];
            int i = 0;
            for (int n = -nMax; n <= nMax; n++) {
                for (int p = 0; p <= 1; p++) {
                    double image = 2 * n * length + (1 - 2 * p) * source;
                    int near = Math.abs(n - p);
                    int far = Math.abs(n);
                    offset[i] = image - receiver;
                    order[i] = near + far;
                    for (int b = 0; b < OctaveBands.COUNT; b++) {
                        factor[i][b] = Math.pow(betaNear[b], near) * Math.pow(betaFar[b], far);
                    }
                    i++;
                }
            }
            return new Axis(offset, order, factor);
        }
    }
}
