package org.nathear.gram.embed;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.nathear.api.AudioClip;
import org.nathear.api.AudioFormatException;
import org.nathear.gram.GramConfig;
import org.nathear.gram.GramMasking;
import org.nathear.gram.frontend.Crops;
import org.nathear.gram.frontend.GramFrontEnd;
import org.nathear.gram.model.GramNetwork;

/**
 * GRAM embeddings of whole clips, as the reference's HEAR wrapper computes them ({@code raw} and
 * {@code cls} strategies).
 *
 * <ul>
 *   <li>The clip's features are cut into 2 s chunks of 200 frames; the last chunk is zero-padded in
 *       the log domain (as the reference pads). Each chunk is normalised on its own and encoded
 *       without masking.</li>
 *   <li>Timestamp embeddings: per time column of patches, the patch embeddings of all frequency
 *       rows concatenated ({@code (f t) d → t (f d)}): 8 × width every 80 ms for patch masking,
 *       width every 20 ms for time masking. A token's time is the centre of the frames it covers
 *       (frame j is centred on j × 10 ms); tokens whose centre lies beyond the clip are dropped
 *       (the reference drops the tokens of the padding; the one it keeps past the end is dropped
 *       here so every time lies within the clip).</li>
 *   <li>Scene embedding ({@link SceneMode#MEAN}): the mean of the timestamp embeddings over time.</li>
 *   <li>{@link SceneMode#CLS}: the mean over chunks of the encoder's CLS token (the reference's
 *       localisation strategy).</li>
 * </ul>
 * Two inference modes ({@link Inference}): {@code NATHEAR} (above) and {@code PAPER}, the GRAM
 * authors' HEAR wrapper ({@code hear_api/runtime.py}) step for step, to reproduce their published
 * numbers with their weights: log offset float32 epsilon (≈ 1.19e-7) for the log-mel channels of
 * binaural/mono models (Ambisonics keeps its extractor's 1e-6); {@code 200 − (frames mod 200)}
 * padding frames, so a whole padding chunk is added when the frame count is a multiple of 200, and
 * its CLS token enters the CLS mean; {@code floor(tokensPerChunk · padding / 200)} tail tokens
 * dropped; timestamps {@code i · duration / tokens} starting at 0.
 */
public final class GramEmbedder {
    /** Chunks encoded per call to the network. */
    public static final int CHUNKS_PER_BATCH = 32;

    /** How clips are chunked, padded and timestamped, and which log offset the front end uses. */
    public enum Inference {
        /** nathear's: the checkpoint's log offset, padding only when needed, token centres as times. */
        NATHEAR,
        /** The GRAM authors' HEAR wrapper: float32-eps log offset, their padding and timestamps. */
        PAPER;

        /** The float32 machine epsilon, {@code torch.finfo(torch.float32).eps}: the wrapper's log offset. */
        public static final double FLOAT32_EPS = Math.ulp(1.0f);

        /** The front-end config this mode runs a network of {@code config} with. */
        public GramConfig frontEndConfig(GramConfig config) {
            if (this == NATHEAR || config.variant() == org.nathear.gram.GramVariant.AMBISONICS) {
                return config;
            }
            return new GramConfig(config.variant(), config.masking(), config.size(), FLOAT32_EPS);
        }

        /** Chunks of 200 frames for a clip of {@code frames} frames. */
        public int chunkCount(int frames) {
            return this == PAPER ? frames / GramMasking.CROP_FRAMES + 1 : Crops.chunkCount(frames);
        }
    }

    /** How a scene embedding is made. */
    public enum SceneMode {
        /** Mean over time of the timestamp embeddings (frequency rows × width). */
        MEAN,
        /** Mean over chunks of the CLS token (width). */
        CLS
    }

    /** The embeddings of one clip. */
    public record ClipEmbedding(float[][] tokens, double[] timesMillis, float[] meanCls) {
        /** Mean over time of the tokens. */
        public float[] meanToken() {
            float[] out = new float[tokens[0].length];
            for (float[] t : tokens) {
                for (int i = 0; i < out.length; i++) {
                    out[i] += t[i];
                }
            }
            for (int i = 0; i < out.length; i++) {
                out[i] /= tokens.length;
            }
            return out;
        }
    }

    private final GramNetwork network;
    private final GramFrontEnd frontEnd;
    private final GramConfig config;
    private final Inference inference;

