package org.nathear.tasks.spatial.scene;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.nathear.api.ConfigurationException;
import org.nathear.tasks.acoustics.Listener;
import org.nathear.tasks.acoustics.OctaveBands;
import org.nathear.tasks.acoustics.Room;
import org.nathear.tasks.acoustics.RoomSimulator;
import org.nathear.tasks.acoustics.Vec3;
import org.nathear.tasks.acoustics.Wall;

/**
 * Draws simulated scenes after the GRAM paper (Sections 3.1 and 3.3). The paper's scenes come from
 * Matterport3D houses rendered with SoundSpaces and it gives neither room sizes nor RT60s; the
 * shoebox sizes and the RT60 range below are nathear's choices ({@link Settings#nathear()}): rooms of
 * ordinary houses and offices, and the reverberation range of furnished living spaces. The source
 * distances, 1.5 m listener height, noise layout and SNR range are the paper's:
 * <ul>
 *   <li>a shoebox room whose size and wall absorption give a mid-band Eyring RT60 drawn uniformly
 *       from [{@code minRt60}, {@code maxRt60}] (0.2-1.2 s): length, width and height uniform in
 *       their ranges; an absorption spectrum mixed from three shapes (flat, porous — rising with
 *       frequency, panel — falling) with Dirichlet(1, 1, 1) weights; a per-wall factor uniform in
 *       [0.5, 1.5]; all scaled (bisection) to hit the RT60, coefficients capped at 0.95;</li>
 *   <li>a listener at {@code listenerHeight} (1.5 m, the paper's agent height) at least 0.5 m from
 *       the walls, head yaw uniform in [0°, 360°);</li>
 *   <li>the source at a distance uniform in [1.5, 5] m, azimuth uniform in [0°, 360°) and elevation
 *       in [−90°, 90°] (uniform on the sphere) relative to the head, redrawn until it lies inside the
 *       room at least {@code wallMargin} from the walls — low ceilings therefore favour directions
 *       near the horizontal, and the recorded direction is the one used;</li>
 *   <li>noise localized (one source, probability 0.5) or diffuse (3-5 sources), each anywhere in
 *       the room (the margin from the walls, at least 1 m from the listener);</li>
 *   <li>an SNR uniform in [5, 40] dB.</li>
 * </ul>
 */
public final class SceneSampler {
    /** Relative absorption per octave band of the three spectrum shapes mixed per room. */
    private static final double[][] SHAPES = {
            {1, 1, 1, 1, 1, 1, 1},                       // flat
            {0.35, 0.55, 0.8, 1.0, 1.15, 1.25, 1.3},      // porous: absorbs more at high frequencies
            {1.6, 1.35, 1.1, 1.0, 0.9, 0.85, 0.85},       // panel: absorbs more at low frequencies
    };
    private static final double MAX_ALPHA = 0.95;
    private static final double LISTENER_WALL_MARGIN = 0.5;
    private static final double NOISE_MIN_DISTANCE = 1.0;

