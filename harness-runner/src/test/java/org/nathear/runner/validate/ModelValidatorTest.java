package org.nathear.runner.validate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;
import org.nathear.api.AudioClip;
import org.nathear.api.ChannelLayout;
import org.nathear.api.FrameEmbeddings;
import org.nathear.api.ModelDescriptor;
import org.nathear.api.ModelOptions;
import org.nathear.api.spi.ModelPlugin;
import org.nathear.api.spi.OpenedModel;
import org.nathear.runner.plugins.PluginRegistry.ModelEntry;

/** Each check of the validator on a model made to break exactly that check. */
class ModelValidatorTest {
    private static final ModelValidator.Settings SETTINGS = new ModelValidator.Settings(7, List.of(1.07, 1.98),
            Duration.ofSeconds(5));

    /**
     * A model of 20 ms frames (hop 20 ms, centres 10 + 20k ms) whose frame embedding is
     * {@code frame.apply(clip, [start, end))}: 2 values per channel by default (log energy, mean).
     * Scene = mean of frames; {@code batchHook} can distort a whole call.
     */
    private static class FrameModel implements ModelPlugin {
        final String id;
        final Set<ChannelLayout> layouts;
        final int rate;
        final double hopMillis;
        final int dims;

        FrameModel(String id, Set<ChannelLayout> layouts, int rate, double hopMillis, int dims) {
            this.id = id;
            this.layouts = layouts;
            this.rate = rate;
            this.hopMillis = hopMillis;
            this.dims = dims;
        }

        FrameModel(String id) {
            this(id, Set.of(ChannelLayout.MONO), 16000, 20, 2);
        }

        @Override
        public ModelDescriptor descriptor() {
            return new ModelDescriptor(id, "1", rate, layouts, dims, dims, hopMillis, "validator test model");
        }

        float[] frame(AudioClip clip, int start, int end) {
            float[] out = new float[dims];
            for (int c = 0; c < clip.channelCount() && 2 * c + 1 < dims; c++) {
                double energy = 0;
                double mean = 0;
                for (int i = start; i < end; i++) {
                    energy += (double) clip.channel(c)[i] * clip.channel(c)[i];
                    mean += clip.channel(c)[i];
                }
                out[2 * c] = (float) Math.log(1e-8 + energy / (end - start));
                out[2 * c + 1] = (float) (mean / (end - start));
            }
            return out;
        }

        double[] times(AudioClip clip) {
            int hop = (int) Math.round(hopMillis * rate / 1000);
            int frames = Math.max(1, clip.frameCount() / hop);
            double[] t = new double[frames];
            for (int k = 0; k < frames; k++) {
                t[k] = (k * hop + hop / 2.0) * 1000.0 / rate;
            }
            return t;
        }

        float[][] scene(List<AudioClip> clips, List<FrameEmbeddings> frames) {
            float[][] out = new float[clips.size()][dims];
            for (int c = 0; c < clips.size(); c++) {
                for (float[] f : frames.get(c).embeddings()) {
                    for (int j = 0; j < dims; j++) {
                        out[c][j] += f[j] / frames.get(c).frameCount();
                    }
                }
            }
            return out;
        }

        @Override
        public OpenedModel open(ModelOptions options) {
            FrameModel self = this;
            ModelDescriptor d = descriptor();
            return new OpenedModel() {
                @Override
                public ModelDescriptor descriptor() {
                    return d;
                }

                @Override
                public float[][] sceneEmbeddings(List<AudioClip> clips) {
                    return self.scene(clips, timestampEmbeddings(clips));
                }

                @Override
                public List<FrameEmbeddings> timestampEmbeddings(List<AudioClip> clips) {
                    List<FrameEmbeddings> out = new ArrayList<>();
                    int hop = (int) Math.round(hopMillis * rate / 1000);
                    for (AudioClip clip : clips) {
                        double[] t = self.times(clip);
                        float[][] e = new float[t.length][];
                        for (int k = 0; k < t.length; k++) {
                            e[k] = self.frame(clip, Math.min(k * hop, clip.frameCount() - 1),
                                    Math.min(clip.frameCount(), k * hop + hop));
                        }
                        out.add(new FrameEmbeddings(e, t));
                    }
                    return out;
                }
            };
        }
    }

