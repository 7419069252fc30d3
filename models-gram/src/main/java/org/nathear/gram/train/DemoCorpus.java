package org.nathear.gram.train;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.nathear.api.ConfigurationException;
import org.nathear.api.audio.WavData;
import org.nathear.api.audio.WavEncoding;
import org.nathear.api.audio.WavFiles;
import org.nathear.tasks.demo.DemoSuite;

/**
 * A small synthetic pre-training corpus made with nathear's demo-suite generators
 * ({@link DemoSuite}): the demo tasks are generated with a seed of their own (so the corpus shares
 * no clip with the suite {@code nathear run} evaluates on, which uses {@link DemoSuite#DEFAULT_SEED}),
 * and their 1 s clips (tones, textures, strokes, mixtures at 16 kHz) are concatenated at random into
 * longer files, long enough for GRAM's 2 s crops. This is what the embedded GRAM-tiny checkpoints
 * were trained on; it exists so that a demo works offline, not as a substitute for AudioSet.
 */
public final class DemoCorpus {
    private DemoCorpus() {
    }

    /**
     * Writes {@code clips} WAV files of {@code seconds} seconds into {@code out} (which must not exist
     * or be empty) and returns how many 1 s demo clips they were made from.
     */
    public static int write(Path out, long seed, int clips, double seconds) {
        if (clips < 1 || !(seconds >= 2)) {
            throw new ConfigurationException("A demo corpus needs at least 1 clip of at least 2 s; got " + clips + " x " + seconds + " s");
        }
        try {
            if (Files.exists(out)) {
                try (Stream<Path> s = Files.list(out)) {
                    if (s.findAny().isPresent()) {
                        throw new ConfigurationException("Demo corpus folder " + out + " is not empty; choose a new folder");
                    }
                }
            }
            Files.createDirectories(out);
            Path tasks = Files.createTempDirectory(out.toAbsolutePath().getParent(), ".demo-corpus-tasks");
            try {
                List<Path> wavs = new ArrayList<>();
                for (String id : DemoSuite.taskIds()) {
                    Path folder = tasks.resolve(id);
                    DemoSuite.generate(id, seed, folder);
                    try (Stream<Path> walk = Files.walk(folder)) {
                        walk.filter(p -> p.toString().endsWith(".wav")).sorted().forEach(wavs::add);
                    }
                }
                SplittableRandom rng = new SplittableRandom(seed);
                List<float[]> audio = new ArrayList<>();
                int rate = -1;
                for (Path w : wavs) {
                    WavData d = WavFiles.read(w);
                    rate = d.sampleRateHz();
                    audio.add(d.samples()[0]);
                }
                int samples = (int) Math.round(seconds * rate);
                for (int i = 0; i < clips; i++) {
                    float[] x = new float[samples];
                    int pos = 0;
                    while (pos < samples) {
                        float[] piece = audio.get(rng.nextInt(audio.size()));
                        int n = Math.min(piece.length, samples - pos);
                        System.arraycopy(piece, 0, x, pos, n);
                        pos += n;
                    }
                    WavFiles.write(out.resolve(String.format(Locale.ROOT, "demo-%04d.wav", i)), new float[][] {x}, rate,
                            WavEncoding.PCM_16);
                }
                return wavs.size();
            } finally {
                try (Stream<Path> walk = Files.walk(tasks)) {
                    walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
                }
            }
        } catch (IOException e) {
            throw new ConfigurationException("Cannot write demo corpus into " + out + ": " + e, e);
        }
    }
}