    /**
     * Sampling ranges; {@link #nathear()} gives the defaults.
     */
    public record Settings(double minDistanceMeters, double maxDistanceMeters, double minRt60Seconds,
                           double maxRt60Seconds, double minLengthMeters, double maxLengthMeters, double minWidthMeters,
                           double maxWidthMeters, double minHeightMeters, double maxHeightMeters,
                           double listenerHeightMeters, double wallMarginMeters, double localizedNoiseProbability,
                           int minDiffuseSources, int maxDiffuseSources, double minSnrDb, double maxSnrDb) {
        public Settings {
            if (!(minDistanceMeters > 0 && maxDistanceMeters >= minDistanceMeters && minRt60Seconds > 0
                    && maxRt60Seconds >= minRt60Seconds && minLengthMeters > 2 * LISTENER_WALL_MARGIN
                    && maxLengthMeters >= minLengthMeters && minWidthMeters > 2 * LISTENER_WALL_MARGIN
                    && maxWidthMeters >= minWidthMeters && minHeightMeters > listenerHeightMeters
                    && maxHeightMeters >= minHeightMeters && listenerHeightMeters > 0 && wallMarginMeters >= 0
                    && localizedNoiseProbability >= 0 && localizedNoiseProbability <= 1 && minDiffuseSources >= 1
                    && maxDiffuseSources >= minDiffuseSources && maxSnrDb >= minSnrDb)) {
                throw new ConfigurationException("Inconsistent scene sampler settings: " + "distance " + minDistanceMeters
                        + "-" + maxDistanceMeters + " m, RT60 " + minRt60Seconds + "-" + maxRt60Seconds + " s, room "
                        + minLengthMeters + "-" + maxLengthMeters + " x " + minWidthMeters + "-" + maxWidthMeters + " x "
                        + minHeightMeters + "-" + maxHeightMeters + " m, listener height " + listenerHeightMeters
                        + " m, diffuse sources " + minDiffuseSources + "-" + maxDiffuseSources + ", SNR " + minSnrDb + "-"
                        + maxSnrDb + " dB");
            }
        }

        /**
         * nathear's default scenes. From the paper: source 1.5-5 m, listener at 1.5 m, localized (1) or
         * diffuse (3-5) noise sources, SNR 5-40 dB. nathear's choices (the paper used Matterport3D houses
         * and states neither): rooms 4-10 × 3.5-8 × 2.5-4 m (rooms of houses and offices, large enough for
         * 5 m sources) and mid-band RT60 0.2-1.2 s (furnished rooms to bare, hard ones).
         */
        public static Settings nathear() {
            return new Settings(1.5, 5, 0.2, 1.2, 4, 10, 3.5, 8, 2.5, 4, 1.5, 0.3, 0.5, 3, 5, 5, 40);
        }
    }

    /** A drawn scene in acoustic terms, with its record. */
    public record Scene(Room room, Listener listener, Vec3 source, List<Vec3> noiseSources, SceneParameters parameters) {
        public Scene {
            noiseSources = List.copyOf(noiseSources);
        }
    }

    private final Settings settings;
    private final RoomSimulator.Settings roomSettings;

    public SceneSampler(Settings settings, RoomSimulator.Settings roomSettings) {
        this.settings = settings;
        this.roomSettings = roomSettings;
    }

    public Settings settings() {
        return settings;
    }

    /** Draws one scene. */
    public Scene sample(SplittableRandom random, SpatialFormat format, String receiverDescription) {
        for (int attempt = 0; attempt < 1000; attempt++) {
            Room room = room(random);
            if (room == null) {
                continue;
            }
            for (int placement = 0; placement < 20; placement++) {
                Listener listener = new Listener(new Vec3(
                        uniform(random, LISTENER_WALL_MARGIN, room.lengthMeters() - LISTENER_WALL_MARGIN),
                        uniform(random, LISTENER_WALL_MARGIN, room.widthMeters() - LISTENER_WALL_MARGIN),
                        settings.listenerHeightMeters()), uniform(random, 0, 360));
                Vec3 source = source(random, room, listener);
                if (source == null) {
                    continue;
                }
                boolean localized = random.nextDouble() < settings.localizedNoiseProbability();
                int count = localized ? 1 : settings.minDiffuseSources()
                        + random.nextInt(settings.maxDiffuseSources() - settings.minDiffuseSources() + 1);
                List<Vec3> noise = new ArrayList<>();
                for (int i = 0; i < count; i++) {
                    noise.add(noisePosition(random, room, listener));
                }
                double snr = uniform(random, settings.minSnrDb(), settings.maxSnrDb());
                double transition = Double.isNaN(roomSettings.transitionMillis())
                        ? RoomSimulator.autoTransitionMillis(room) : roomSettings.transitionMillis();
                List<SceneParameters.SourceSpec> noiseSpecs = noise.stream()
                        .map(p -> SceneParameters.SourceSpec.of(p, listener)).toList();
                SceneParameters parameters = new SceneParameters(format.id(), "simulated", receiverDescription,
                        SceneParameters.RoomSpec.of(room, transition), SceneParameters.ListenerSpec.of(listener),
                        SceneParameters.SourceSpec.of(source, listener),
                        new SceneParameters.NoiseSpec(localized ? "localized" : "diffuse", noiseSpecs, snr));
                return new Scene(room, listener, source, noise, parameters);
            }
        }
        throw new ConfigurationException("Could not place a source " + settings.minDistanceMeters() + "-"
                + settings.maxDistanceMeters() + " m from the listener in 1000 sampled rooms; the room size ranges are too small");
    }

