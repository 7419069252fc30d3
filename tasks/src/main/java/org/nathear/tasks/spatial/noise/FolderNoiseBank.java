package org.nathear.tasks.spatial.noise;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.nathear.api.ConfigurationException;
import org.nathear.api.audio.Resampler;
import org.nathear.api.audio.WavData;
import org.nathear.api.audio.WavFiles;

/**
 * Noise recordings from a folder: every {@code .wav} file below it (sorted by path, so the same
 * folder and seed give the same draws). A drawn file is mixed down to mono (mean of its channels),
 * resampled to the scene's rate, then trimmed and faded ({@link NoiseClips}).
 */
public final class FolderNoiseBank implements NoiseBank {
    private final Path folder;
    private final List<Path> files;

    public FolderNoiseBank(Path folder) {
        this.folder = folder.toAbsolutePath().normalize();
        if (!Files.isDirectory(this.folder)) {
            throw new ConfigurationException("Noise folder " + this.folder + " does not exist or is not a folder");
        }
        try (Stream<Path> walk = Files.walk(this.folder)) {
            this.files = walk.filter(Files::isRegularFile)
                    .filter(p -> p.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".wav"))
                    .sorted().toList();
        } catch (IOException e) {
            throw new ConfigurationException("Cannot list noise folder " + this.folder + ": " + e, e);
        }
        if (files.isEmpty()) {
            throw new ConfigurationException("Noise folder " + this.folder + " holds no .wav files; expected noise recordings");
        }
    }

    /** Number of recordings found. */
    public int size() {
        return files.size();
    }

    @Override
    public NoiseClip draw(SplittableRandom random, int sampleRateHz) {
        Path file = files.get(random.nextInt(files.size()));
        WavData wav = WavFiles.read(file);
        float[][] s = wav.samples();
        float[] mono = new float[wav.frameCount()];
        for (float[] channel : s) {
            for (int i = 0; i < mono.length; i++) {
                mono[i] += channel[i] / s.length;
            }
        }
        if (mono.length == 0) {
            throw new ConfigurationException("Noise file " + file + " has no samples");
        }
        float[] resampled = Resampler.resample(mono, wav.sampleRateHz(), sampleRateHz);
        return new NoiseClip(folder.relativize(file).toString(), NoiseClips.trimAndFade(resampled, sampleRateHz, random));
    }

    @Override
    public String description() {
        return "folder " + folder + " (" + files.size() + " files)";
    }
}