    private static ValidationReport validate(ModelPlugin plugin) {
        return ModelValidator.validate(new ModelEntry(plugin, "test"), ModelOptions.NONE, SETTINGS);
    }

    private static Finding finding(ValidationReport report, String check) {
        return report.findings().stream().filter(f -> f.check().equals(check)).findFirst()
                .orElseThrow(() -> new AssertionError("no finding '" + check + "' in\n" + report.render(false)));
    }

    private static void assertFinding(ValidationReport report, String check, Finding.Severity severity, String... parts) {
        Finding f = finding(report, check);
        assertEquals(severity, f.severity(), check + ": " + f.message());
        for (String part : parts) {
            assertTrue(f.message().contains(part), "'" + part + "' missing from " + check + ": " + f.message());
        }
    }

    @Test
    void aWellBehavedModelPassesEveryCheckAndIsMeasured() {
        ValidationReport report = validate(new FrameModel("good-model"));
        assertTrue(report.passed(true), report.render(true));
        assertFinding(report, "timestamps[MONO]", Finding.Severity.PASS, "frames per clip [53, 99]", "mean hop 20.000 ms");
        assertFinding(report, "determinism[MONO]", Finding.Severity.PASS, "bit-identical");
        assertTrue(report.measurements().get("sceneRealTimeFactor[MONO]") > 0);
        assertTrue(report.measurements().get("peakHeapMiB") > 0);
        assertFinding(report, "parameters", Finding.Severity.INFO, "not reported by the model");
        assertFalse(report.measurements().containsKey("parameters"));
        assertTrue(report.render(false).endsWith("PASSED: 0 failure(s), 0 warning(s)\n"), report.render(false));
    }

    @Test
    void descriptorWarningsFollowHearValidator() {
        ValidationReport report = validate(new FrameModel("odd-model", Set.of(ChannelLayout.MONO), 24000, 62.5, 2));
        assertFinding(report, "sample rate", Finding.Severity.WARN, "24000 Hz is not one of HEAR's");
        assertFinding(report, "timestamp hop", Finding.Severity.WARN, "62.5 ms is above the 50 ms");
        assertTrue(report.passed(false) && !report.passed(true), "warnings pass, but not with --strict");
        ValidationReport drift = validate(new FrameModel("drift-model", Set.of(ChannelLayout.MONO), 44100, 25, 2));
        assertFinding(drift, "hop in samples", Finding.Severity.WARN, "1102.5000 samples");
    }

    @Test
    void nonDeterministicOutputFails() {
        ValidationReport report = validate(new FrameModel("random-model") {
            private int calls;

            @Override
            float[] frame(AudioClip clip, int start, int end) {
                float[] f = super.frame(clip, start, end);
                f[0] += calls++ * 1e-3f;
                return f;
            }
        });
        assertFinding(report, "determinism[MONO]", Finding.Severity.FAIL, "differ by up to", "must be deterministic");
    }

    @Test
    void embeddingsThatDependOnTheOtherClipsOfTheBatchFail() {
        ValidationReport report = validate(new FrameModel("batch-norm-model") {
            @Override
            float[][] scene(List<AudioClip> clips, List<FrameEmbeddings> frames) {
                float[][] out = super.scene(clips, frames);
                float mean = 0;
                for (float[] row : out) {
                    mean += row[0] / out.length;
                }
                for (float[] row : out) {
                    row[0] -= mean; // normalised over the batch
                }
                return out;
            }
        });
        assertFinding(report, "batching[MONO]", Finding.Severity.FAIL, "alone and in a batch of 2 differ");
    }

    @Test
    void nanOnSilenceFails() {
        ValidationReport report = validate(new FrameModel("rms-model") {
            @Override
            float[] frame(AudioClip clip, int start, int end) {
                float[] f = super.frame(clip, start, end);
                double energy = Math.exp(f[0]) - 1e-8;
                f[1] = (float) (f[1] / Math.sqrt(energy)); // mean / rms: 0/0 on silence
                return f;
            }
        });
        assertFinding(report, "silence[MONO]", Finding.Severity.FAIL, "digital silence", "non-finite value (NaN");
        assertFinding(report, "scene[MONO]", Finding.Severity.PASS);
    }