    public GramEmbedder(GramNetwork network) {
        this(network, Inference.NATHEAR);
    }

    public GramEmbedder(GramNetwork network, Inference inference) {
        this.network = network;
        this.config = network.config();
        this.inference = inference;
        this.frontEnd = new GramFrontEnd(inference.frontEndConfig(config));
    }

    public Inference inference() {
        return inference;
    }

    public GramConfig config() {
        return config;
    }

    /** Embeds clips (at 32 kHz, any layout the front end takes). */
    public List<ClipEmbedding> embed(List<AudioClip> clips) {
        int count = clips.size();
        float[][][][] features = new float[count][][][];
        IntStream.range(0, count).parallel().forEach(i -> {
            AudioClip clip = clips.get(i);
            if (clip.frameCount() == 0) {
                throw new AudioFormatException("GRAM cannot embed clip " + i + ": it has no samples");
            }
            features[i] = frontEnd.features(frontEnd.modelChannels(clip));
        });
        GramMasking m = config.masking();
        int n = m.patchCount();
        int pv = config.patchValues();
        int[] chunks = new int[count];
        List<int[]> work = new ArrayList<>(); // (clip, chunk)
        for (int i = 0; i < count; i++) {
            chunks[i] = inference.chunkCount(features[i][0].length);
            for (int k = 0; k < chunks[i]; k++) {
                work.add(new int[] {i, k});
            }
        }
        GramNetwork.Encoded[] encoded = new GramNetwork.Encoded[(work.size() + CHUNKS_PER_BATCH - 1) / CHUNKS_PER_BATCH];
        for (int b = 0; b < encoded.length; b++) {
            int from = b * CHUNKS_PER_BATCH;
            int to = Math.min(work.size(), from + CHUNKS_PER_BATCH);
            float[] patches = new float[(to - from) * n * pv];
            IntStream.range(from, to).parallel().forEach(w -> {
                int[] ck = work.get(w);
                Crops.patchify(Crops.normalisedCrop(features[ck[0]], ck[1] * GramMasking.CROP_FRAMES), m, patches,
                        (w - from) * n * pv);
            });
            try (ai.djl.ndarray.NDScope scope = new ai.djl.ndarray.NDScope()) {
                scope.suppressNotUsedWarning();
                encoded[b] = network.encode(patches, to - from);
            }
        }
        int nf = m.frequencyPatches();
        int nt = m.timePatches();
        int d = config.size().encoderDim();
        int pt = m.patchFrames();
        List<ClipEmbedding> out = new ArrayList<>(count);
        int w = 0;
        for (int i = 0; i < count; i++) {
            double durationMillis = clips.get(i).durationSeconds() * 1000;
            List<float[]> tokens = new ArrayList<>();
            List<Double> times = new ArrayList<>();
            float[] cls = new float[d];
            int frames = features[i][0].length;
            // PAPER: the wrapper keeps chunks × nt − floor(nt × padding / 200) tokens
            int paperTokens = Math.max(1, chunks[i] * nt - nt * (chunks[i] * GramMasking.CROP_FRAMES - frames) / GramMasking.CROP_FRAMES);
            for (int k = 0; k < chunks[i]; k++, w++) {
                GramNetwork.Encoded e = encoded[w / CHUNKS_PER_BATCH];
                int b = w % CHUNKS_PER_BATCH;
                for (int j = 0; j < d; j++) {
                    cls[j] += e.cls()[b * d + j] / chunks[i];
                }
                for (int ti = 0; ti < nt; ti++) {
                    long g = (long) k * nt + ti;
                    double centre = (g * pt + (pt - 1) / 2.0) * 10.0;
                    if (inference == Inference.PAPER) {
                        if (g >= paperTokens) {
                            continue;
                        }
                        centre = g * durationMillis / paperTokens;
                    } else if (centre > durationMillis && !(tokens.isEmpty() && k == 0 && ti == 0)) {
                        continue;
                    }
                    float[] token = new float[nf * d];
                    for (int fi = 0; fi < nf; fi++) {
                        System.arraycopy(e.tokens(), e.tokenOffset(b, fi * nt + ti), token, fi * d, d);
                    }
                    tokens.add(token);
                    times.add(Math.min(centre, durationMillis));
                }
            }
            out.add(new ClipEmbedding(tokens.toArray(new float[0][]), times.stream().mapToDouble(Double::doubleValue).toArray(), cls));
        }
        return out;
    }
}
