package org.nathear.baselines.spatial;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import org.nathear.api.AudioClip;
import org.nathear.api.ChannelLayout;
import org.nathear.api.FrameEmbeddings;
import org.nathear.api.ModelDescriptor;
import org.nathear.api.ModelOptions;
import org.nathear.api.spi.ModelPlugin;
import org.nathear.api.spi.OpenedModel;
import org.nathear.api.util.Hashing;
import org.nathear.baselines.RandomProjection;

/**
 * Spatial-Naive, the spatial counterpart of HEAR-Naive and the floor for Nat-HEAR's localization
 * tasks: per-channel log-mel spectra plus classic spatial cues ({@link SpatialFeatures}: active
 * intensity vectors for first-order Ambisonics; interaural level and phase differences, coherence
 * and GCC-PHAT for binaural audio), each group projected by its own fixed seeded Gaussian matrix
 * ({@link RandomProjection}) to {@value #BLOCK_SIZE} dimensions, concatenated: 4096 dimensions.
 * Projecting the groups separately keeps the few spatial numbers from drowning in the spectral ones
 * once the runner standardises every dimension.
 *
 * <ul>
 *   <li>Input: binaural (left, right) or FOA (ACN/SN3D) at 32 kHz; mono tasks reach it duplicated
 *       (the runner's channel adapter).</li>
 *   <li>Scene embedding: the features over all 10 ms frames of the clip.</li>
 *   <li>Timestamp embeddings every 50 ms (centre {@code 50 k} ms), each over the five 10 ms frames
 *       around its centre.</li>
 * </ul>
 */
public final class SpatialNaiveModel implements ModelPlugin {
    public static final String ID = "spatial-naive";
    public static final String VERSION = "1.0.0";
    public static final int BLOCK_SIZE = 2048;
    public static final int EMBEDDING_SIZE = 2 * BLOCK_SIZE;
    public static final int TIMESTAMP_HOP_FRAMES = 5; // 50 ms
    /** Option: the projection seed (a long; default {@value #DEFAULT_SEED}). */
    public static final String OPTION_SEED = "seed";
    public static final long DEFAULT_SEED = 0;

    private static final ModelDescriptor DESCRIPTOR = new ModelDescriptor(ID, VERSION, SpatialFeatures.SAMPLE_RATE_HZ,
            Set.of(ChannelLayout.BINAURAL, ChannelLayout.FOA), EMBEDDING_SIZE, EMBEDDING_SIZE,
            TIMESTAMP_HOP_FRAMES * SpatialFeatures.HOP * 1000.0 / SpatialFeatures.SAMPLE_RATE_HZ,
            "Spatial-Naive baseline: per-channel log-mel + intensity vectors (FOA) or ILD/IPD/GCC-PHAT (binaural), "
                    + "seeded random projections to 4096 dims");

    @Override
    public ModelDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public Set<String> optionNames() {
        return Set.of(OPTION_SEED);
    }

    @Override
    public OpenedModel open(ModelOptions options) {
        options.requireKnown(ID, optionNames());
        return new Opened(options.getLong(OPTION_SEED, DEFAULT_SEED));
    }

    @Override
    public String weightsSha256(ModelOptions options) {
        long seed = options.getLong(OPTION_SEED, DEFAULT_SEED);
        String text = ID + ":version=" + VERSION + ":projection=gaussian(0,1/sqrt(in)) per block:generator=java.util.Random"
                + ":seed=" + seed + ":blocks=" + BLOCK_SIZE + ":mels=" + SpatialFeatures.N_MELS + ":nfft=" + SpatialFeatures.N_FFT
                + ":hop=" + SpatialFeatures.HOP + ":lag=" + SpatialFeatures.MAX_LAG;
        return Hashing.sha256(text);
    }

    /** Projections per layout, made once; immutable and thread-safe. */
    static final class Opened implements OpenedModel {
        private final Map<ChannelLayout, RandomProjection[]> projections = new EnumMap<>(ChannelLayout.class);

        Opened(long seed) {
            int i = 0;
            for (ChannelLayout layout : List.of(ChannelLayout.BINAURAL, ChannelLayout.FOA)) {
                projections.put(layout, new RandomProjection[] {
                        RandomProjection.gaussian(seed * 4 + i, SpatialFeatures.spectralSize(layout), BLOCK_SIZE),
                        RandomProjection.gaussian(seed * 4 + i + 2, SpatialFeatures.spatialSize(layout), BLOCK_SIZE)});
                i++;
            }
        }

        /** 0: Spatial-Naive learns nothing; its fixed random projections, drawn from the seed, are not counted. */
        @Override
        public OptionalLong parameterCount() {
            return OptionalLong.of(0);
        }

        @Override
        public ModelDescriptor descriptor() {
            return DESCRIPTOR;
        }

        @Override
        public float[][] sceneEmbeddings(List<AudioClip> clips) {
            float[][] out = new float[clips.size()][];
            for (int c = 0; c < clips.size(); c++) {
                SpatialFeatures f = new SpatialFeatures(clips.get(c));
                out[c] = embed(clips.get(c).layout(), f, 0, f.frameCount());
            }
            return out;
        }

        @Override
        public List<FrameEmbeddings> timestampEmbeddings(List<AudioClip> clips) {
            List<FrameEmbeddings> out = new ArrayList<>(clips.size());
            for (AudioClip clip : clips) {
                SpatialFeatures f = new SpatialFeatures(clip);
                int count = 1 + (clip.frameCount() / SpatialFeatures.HOP) / TIMESTAMP_HOP_FRAMES;
                float[][] emb = new float[count][];
                double[] times = new double[count];
                for (int k = 0; k < count; k++) {
                    int centre = k * TIMESTAMP_HOP_FRAMES;
                    int from = Math.max(0, centre - 2);
                    int to = Math.min(f.frameCount(), centre + 3);
                    emb[k] = embed(clip.layout(), f, from, to);
                    times[k] = centre * SpatialFeatures.HOP * 1000.0 / SpatialFeatures.SAMPLE_RATE_HZ;
                }
                out.add(new FrameEmbeddings(emb, times));
            }
            return out;
        }

        private float[] embed(ChannelLayout layout, SpatialFeatures f, int from, int to) {
            RandomProjection[] p = projections.get(layout);
            float[] spectral = p[0].project(f.spectral(from, to));
            float[] spatial = p[1].project(f.spatial(from, to));
            float[] out = new float[EMBEDDING_SIZE];
            System.arraycopy(spectral, 0, out, 0, BLOCK_SIZE);
            System.arraycopy(spatial, 0, out, BLOCK_SIZE, BLOCK_SIZE);
            return out;
        }
    }
}