    @Test
    void timestampsOutsideTheClipFailAndLateStartsOrEarlyEndsWarn() {
        ValidationReport late = validate(new FrameModel("late-model") {
            @Override
            double[] times(AudioClip clip) {
                double[] t = super.times(clip);
                for (int k = 0; k < t.length; k++) {
                    t[k] += 100;
                }
                return t;
            }
        });
        assertFinding(late, "timestamps[MONO]", Finding.Severity.FAIL, "outside the clip");
        ValidationReport early = validate(new FrameModel("short-sighted-model") {
            @Override
            double[] times(AudioClip clip) {
                return java.util.Arrays.copyOf(super.times(clip), 10);
            }
        });
        assertTrue(early.findings().stream().anyMatch(f -> f.severity() == Finding.Severity.WARN
                && f.message().contains("more than one hop before its end")), early.render(false));
    }

    @Test
    void aSpatialModelThatIgnoresDirectionIsWarnedAbout() {
        Set<ChannelLayout> both = Set.of(ChannelLayout.BINAURAL, ChannelLayout.FOA);
        ValidationReport blind = validate(new FrameModel("energy-model", both, 16000, 20, 8) {
            @Override
            float[] frame(AudioClip clip, int start, int end) {
                float[] f = super.frame(clip, start, end);
                for (int j = 1; j < f.length; j += 2) {
                    f[j] = 0; // keeps only per-channel energies: blind to the sign of Y and, nearly, to left/right swaps
                }
                java.util.Arrays.sort(f, 0, 2 * clip.channelCount());
                return f;
            }
        });
        assertFinding(blind, "spatial[FOA]", Finding.Severity.WARN, "plane wave from the left");
        assertFinding(blind, "spatial[BINAURAL]", Finding.Severity.WARN, "mirror image");
        assertFinding(blind, "layouts", Finding.Severity.INFO, "MONO tasks: mono->binaural");
        ValidationReport seeing = validate(new FrameModel("signed-model", both, 16000, 20, 8));
        assertFinding(seeing, "spatial[FOA]", Finding.Severity.PASS, "embed differently");
        assertFinding(seeing, "spatial[BINAURAL]", Finding.Severity.PASS);
    }

    @Test
    void aModelThatHangsFailsAfterTheLimitAndTheRestIsSkipped() {
        CountDownLatch never = new CountDownLatch(1);
        ValidationReport report = ModelValidator.validate(new ModelEntry(new FrameModel("hanging-model") {
            @Override
            float[][] scene(List<AudioClip> clips, List<FrameEmbeddings> frames) {
                try {
                    never.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return super.scene(clips, frames);
            }
        }, "test"), ModelOptions.NONE, new ModelValidator.Settings(7, List.of(1.0), Duration.ofSeconds(5)));
        never.countDown();
        // 5 s, not less: the model's healthy calls before the hanging one run under the same limit
        assertFinding(report, "scene[MONO]", Finding.Severity.FAIL, "did not return within 5 s");
        assertFinding(report, "remaining", Finding.Severity.FAIL, "skipped");
    }

    @Test
    void unknownOptionsAndThrowingOpenAreFailures() {
        ValidationReport options = ModelValidator.validate(new ModelEntry(new FrameModel("plain-model"), "test"),
                new ModelOptions(java.util.Map.of("depth", "3")), SETTINGS);
        assertFinding(options, "options", Finding.Severity.FAIL, "depth");
        ValidationReport open = validate(new FrameModel("unopenable-model") {
            @Override
            public OpenedModel open(ModelOptions o) {
                throw new IllegalStateException("weights file is truncated");
            }
        });
        assertFinding(open, "open", Finding.Severity.FAIL, "open()", "weights file is truncated");
    }

    @Test
    void aModelThatIgnoresItsInputFailsTheDistinctCheck() {
        ValidationReport report = validate(new FrameModel("constant-model") {
            @Override
            float[] frame(AudioClip clip, int start, int end) {
                return new float[] {1f, 2f};
            }
        });
        assertFinding(report, "distinct[MONO]", Finding.Severity.FAIL, "same scene embedding");
    }

    @Test
    void theReportNamesTheModelItsSettingsAndEachCheck() {
        ValidationReport report = validate(new FrameModel("good-model"));
        String text = report.render(false);
        assertTrue(text.startsWith("nathear validate-model good-model 1  (from test)"), text);
        assertTrue(text.contains("seeded white noise (seed 7) of [1.07, 1.98] s"), text);
        assertTrue(text.contains("PASS  scene[MONO]"), text);
    }
}
