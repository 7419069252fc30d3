package org.nathear.runner.eval;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import org.nathear.api.ModelOptions;
import org.nathear.api.spi.OpenedModel;
import org.nathear.runner.plugins.PluginRegistry.ModelEntry;

/**
 * A run in its own JVM, slowed down so that a test can kill it with SIGKILL in the middle
 * ({@link RunCrashResumeTest}). Arguments: the result file, the sleep per model call in ms.
 */
public final class CrashableRun {
    private CrashableRun() {
    }

    /** The band-energy model, sleeping before every call; the embeddings are unchanged. */
    static final class SlowBandModel extends TestPlugins.BandEnergyModel {
        final long sleepMillis;

        SlowBandModel(long sleepMillis) {
            this.sleepMillis = sleepMillis;
        }

        @Override
        public OpenedModel open(ModelOptions options) {
            OpenedModel inner = super.open(options);
            return new OpenedModel() {
                @Override
                public org.nathear.api.ModelDescriptor descriptor() {
                    return inner.descriptor();
                }

                @Override
                public float[][] sceneEmbeddings(List<org.nathear.api.AudioClip> clips) {
                    pause();
                    return inner.sceneEmbeddings(clips);
                }

                @Override
                public List<org.nathear.api.FrameEmbeddings> timestampEmbeddings(List<org.nathear.api.AudioClip> clips) {
                    pause();
                    return inner.timestampEmbeddings(clips);
                }
            };
        }

        private void pause() {
            try {
                Thread.sleep(sleepMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    static List<ModelEntry> models(long sleepMillis) {
        return List.of(new ModelEntry(new SlowBandModel(sleepMillis), "test"),
                new ModelEntry(new RunResumeTest.SecondBandModel(), "test"));
    }

    public static void main(String[] args) {
        Path file = Path.of(args[0]);
        long sleep = Long.parseLong(args[1]);
        new RunEngine(new Progress(new PrintWriter(System.err, true), 0, false))
                .run(RunResumeTest.request("crash", file, models(sleep), 7L));
    }
}
