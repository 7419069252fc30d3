package org.nathear.gram.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.nathear.api.AudioClip;
import org.nathear.api.ChannelLayout;
import org.nathear.api.ModelOptions;
import org.nathear.api.audio.Resampler;
import org.nathear.api.audio.Signals;
import org.nathear.api.spi.ModelPlugin;
import org.nathear.api.spi.OpenedModel;
import org.nathear.gram.plugin.GramAmbisonicsPlugin;
import org.nathear.gram.plugin.GramBinauralPlugin;
import org.nathear.gram.plugin.GramBinauralTimePlugin;
import org.nathear.gram.plugin.GramCleanPlugin;

/** Times GRAM-tiny scene-embedding extraction of N 1 s clips per embedded plugin (batches of 16, as the runner). */
public final class ExtractionBenchmark {
    private ExtractionBenchmark() {
    }

    public static void main(String[] args) {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 256;
        List<AudioClip> mono = new ArrayList<>();
        long t0 = System.nanoTime();
        for (int i = 0; i < n; i++) {
            AudioClip c16 = Signals.noiseClip(i, ChannelLayout.MONO, 1.0, 16000);
            mono.add(Resampler.resample(c16, 32000));
        }
        System.out.printf(Locale.ROOT, "resample %d clips 16->32 kHz: %.2f s%n", n, (System.nanoTime() - t0) / 1e9);
        for (ModelPlugin p : List.of(new GramBinauralPlugin(), new GramAmbisonicsPlugin(), new GramCleanPlugin(), new GramBinauralTimePlugin())) {
            List<AudioClip> clips = new ArrayList<>();
            for (AudioClip m : mono) {
                ChannelLayout l = p.descriptor().accepts(ChannelLayout.MONO) ? ChannelLayout.MONO : ChannelLayout.BINAURAL;
                clips.add(l == ChannelLayout.MONO ? m : new AudioClip(new float[][] {m.channel(0), m.channel(0)}, 32000, l));
            }
            long o0 = System.nanoTime();
            try (OpenedModel model = p.open(ModelOptions.NONE)) {
                long s0 = System.nanoTime();
                for (int i = 0; i < n; i += 16) {
                    model.sceneEmbeddings(clips.subList(i, Math.min(n, i + 16)));
                }
                System.out.printf(Locale.ROOT, "%-20s open %.2f s, %d clips %.2f s (%.1f ms/clip)%n", p.descriptor().id(),
                        (s0 - o0) / 1e9, n, (System.nanoTime() - s0) / 1e9, (System.nanoTime() - s0) / 1e6 / n);
            }
        }
    }
}