    /** A source inside the room at the sampled distance and direction, or null when none fits after many tries. */
    private Vec3 source(SplittableRandom random, Room room, Listener listener) {
        for (int i = 0; i < 200; i++) {
            double azimuth = uniform(random, 0, 360);
            double elevation = Math.toDegrees(Math.asin(uniform(random, -1, 1)));
            double distance = uniform(random, settings.minDistanceMeters(), settings.maxDistanceMeters());
            Vec3 p = listener.position().plus(listener.toRoom(Vec3.fromDegrees(azimuth, elevation)).times(distance));
            if (room.contains(p, settings.wallMarginMeters())) {
                return p;
            }
        }
        return null;
    }

    private Vec3 noisePosition(SplittableRandom random, Room room, Listener listener) {
        double m = settings.wallMarginMeters();
        Vec3 p = null;
        for (int i = 0; i < 100; i++) {
            p = new Vec3(uniform(random, m, room.lengthMeters() - m), uniform(random, m, room.widthMeters() - m),
                    uniform(random, m, room.heightMeters() - m));
            if (p.minus(listener.position()).norm() >= NOISE_MIN_DISTANCE) {
                return p;
            }
        }
        return p;
    }

    /** A room with the target RT60, or null when the drawn shape cannot reach it. */
    private Room room(SplittableRandom random) {
        double target = uniform(random, settings.minRt60Seconds(), settings.maxRt60Seconds());
        double length = uniform(random, settings.minLengthMeters(), settings.maxLengthMeters());
        double width = uniform(random, settings.minWidthMeters(), settings.maxWidthMeters());
        double height = uniform(random, settings.minHeightMeters(), settings.maxHeightMeters());
        double[] mix = new double[SHAPES.length];
        double total = 0;
        for (int i = 0; i < mix.length; i++) {
            mix[i] = -Math.log(1 - random.nextDouble()); // Exp(1): normalised, a Dirichlet(1, 1, 1) draw
            total += mix[i];
        }
        double[] shape = new double[OctaveBands.COUNT];
        for (int b = 0; b < shape.length; b++) {
            for (int i = 0; i < mix.length; i++) {
                shape[b] += mix[i] / total * SHAPES[i][b];
            }
        }
        double[] wallFactor = new double[Wall.values().length];
        for (int w = 0; w < wallFactor.length; w++) {
            wallFactor[w] = uniform(random, 0.5, 1.5);
        }
        double lo = 0;
        double hi = MAX_ALPHA / minPositive(shape, wallFactor);
        Room loudest = build(length, width, height, shape, wallFactor, hi);
        if (loudest.midBandRt60Seconds() > target) {
            return null; // even the most absorbing walls ring too long
        }
        for (int i = 0; i < 60; i++) {
            double mid = 0.5 * (lo + hi);
            if (mid == 0 || build(length, width, height, shape, wallFactor, mid).midBandRt60Seconds() > target) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return build(length, width, height, shape, wallFactor, hi);
    }

    private static double minPositive(double[] shape, double[] wallFactor) {
        double min = Double.POSITIVE_INFINITY;
        for (double s : shape) {
            for (double w : wallFactor) {
                min = Math.min(min, s * w);
            }
        }
        return min;
    }

    private static Room build(double length, double width, double height, double[] shape, double[] wallFactor, double scale) {
        double[][] a = new double[Wall.values().length][OctaveBands.COUNT];
        for (int w = 0; w < a.length; w++) {
            for (int b = 0; b < OctaveBands.COUNT; b++) {
                a[w][b] = Math.min(MAX_ALPHA, Math.max(1e-4, scale * shape[b] * wallFactor[w]));
            }
        }
        return new Room(length, width, height, a);
    }

    private static double uniform(SplittableRandom random, double lo, double hi) {
        return lo + (hi - lo) * random.nextDouble();
    }
}
