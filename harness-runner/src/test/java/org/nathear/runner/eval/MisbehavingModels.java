package org.nathear.runner.eval;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.function.UnaryOperator;
import org.nathear.api.AudioClip;
import org.nathear.api.ChannelLayout;
import org.nathear.api.FrameEmbeddings;
import org.nathear.api.ModelDescriptor;
import org.nathear.api.ModelOptions;
import org.nathear.api.spi.ModelPlugin;
import org.nathear.api.spi.OpenedModel;

/**
 * Models that break the contract in one way each, for the guard's tests: the good band-energy
 * model's output passed through a distortion, or a call that never returns.
 */
final class MisbehavingModels {
    private MisbehavingModels() {
    }

    /** Band-energy features with the scene output distorted. */
    static final class Distorted extends TestPlugins.BandEnergyModel {
        private final String id;
        private final UnaryOperator<float[][]> scene;
        private final UnaryOperator<List<FrameEmbeddings>> frames;

        Distorted(String id, UnaryOperator<float[][]> scene, UnaryOperator<List<FrameEmbeddings>> frames) {
            this.id = id;
            this.scene = scene;
            this.frames = frames;
        }

        @Override
        public ModelDescriptor descriptor() {
            return new ModelDescriptor(id, "1", 16000, Set.of(ChannelLayout.MONO), 8, 8, 50.0, "misbehaves on purpose");
        }

        @Override
        public OpenedModel open(ModelOptions options) {
            OpenedModel inner = super.open(options);
            ModelDescriptor d = descriptor();
            return new OpenedModel() {
                @Override
                public ModelDescriptor descriptor() {
                    return d;
                }

                @Override
                public float[][] sceneEmbeddings(List<AudioClip> clips) {
                    return scene.apply(inner.sceneEmbeddings(clips));
                }

                @Override
                public List<FrameEmbeddings> timestampEmbeddings(List<AudioClip> clips) {
                    return frames.apply(inner.timestampEmbeddings(clips));
                }
            };
        }
    }

    static Distorted nanScene() {
        return new Distorted("nan-model", out -> {
            out[out.length - 1][3] = Float.NaN;
            return out;
        }, f -> f);
    }

    static Distorted infScene() {
        return new Distorted("inf-model", out -> {
            out[0][0] = Float.POSITIVE_INFINITY;
            return out;
        }, f -> f);
    }

    static Distorted shortScene() {
        return new Distorted("short-model", out -> {
            float[][] cut = new float[out.length][];
            for (int i = 0; i < out.length; i++) {
                cut[i] = java.util.Arrays.copyOf(out[i], 5);
            }
            return cut;
        }, f -> f);
    }

    static Distorted missingClip() {
        return new Distorted("lossy-model", out -> java.util.Arrays.copyOf(out, out.length - 1), f -> f);
    }

    /** Timestamps drift by 2 ms per frame: a hop of 52 ms where 50 ms is declared. */
    static Distorted driftingTimestamps() {
        return new Distorted("drifting-model", out -> out, frames -> {
            List<FrameEmbeddings> out = new ArrayList<>();
            for (FrameEmbeddings f : frames) {
                double[] t = new double[f.frameCount()];
                for (int k = 0; k < t.length; k++) {
                    t[k] = 52.0 * k;
                }
                out.add(new FrameEmbeddings(f.embeddings(), t));
            }
            return out;
        });
    }

    /** Timestamps shifted past the end of the clip. */
    static Distorted lateTimestamps() {
        return new Distorted("late-model", out -> out, frames -> {
            List<FrameEmbeddings> out = new ArrayList<>();
            for (FrameEmbeddings f : frames) {
                double[] t = f.timestampsMillis().clone();
                for (int k = 0; k < t.length; k++) {
                    t[k] += 10_000;
                }
                out.add(new FrameEmbeddings(f.embeddings(), t));
            }
            return out;
        });
    }

    /** A model whose scene call blocks until released (never, unless a test releases it). */
    static final class Hanging extends TestPlugins.BandEnergyModel {
        final CountDownLatch release = new CountDownLatch(1);
        final boolean hangOnOpen;
        volatile boolean closed;

        Hanging(boolean hangOnOpen) {
            this.hangOnOpen = hangOnOpen;
        }

        @Override
        public ModelDescriptor descriptor() {
            return new ModelDescriptor(hangOnOpen ? "slow-open-model" : "hanging-model", "1", 16000, Set.of(ChannelLayout.MONO),
                    8, 8, 50.0, "never returns");
        }

        private void hang() {
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        @Override
        public OpenedModel open(ModelOptions options) {
            if (hangOnOpen) {
                hang();
            }
            OpenedModel inner = super.open(options);
            ModelDescriptor d = descriptor();
            Hanging owner = this;
            return new OpenedModel() {
                @Override
                public ModelDescriptor descriptor() {
                    return d;
                }

                @Override
                public float[][] sceneEmbeddings(List<AudioClip> clips) {
                    owner.hang();
                    return inner.sceneEmbeddings(clips);
                }

                @Override
                public List<FrameEmbeddings> timestampEmbeddings(List<AudioClip> clips) {
                    return inner.timestampEmbeddings(clips);
                }

                @Override
                public void close() {
                    owner.closed = true;
                }
            };
        }
    }
}
