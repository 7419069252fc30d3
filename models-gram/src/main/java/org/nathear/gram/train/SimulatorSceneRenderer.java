package org.nathear.gram.train;

import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.nathear.api.ChannelLayout;
import org.nathear.api.ConfigurationException;
import org.nathear.tasks.dsp.FftConvolver;
import org.nathear.tasks.spatial.scene.SceneImpulseResponses;
import org.nathear.tasks.spatial.scene.SceneParameters;
import org.nathear.api.util.Seeds;

/**
 * GRAM's scene renderer on top of the Nat-HEAR scene simulator
 * ({@link org.nathear.tasks.spatial.scene.SceneSimulator}): the default for {@code nathear gram train}.
 *
 * <p>The simulator draws the room, listener, source position and noise positions (the paper's
 * ranges) and simulates the impulse responses; this adapter convolves GRAM's source with the source
 * response and GRAM's noise with each noise response (for a diffuse scene, 3-5 responses, each fed
 * the noise circularly shifted by its own random offset so the copies are uncorrelated). It does
 * <em>not</em> use the simulator's own noise bank, SNR or output gain: {@link SceneMixer} draws the
 * SNR from {@code --snr} once, scales the noise and handles the clean ratio λ, so noise is added
 * exactly once.
 *
 * <p>Simulating a room takes far longer than a training step's convolutions, so impulse responses
 * come from a pool: {@code poolSize} scenes per generation, generation {@code step / refreshSteps},
 * scene seed a function of (pool seed, generation, slot); each crop draws a slot from its own seed.
 * A pool entry is simulated once on first use and dropped two generations later. The result is a
 * pure function of (pool seed, step, crop seed): caching changes speed only, never the audio. With
 * {@code poolSize = 0} every call simulates a fresh scene from its seed (no reuse). Thread-safe.
 */
public final class SimulatorSceneRenderer implements SceneRenderer {
    /** Default scenes per pool generation. */
    public static final int DEFAULT_POOL_SIZE = 32;
    /** Default optimiser steps between pool generations. */
    public static final long DEFAULT_REFRESH_STEPS = 100;

    private final org.nathear.tasks.spatial.scene.SceneSimulator simulator;
    private final int poolSize;
    private final long refreshSteps;
    private final long poolSeed;
    private final ConcurrentHashMap<Long, Slot> pool = new ConcurrentHashMap<>();

    /** A simulated scene: its record and impulse responses. */
    record Entry(long generation, SceneParameters parameters, SceneImpulseResponses responses) {
    }

    /** Lazily simulated pool entry; other slots are not blocked while one simulates. */
    private static final class Slot {
        private Entry value;

        synchronized Entry get(Supplier<Entry> make) {
            if (value == null) {
                value = make.get();
            }
            return value;
        }
    }

    /**
     * @param simulator    the simulator (binaural or FOA, at the training rate)
     * @param poolSize     scenes per generation, 0 for a fresh scene per call
     * @param refreshSteps optimiser steps per generation (at least 1)
     * @param poolSeed     seed of the pool's scenes
     */
    public SimulatorSceneRenderer(org.nathear.tasks.spatial.scene.SceneSimulator simulator, int poolSize, long refreshSteps,
                                  long poolSeed) {
        if (simulator == null) {
            throw new ConfigurationException("The simulator scene renderer needs a Nat-HEAR SceneRenderer; got none");
        }
        if (poolSize < 0 || refreshSteps < 1) {
            throw new ConfigurationException("Scene pool needs size >= 0 and refresh interval >= 1 step; got size " + poolSize
                    + ", refresh " + refreshSteps);
        }
        this.simulator = simulator;
        this.poolSize = poolSize;
        this.refreshSteps = refreshSteps;
        this.poolSeed = poolSeed;
    }

    @Override
    public ChannelLayout layout() {
        return simulator.format().layout();
    }

    @Override
    public String description() {
        return String.format(Locale.ROOT, "nat-hear simulator/%s (%s; %s)", simulator.format().id(),
                simulator.receiver().description(), poolSize == 0 ? "a fresh room per clip"
                        : "pool of " + poolSize + " rooms redrawn every " + refreshSteps + " steps");
    }

    @Override
    public SpatialScene render(float[] source, float[] noise, int sampleRateHz, long seed) {
        return render(source, noise, sampleRateHz, seed, 0);
    }

    @Override
    public SpatialScene render(float[] source, float[] noise, int sampleRateHz, long seed, long step) {
        if (sampleRateHz != simulator.sampleRateHz()) {
            throw new ConfigurationException("Scene simulator runs at " + simulator.sampleRateHz() + " Hz; the training audio is at "
                    + sampleRateHz + " Hz");
        }
        if (noise.length != source.length) {
            throw new ConfigurationException("Source and noise must have the same length; got " + source.length + " and "
                    + noise.length + " samples");
        }
        SplittableRandom rng = new SplittableRandom(seed);
        Entry e = scene(rng, step);
        int n = source.length;
        float[][] src = FftConvolver.convolve(source, e.responses().source(), n);
        int channels = src.length;
        float[][] nz = new float[channels][n];
        List<float[][]> noiseIrs = e.responses().noise();
        for (float[][] h : noiseIrs) {
            int shift = noiseIrs.size() == 1 || n == 0 ? 0 : rng.nextInt(n);
            float[] shifted = new float[n];
            System.arraycopy(noise, shift, shifted, 0, n - shift);
            System.arraycopy(noise, 0, shifted, n - shift, shift);
            float[][] wet = FftConvolver.convolve(shifted, h, n);
            for (int c = 0; c < channels; c++) {
                for (int i = 0; i < n; i++) {
                    nz[c][i] += wet[c][i];
                }
            }
        }
        SceneParameters p = e.parameters();
        String what = String.format(Locale.ROOT, "generation %d; source az %.0f el %.0f; %s noise x%d; %s", e.generation(),
                p.source().azimuthDegrees(), p.source().elevationDegrees(), p.noise().kind(), noiseIrs.size(),
                p.impulseResponses());
        return new SpatialScene(src, nz, what);
    }

    /** The scene of a call: a pool slot of the step's generation, or a fresh one without a pool. */
    Entry scene(SplittableRandom rng, long step) {
        if (poolSize == 0) {
            return simulate(-1, rng.nextLong());
        }
        long generation = Math.max(0, step) / refreshSteps;
        int slot = rng.nextInt(poolSize);
        long key = generation * poolSize + slot;
        Slot s = pool.computeIfAbsent(key, k -> new Slot());
        Entry e = s.get(() -> simulate(generation, Seeds.stream(poolSeed, "scene/" + generation + "/" + slot)));
        pool.keySet().removeIf(k -> k / poolSize < generation - 1);
        return e;
    }

    private Entry simulate(long generation, long sceneSeed) {
        SceneParameters p = simulator.sampleScene(sceneSeed);
        return new Entry(generation, p, simulator.impulseResponses(p, sceneSeed));
    }

    /** Entries currently held (for tests and logs). */
    int pooled() {
        return pool.size();
    }
}
