package org.nathear.api.audio;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nathear.api.AudioClip;
import org.nathear.api.AudioFormatException;
import org.nathear.api.ChannelLayout;

class ResamplerTest {
    /** Required stopband attenuation (the design aims at 100 dB; about 102 dB is measured). */
    private static final double MIN_STOPBAND_DB = 80;
    /** Allowed passband deviation for tones up to 0.9 x lower Nyquist (about 0.0001 dB is measured). */
    private static final double MAX_PASSBAND_DEVIATION_DB = 0.001;

    static Stream<Arguments> ratePairs() {
        List<Arguments> pairs = new ArrayList<>();
        for (int from : ResamplerMeasurements.RATES_HZ) {
            for (int to : ResamplerMeasurements.RATES_HZ) {
                if (from != to) {
                    pairs.add(Arguments.of(from, to));
                }
            }
        }
        return pairs.stream();
    }

    @ParameterizedTest(name = "{0} Hz -> {1} Hz")
    @MethodSource("ratePairs")
    void keepsTheAmplitudeOfPassbandTones(int fromHz, int toHz) {
        double deviationDb = ResamplerMeasurements.passbandDeviationDb(fromHz, toHz);
        assertTrue(deviationDb <= MAX_PASSBAND_DEVIATION_DB,
                () -> fromHz + " -> " + toHz + ": passband deviation " + deviationDb + " dB");
    }

    @ParameterizedTest(name = "{0} Hz -> {1} Hz")
    @MethodSource("ratePairs")
    void attenuatesEverythingAboveTheLowerNyquistFrequencyByAtLeast80Db(int fromHz, int toHz) {
        double attenuationDb = ResamplerMeasurements.stopbandAttenuationDb(fromHz, toHz);
        assertTrue(attenuationDb >= MIN_STOPBAND_DB,
                () -> fromHz + " -> " + toHz + ": stopband attenuation only " + attenuationDb + " dB");
    }

    @ParameterizedTest(name = "{0} Hz -> {1} Hz")
    @MethodSource("ratePairs")
    void placesOutputSamplesAtTheExactOutputTimesWithoutDelay(int fromHz, int toHz) {
        double toneHz = 0.4 * Math.min(fromHz, toHz) / 2;
        int frames = fromHz / 2;
        float[] out = Resampler.resample(Signals.sine(toneHz, 0.5, 0.7, frames, fromHz), fromHz, toHz);
        float[] ideal = Signals.sine(toneHz, 0.5, 0.7, out.length, toHz);
        int edge = toHz / 20;
        double err = 0;
        for (int i = edge; i < out.length - edge; i++) {
            err = Math.max(err, Math.abs(out[i] - ideal[i]));
        }
        double errDb = ResamplerMeasurements.db(err / 0.5);
        assertTrue(errDb < -80, () -> fromHz + " -> " + toHz + ": largest error against the ideal sine " + errDb + " dB");
    }

    @Test
    void outputLengthIsTheCeilingOfTheRateRatio() {
        assertEquals(32000, Resampler.resample(new float[44100], 44100, 32000).length);
        assertEquals(8, Resampler.resample(new float[11], 22050, 16000).length); // 11 * 16000 / 22050 = 7.98
        assertEquals(3, Resampler.resample(new float[1], 16000, 48000).length);
        assertEquals(0, Resampler.resample(new float[0], 16000, 48000).length);
    }

    @Test
    void keepsAConstantSignalAwayFromTheEdges() {
        float[] dc = new float[16000];
        Arrays.fill(dc, 0.25f);
        float[] out = Resampler.resample(dc, 16000, 44100);
        for (int i = 2000; i < out.length - 2000; i++) {
            assertEquals(0.25, out[i], 0.25 * 1e-4, "sample " + i);
        }
    }

    @Test
    void resamplesEveryChannelOfAClipAndKeepsItsLayout() {
        AudioClip foa = Signals.noiseClip(5, ChannelLayout.FOA, 0.25, 48000);

        AudioClip out = Resampler.resample(foa, 32000);

        assertEquals(32000, out.sampleRateHz());
        assertEquals(ChannelLayout.FOA, out.layout());
        assertEquals(8000, out.frameCount());
        for (int c = 0; c < 4; c++) {
            assertArrayEquals(Resampler.resample(foa.channel(c), 48000, 32000), out.channel(c), "channel " + c);
        }
    }

    @Test
    void returnsTheSameClipOrACopyWhenTheRateIsUnchanged() {
        AudioClip clip = Signals.noiseClip(6, ChannelLayout.MONO, 0.1, 16000);
        assertSame(clip, Resampler.resample(clip, 16000));
        float[] copy = Resampler.resample(clip.channel(0), 16000, 16000);
        assertNotSame(clip.channel(0), copy);
        assertArrayEquals(clip.channel(0), copy);
    }

    @Test
    void rejectsNonPositiveRatesNamingThem() {
        AudioFormatException e = assertThrows(AudioFormatException.class, () -> Resampler.resample(new float[4], 0, 16000));
        assertTrue(e.getMessage().contains("0 Hz -> 16000 Hz"), e.getMessage());
    }

    @Test
    void isDeterministicAcrossThreads() throws InterruptedException {
        float[] noise = Signals.whiteNoise(11, 1, 22050, 0.5)[0];
        float[] expected = Resampler.resample(noise, 22050, 48000);
        float[][] results = new float[4][];
        Thread[] threads = new Thread[4];
        for (int t = 0; t < threads.length; t++) {
            int slot = t;
            threads[t] = new Thread(() -> results[slot] = Resampler.resample(noise, 22050, 48000));
            threads[t].start();
        }
        for (Thread t : threads) {
            t.join();
        }
        for (float[] r : results) {
            assertArrayEquals(expected, r);
        }
    }
}
