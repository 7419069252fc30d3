package org.nathear.gram.train;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.nathear.api.AudioFormatException;
import org.nathear.api.ChannelLayout;
import org.nathear.api.ConfigurationException;
import org.nathear.api.audio.Resampler;
import org.nathear.api.audio.WavData;
import org.nathear.api.audio.WavFiles;
import org.nathear.tasks.dsp.FftConvolver;

/**
 * Renders scenes with impulse responses read from a folder of multi-channel WAV files (every
 * {@code *.wav} below it): 2-channel binaural room impulse responses (left, right) or 4-channel
 * Ambisonics ones in nathear's ACN/SN3D order — e.g. measured responses, the GRAM authors'
 * released BRIRs/ARIRs converted to WAV, or nathear's own simulator's output.
 *
 * <p>Per scene, as the reference pipeline does: the source is convolved with one random response;
 * the noise is convolved with one (localised, probability ½) or 3–5 (diffuse) other random
 * responses and the results summed. Responses are resampled to the scene rate once when loaded.
 */
public final class ImpulseResponseFolderRenderer implements SceneRenderer {
    private final ChannelLayout layout;
    private final Path folder;
    private final List<float[][]> responses;
    private final int sampleRateHz;

    public ImpulseResponseFolderRenderer(Path folder, ChannelLayout layout, int sampleRateHz) {
        if (layout != ChannelLayout.BINAURAL && layout != ChannelLayout.FOA) {
            throw new ConfigurationException("Impulse responses must be binaural or FOA; got " + layout);
        }
        this.layout = layout;
        this.folder = folder;
        this.sampleRateHz = sampleRateHz;
        List<Path> files;
        try (Stream<Path> walk = Files.walk(folder)) {
            files = walk.filter(Files::isRegularFile)
                    .filter(p -> p.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".wav")).sorted().toList();
        } catch (IOException e) {
            throw new ConfigurationException("Cannot list impulse responses in " + folder + ": " + e, e);
        }
        if (files.isEmpty()) {
            throw new ConfigurationException("Impulse-response folder " + folder + " holds no .wav files");
        }
        responses = new ArrayList<>();
        for (Path f : files) {
            WavData d = WavFiles.read(f);
            if (d.channelCount() != layout.channelCount()) {
                throw new AudioFormatException("Impulse response " + f + " has " + d.channelCount() + " channel(s); "
                        + layout + " scenes need " + layout.channelCount()
                        + (layout == ChannelLayout.FOA ? " (ACN order W, Y, Z, X, SN3D)" : " (left, right)"));
            }
            float[][] s = d.samples();
            if (d.sampleRateHz() != sampleRateHz) {
                float[][] r = new float[s.length][];
                for (int c = 0; c < s.length; c++) {
                    r[c] = Resampler.resample(s[c], d.sampleRateHz(), sampleRateHz);
                }
                s = r;
            }
            responses.add(s);
        }
    }

    /** Number of impulse responses loaded. */
    public int size() {
        return responses.size();
    }

    @Override
    public ChannelLayout layout() {
        return layout;
    }

    @Override
    public String description() {
        return "impulse-responses:" + folder.toAbsolutePath().normalize() + " (" + responses.size() + " " + layout + " responses)";
    }

    @Override
    public SpatialScene render(float[] source, float[] noise, int rateHz, long seed) {
        if (rateHz != sampleRateHz) {
            throw new ConfigurationException("Impulse responses were loaded at " + sampleRateHz + " Hz; scene asks " + rateHz);
        }
        SplittableRandom rng = new SplittableRandom(seed);
        int channels = layout.channelCount();
        int srcIndex = rng.nextInt(responses.size());
        float[][] src = convolve(source, responses.get(srcIndex));
        int count = rng.nextBoolean() ? 1 : 3 + rng.nextInt(3);
        float[][] nz = new float[channels][source.length];
        StringBuilder what = new StringBuilder("source ir " + srcIndex + "; noise irs");
        for (int i = 0; i < count; i++) {
            int k = rng.nextInt(responses.size());
            what.append(' ').append(k);
            float[][] r = convolve(noise, responses.get(k));
            for (int c = 0; c < channels; c++) {
                for (int s = 0; s < source.length; s++) {
                    nz[c][s] += r[c][s];
                }
            }
        }
        return new SpatialScene(src, nz, what.toString());
    }

    /** {@code x} through every channel of {@code ir}, each cut to the length of {@code x}. */
    private static float[][] convolve(float[] x, float[][] ir) {
        return FftConvolver.convolve(x, ir, x.length);
    }
}
