package org.nathear.examples.spectral;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.nathear.api.AudioClip;
import org.nathear.api.AudioFormatException;
import org.nathear.api.ChannelLayout;
import org.nathear.api.FrameEmbeddings;
import org.nathear.api.ModelDescriptor;
import org.nathear.api.ModelOptions;
import org.nathear.api.audio.Stft;
import org.nathear.api.spi.ModelPlugin;
import org.nathear.api.spi.OpenedModel;

/**
 * An example of an external nathear model: classic spectral statistics, no weights.
 *
 * <p>Mono audio at 16 kHz; frames of 25 ms (periodic Hann, 512-point FFT), one every 10 ms,
 * centred on {@code k * 10} ms (the signal is padded by reflection at both ends). Per frame, 14
 * values: log energy, spectral centroid, spread and 85 % roll-off (in kHz), spectral flatness,
 * spectral flux from the previous frame, and the log energy of 8 bands (0-125-250-500 Hz-1-2-4-6-8
 * kHz). The scene embedding is the mean and the standard deviation of the frames (28 values).
 *
 * <p>Listed in {@code META-INF/services/org.nathear.api.spi.ModelPlugin}; built into a jar and put
 * in a folder passed as {@code --plugins DIR}.
 */
public final class SpectralStatsModel implements ModelPlugin {
    public static final String ID = "example-spectral-stats";
    static final int RATE = 16000;
    static final int N_FFT = 512;
    static final int WINDOW = 400;
    static final int HOP = 160;
    static final int FEATURES = 14;
    static final double[] BAND_EDGES_HZ = {0, 125, 250, 500, 1000, 2000, 4000, 6000, 8000.0001};

    private static final ModelDescriptor DESCRIPTOR = new ModelDescriptor(ID, "1.0.0", RATE, Set.of(ChannelLayout.MONO),
            2 * FEATURES, FEATURES, HOP * 1000.0 / RATE, "example plugin: spectral statistics of 25 ms frames every 10 ms");

    @Override
    public ModelDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public OpenedModel open(ModelOptions options) {
        options.requireKnown(ID, optionNames());
        return new Opened();
    }

    @Override
    public String weightsSha256(ModelOptions options) {
        return "no-weights:" + ID + ":1.0.0"; // nothing is loaded; this names how the features are made
    }

    /** The opened model; each call makes its own STFT, so it is thread-safe. */
    static final class Opened implements OpenedModel {
        @Override
        public ModelDescriptor descriptor() {
            return DESCRIPTOR;
        }

        @Override
        public List<FrameEmbeddings> timestampEmbeddings(List<AudioClip> clips) {
            Stft stft = new Stft(N_FFT, WINDOW, HOP, true, Stft.PadMode.REFLECT);
            List<FrameEmbeddings> out = new ArrayList<>(clips.size());
            for (int c = 0; c < clips.size(); c++) {
                float[][] frames = frames(stft, mono(clips.get(c), c));
                double[] times = new double[frames.length];
                for (int k = 0; k < frames.length; k++) {
                    times[k] = k * HOP * 1000.0 / RATE;
                }
                out.add(new FrameEmbeddings(frames, times));
            }
            return out;
        }

        @Override
        public float[][] sceneEmbeddings(List<AudioClip> clips) {
            float[][] out = new float[clips.size()][];
            List<FrameEmbeddings> frames = timestampEmbeddings(clips);
            for (int c = 0; c < out.length; c++) {
                float[][] f = frames.get(c).embeddings();
                out[c] = new float[2 * FEATURES];
                for (int j = 0; j < FEATURES; j++) {
                    double sum = 0;
                    double sumSq = 0;
                    for (float[] frame : f) {
                        sum += frame[j];
                        sumSq += (double) frame[j] * frame[j];
                    }
                    double mean = sum / f.length;
                    out[c][j] = (float) mean;
                    out[c][FEATURES + j] = (float) Math.sqrt(Math.max(0, sumSq / f.length - mean * mean));
                }
            }
            return out;
        }

        private static float[][] frames(Stft stft, float[] signal) {
            int count = stft.frameCount(signal.length);
            int bins = stft.binCount();
            double[] power = new double[bins];
            double[] previous = new double[bins];
            float[][] out = new float[count][FEATURES];
            for (int t = 0; t < count; t++) {
                stft.frameSpectrum(signal, t, 2.0, power);
                features(power, t == 0 ? power : previous, out[t]);
                System.arraycopy(power, 0, previous, 0, bins);
            }
            return out;
        }

        /** The 14 values of one frame from its power spectrum (and the previous frame's, for the flux). */
        static void features(double[] power, double[] previous, float[] out) {
            double binHz = (double) RATE / N_FFT;
            double total = 1e-12;
            double weighted = 0;
            double logSum = 0;
            for (int k = 0; k < power.length; k++) {
                total += power[k];
                weighted += k * binHz * power[k];
                logSum += Math.log(power[k] + 1e-12);
            }
            double centroid = weighted / total;
            double spread = 0;
            double cumulative = 0;
            double rolloff = 0;
            double flux = 0;
            double[] bands = new double[BAND_EDGES_HZ.length - 1];
            for (int k = 0; k < power.length; k++) {
                double f = k * binHz;
                spread += (f - centroid) * (f - centroid) * power[k];
                cumulative += power[k];
                if (rolloff == 0 && cumulative >= 0.85 * total) {
                    rolloff = f;
                }
                double d = Math.sqrt(power[k]) - Math.sqrt(previous[k]);
                flux += d * d;
                for (int b = 0; b < bands.length; b++) {
                    if (f >= BAND_EDGES_HZ[b] && f < BAND_EDGES_HZ[b + 1]) {
                        bands[b] += power[k];
                    }
                }
            }
            out[0] = (float) Math.log(total);
            out[1] = (float) (centroid / 1000);
            out[2] = (float) (Math.sqrt(spread / total) / 1000);
            out[3] = (float) (rolloff / 1000);
            out[4] = (float) (Math.exp(logSum / power.length) / (total / power.length));
            out[5] = (float) Math.log1p(flux / total);
            for (int b = 0; b < bands.length; b++) {
                out[6 + b] = (float) Math.log(bands[b] + 1e-12);
            }
        }

        private static float[] mono(AudioClip clip, int index) {
            if (clip.layout() != ChannelLayout.MONO || clip.sampleRateHz() != RATE) {
                throw new AudioFormatException("Model '" + ID + "' takes mono audio at " + RATE + " Hz; clip " + index + " is "
                        + clip.layout() + " at " + clip.sampleRateHz() + " Hz");
            }
            return clip.channel(0);
        }
    }
}
