package org.nathear.api.audio;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.nathear.api.AudioClip;
import org.nathear.api.AudioFormatException;
import org.nathear.api.ConfigurationException;

class LogMelSpectrogramTest {
    /**
     * Largest relative error allowed on mel power against the numpy float64 fixture. Measured:
     * a few 1e-12 (both sides compute in double; see docs/audio-toolkit.md).
     */
    private static final double MAX_RELATIVE_ERROR = 1e-9;
    /** Largest absolute error allowed on the float log-mel values (float rounding of ln is ~1e-6). */
    private static final double MAX_LOG_ERROR = 1e-5;

    // ---- the independent numpy fixture -------------------------------------------------------

    /** A fixture written by tools/fixtures/make_logmel_fixture.py. */
    record Fixture(MelSpectrogramConfig config, float[] input, double[][] expectedMelPower) {
        static Fixture load(String name) throws IOException {
            WavData wav;
            try (InputStream in = resource(name + ".input.wav")) {
                wav = WavFiles.decode(in.readAllBytes(), name + ".input.wav");
            }
            Map<String, String> header = new HashMap<>();
            List<double[]> rows = new ArrayList<>();
            String text;
            try (InputStream in = resource(name + ".expected.txt")) {
                text = new String(in.readAllBytes(), StandardCharsets.US_ASCII);
            }
            for (String line : text.split("\n")) {
                if (line.startsWith("# ") && line.contains("=")) {
                    int eq = line.indexOf('=');
                    header.put(line.substring(2, eq), line.substring(eq + 1));
                } else if (!line.isBlank() && !line.startsWith("#")) {
                    String[] parts = line.trim().split(" ");
                    double[] row = new double[parts.length];
                    for (int i = 0; i < parts.length; i++) {
                        row[i] = Double.parseDouble(parts[i]);
                    }
                    rows.add(row);
                }
            }
            MelSpectrogramConfig config = new MelSpectrogramConfig(
                    Integer.parseInt(header.get("sample_rate_hz")), Integer.parseInt(header.get("n_fft")),
                    Integer.parseInt(header.get("win_length")), Integer.parseInt(header.get("hop_length")),
                    Integer.parseInt(header.get("n_mels")), Double.parseDouble(header.get("f_min_hz")),
                    Double.parseDouble(header.get("f_max_hz")), Double.parseDouble(header.get("power")),
                    Boolean.parseBoolean(header.get("center")),
                    Stft.PadMode.valueOf(header.get("pad_mode").equals("reflect") ? "REFLECT" : "ZERO"),
                    MelFilterbank.Scale.valueOf(header.get("mel_scale").toUpperCase(Locale.ROOT)),
                    MelFilterbank.Norm.valueOf(header.get("mel_norm").toUpperCase(Locale.ROOT)),
                    Double.parseDouble(header.get("log_epsilon")));
            assertEquals(config.sampleRateHz(), wav.sampleRateHz(), "fixture input rate");
            assertEquals(Integer.parseInt(header.get("frames")), rows.size(), "fixture frame count");
            return new Fixture(config, wav.samples()[0], rows.toArray(new double[0][]));
        }

        private static InputStream resource(String file) {
            InputStream in = LogMelSpectrogramTest.class.getResourceAsStream("/fixtures/" + file);
            if (in == null) {
                throw new IllegalStateException("missing test resource fixtures/" + file
                        + "; regenerate with /usr/bin/python3 tools/fixtures/make_logmel_fixture.py");
            }
            return in;
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"logmel-gram", "logmel-gram-short", "logmel-hear-naive"})
    void matchesTheIndependentNumpyFixture(String name) throws IOException {
        Fixture f = Fixture.load(name);
        LogMelSpectrogram logMel = new LogMelSpectrogram(f.config());

        double[][] mel = logMel.melPower(f.input());
        float[][] log = logMel.compute(f.input());

        assertEquals(f.expectedMelPower().length, mel.length, "frames");
        assertEquals(f.config().frameCount(f.input().length), mel.length, "frame count formula");
        double maxRel = 0;
        double maxLog = 0;
        for (int t = 0; t < mel.length; t++) {
            assertEquals(f.config().nMels(), mel[t].length);
            for (int m = 0; m < mel[t].length; m++) {
                double expected = f.expectedMelPower()[t][m];
                maxRel = Math.max(maxRel, Math.abs(mel[t][m] - expected) / expected);
                maxLog = Math.max(maxLog, Math.abs(log[t][m] - Math.log(expected + f.config().logEpsilon())));
            }
        }
        System.out.printf(Locale.ROOT, "%s: largest relative error of mel power %.3g, largest absolute log error %.3g%n",
                name, maxRel, maxLog);
        double rel = maxRel;
        double abs = maxLog;
        assertTrue(rel < MAX_RELATIVE_ERROR, () -> name + ": largest relative error " + rel);
        assertTrue(abs < MAX_LOG_ERROR, () -> name + ": largest log error " + abs);
    }

    // ---- closed-form checks ----------------------------------------------------------------

    @Test
    void aBinCentredSineHasPowerAmplitudeTimesWindowSumOverTwoSquared() {
        int nFft = 1024;
        int sr = 32000;
        Stft stft = new Stft(nFft, nFft, 320, true, Stft.PadMode.REFLECT);
        double windowSum = 0;
        for (double w : stft.window()) {
            windowSum += w;
        }
        assertEquals(nFft / 2.0, windowSum, 1e-9, "a periodic Hann window sums to N/2");
        for (int bin : new int[] {3, 40, 200, 500}) {
            double amplitude = 0.7;
            float[] sine = Signals.sine(bin * (double) sr / nFft, amplitude, 0.4, 8000, sr);
            double[][] power = stft.spectrogram(sine, 2.0);
            double expected = Math.pow(amplitude * windowSum / 2, 2);
            // frame 10 lies entirely inside the signal
            assertEquals(expected, power[10][bin], expected * 1e-5, "bin " + bin);
            assertTrue(power[10][bin + 3] < expected * 1e-8, "a Hann window leaks into +-1 bin only");
        }
    }

    @Test
    void aSineAtAFilterPeakLightsUpThatBand() {
        MelSpectrogramConfig c = MelSpectrogramConfig.gram();
        LogMelSpectrogram logMel = new LogMelSpectrogram(c);
        double[] edges = logMel.filterbank().edgesHz();
        for (int band : new int[] {10, 40, 64, 100, 127}) {
            float[] sine = Signals.sine(edges[band + 1], 0.5, 0, 16000, c.sampleRateHz());
            float[][] lm = logMel.compute(sine);
            float[] frame = lm[lm.length / 2];
            int argmax = 0;
            for (int m = 1; m < frame.length; m++) {
                if (frame[m] > frame[argmax]) {
                    argmax = m;
                }
            }
            assertEquals(band, argmax, "a tone at " + edges[band + 1] + " Hz");
        }
    }

    @Test
    void bandEdgesFollowTheHtkFormula() {
        MelFilterbank fb = new MelFilterbank(MelSpectrogramConfig.gram());
        double[] edges = fb.edgesHz();
        double melLo = 2595 * Math.log10(1 + 50 / 700.0);
        double melHi = 2595 * Math.log10(1 + 16000 / 700.0);
        assertEquals(130, edges.length);
        for (int i = 0; i < edges.length; i++) {
            double mel = melLo + (melHi - melLo) * i / 129;
            assertEquals(700 * (Math.pow(10, mel / 2595) - 1), edges[i], 1e-9 * edges[i], "edge " + i);
        }
        assertEquals(50, edges[0], 1e-9);
        assertEquals(16000, edges[129], 1e-6);
        assertEquals(2595 * Math.log10(2), MelFilterbank.hzToMel(700, MelFilterbank.Scale.HTK), 1e-12);
    }

    @Test
    void slaneyScaleIsLinearBelow1kHzAndLogarithmicAbove() {
        MelFilterbank.Scale s = MelFilterbank.Scale.SLANEY;
        assertEquals(15, MelFilterbank.hzToMel(1000, s), 1e-12);
        assertEquals(3, MelFilterbank.hzToMel(200, s), 1e-12);
        assertEquals(42, MelFilterbank.hzToMel(6400, s), 1e-12, "27 mel steps per factor 6.4 above 1 kHz");
        for (double hz : new double[] {0, 123.4, 999.9, 1000, 4321, 22050}) {
            assertEquals(hz, MelFilterbank.melToHz(MelFilterbank.hzToMel(hz, s), s), 1e-9);
            assertEquals(hz, MelFilterbank.melToHz(MelFilterbank.hzToMel(hz, MelFilterbank.Scale.HTK),
                    MelFilterbank.Scale.HTK), 1e-9);
        }
    }

    @Test
    void trianglesPeakAtOneAndSumToOneBetweenTheOuterPeaks() {
        MelFilterbank fb = new MelFilterbank(MelSpectrogramConfig.gram());
        double[] edges = fb.edgesHz();
        double binHz = 32000.0 / 1024;
        assertEquals(0, fb.emptyFilterCount());
        for (int k = 0; k < fb.binCount(); k++) {
            double f = k * binHz;
            double sum = 0;
            for (int m = 0; m < fb.melCount(); m++) {
                double w = fb.weight(k, m);
                assertTrue(w >= 0 && w <= 1, "weight in [0, 1]");
                if (w > 0) {
                    assertTrue(f > edges[m] && f < edges[m + 2], "filter " + m + " is zero outside its edges");
                }
                sum += w;
            }
            if (f >= edges[1] && f <= edges[128]) {
                assertEquals(1.0, sum, 1e-12, "adjacent triangles partition unity at " + f + " Hz");
            }
        }
        // a filter whose peak falls on a bin has weight exactly 1 there: 1000 Hz is bin 32
        MelFilterbank onBin = new MelFilterbank(32000, 1024, 1, 500, 1500, MelFilterbank.Scale.HTK, MelFilterbank.Norm.NONE);
        double peak = onBin.edgesHz()[1];
        int bin = (int) Math.round(peak / binHz);
        double expected = Math.min((bin * binHz - 500) / (peak - 500), (1500 - bin * binHz) / (1500 - peak));
        assertEquals(expected, onBin.weight(bin, 0), 1e-12);
        assertEquals(0, onBin.weight(16, 0), "500 Hz (bin 16) is the lower edge");
        assertEquals(0, onBin.weight(48, 0), "1500 Hz (bin 48) is the upper edge");
    }

    @Test
    void slaneyNormGivesEveryFilterUnitAreaInHz() {
        MelFilterbank fb = new MelFilterbank(44100, 4096, 256, 0, 22050, MelFilterbank.Scale.SLANEY, MelFilterbank.Norm.SLANEY);
        double binHz = 44100.0 / 4096;
        double[] edges = fb.edgesHz();
        for (int m = 0; m < fb.melCount(); m++) {
            if (edges[m + 2] - edges[m] < 20 * binHz) {
                continue; // the Riemann sum is only close to the integral for filters many bins wide
            }
            double area = 0;
            for (int k = 0; k < fb.binCount(); k++) {
                area += fb.weight(k, m) * binHz;
            }
            assertEquals(1.0, area, 0.01, "filter " + m);
        }
    }

    @Test
    void frameCountIsOnePlusFloorOfSamplesOverHopWhenCentred() {
        MelSpectrogramConfig c = MelSpectrogramConfig.gram();
        for (int n : new int[] {1, 319, 320, 321, 16000, 32000, 32319}) {
            assertEquals(1 + n / 320, c.frameCount(n), "n=" + n);
            assertEquals(1 + n / 320, new LogMelSpectrogram(c).compute(new float[n]).length, "n=" + n);
        }
        assertEquals(0, Stft.frameCount(1023, 1024, 320, false));
        assertEquals(1, Stft.frameCount(1024, 1024, 320, false));
        assertEquals(3, Stft.frameCount(1024 + 640, 1024, 320, false));
    }

    @Test
    void silenceGivesLogOfEpsilonEverywhere() {
        MelSpectrogramConfig c = MelSpectrogramConfig.gram();
        float[][] lm = new LogMelSpectrogram(c).compute(new float[3200]);
        assertEquals(11, lm.length);
        for (float[] row : lm) {
            for (float v : row) {
                assertEquals((float) Math.log(1e-5), v);
            }
        }
    }

    @Test
    void periodicHannMatchesTorchHannWindow() {
        double[] w = Stft.periodicHann(8);
        // torch.hann_window(8): [0, 0.1464, 0.5, 0.8536, 1, 0.8536, 0.5, 0.1464]
        double[] expected = {0, 0.14644660940672627, 0.5, 0.8535533905932737, 1, 0.8535533905932737, 0.5, 0.14644660940672627};
        assertArrayEquals(expected, w, 1e-15);
        assertArrayEquals(new double[] {1}, Stft.periodicHann(1));
    }

    @Test
    void aShorterWindowIsCentredInTheFrame() {
        double[] w = new Stft(16, 8, 4, true, Stft.PadMode.ZERO).window();
        for (int i = 0; i < 4; i++) {
            assertEquals(0, w[i]);
            assertEquals(0, w[15 - i]);
        }
        assertEquals(1, w[8], 1e-15, "the Hann peak sits at the frame centre");
    }

    @Test
    void reflectPaddingMirrorsWithoutRepeatingTheEdgeSample() {
        assertEquals(1, Stft.reflect(-1, 5));
        assertEquals(4, Stft.reflect(-4, 5));
        assertEquals(3, Stft.reflect(-5, 5), "mirrored again at the far end");
        assertEquals(3, Stft.reflect(5, 5));
        assertEquals(0, Stft.reflect(8, 5));
        assertEquals(0, Stft.reflect(-3, 1));
    }

    @Test
    void gramPresetHasThePaperSettings() {
        MelSpectrogramConfig c = MelSpectrogramConfig.gram();
        assertEquals(32000, c.sampleRateHz());
        assertEquals(1024, c.nFft());
        assertEquals(1024, c.winLength());
        assertEquals(320, c.hopLength());
        assertEquals(10.0, c.hopMillis(), 1e-12);
        assertEquals(128, c.nMels());
        assertEquals(50, c.fMinHz());
        assertEquals(16000, c.fMaxHz());
        assertEquals(2.0, c.power());
        assertEquals(Stft.PadMode.REFLECT, c.padMode());
        assertEquals(MelFilterbank.Scale.HTK, c.melScale());
        assertEquals(MelFilterbank.Norm.NONE, c.melNorm());
        assertEquals(1e-5, c.logEpsilon());
        assertEquals(1.1920928955078125e-7, MelSpectrogramConfig.FLOAT32_EPSILON);
        assertEquals("logmel:sr=32000:nfft=1024:win=hann-periodic-1024:hop=320:mels=128:fmin=50.0:fmax=16000.0"
                + ":power=2.0:center=true:pad=REFLECT:scale=HTK:norm=NONE:log=ln(x+1.0E-5)", c.canonical());
    }

    @Test
    void magnitudeSpectrogramIsTheSquareRootOfThePowerSpectrogram() {
        float[] noise = Signals.whiteNoise(3, 1, 4000, 0.5)[0];
        Stft stft = new Stft(512, 400, 160, true, Stft.PadMode.REFLECT);
        double[][] power = stft.spectrogram(noise, 2.0);
        double[][] magnitude = stft.spectrogram(noise, 1.0);
        for (int t = 0; t < power.length; t++) {
            for (int k = 0; k < power[t].length; k++) {
                assertEquals(Math.sqrt(power[t][k]), magnitude[t][k], 1e-12 * (1 + magnitude[t][k]));
            }
        }
    }

    @Test
    void reusingAnInstanceAndUsingOnePerThreadGiveIdenticalResults() throws InterruptedException {
        MelSpectrogramConfig c = MelSpectrogramConfig.gram();
        float[] a = Signals.whiteNoise(1, 1, 32000, 0.5)[0];
        float[] b = Signals.sine(1000, 0.5, 0, 20000, 32000);
        LogMelSpectrogram shared = new LogMelSpectrogram(c);
        float[][] first = shared.compute(a);
        shared.compute(b);
        assertArrayEquals(first, shared.compute(a), "buffers carry nothing between calls");

        MelFilterbank filters = shared.filterbank();
        float[][][] results = new float[3][][];
        Thread[] threads = new Thread[3];
        for (int i = 0; i < threads.length; i++) {
            int slot = i;
            threads[i] = new Thread(() -> results[slot] = new LogMelSpectrogram(c, filters).compute(a));
            threads[i].start();
        }
        for (Thread t : threads) {
            t.join();
        }
        for (float[][] r : results) {
            assertArrayEquals(first, r);
        }
    }

    @Test
    void rejectsAClipAtAnotherRateAndNamesBothRates() {
        LogMelSpectrogram logMel = new LogMelSpectrogram(MelSpectrogramConfig.gram());
        AudioClip clip = AudioClip.mono(new float[1600], 16000);
        AudioFormatException e = assertThrows(AudioFormatException.class, () -> logMel.compute(clip, 0));
        assertTrue(e.getMessage().contains("32000 Hz") && e.getMessage().contains("16000 Hz"), e.getMessage());
    }

    @Test
    void rejectsReflectPaddingOfAnEmptySignal() {
        LogMelSpectrogram logMel = new LogMelSpectrogram(MelSpectrogramConfig.gram());
        assertThrows(AudioFormatException.class, () -> logMel.compute(new float[0]));
    }

    static Stream<Arguments> invalidSettings() {
        return Stream.of(
                Arguments.of("odd nFft", (Supplier<MelSpectrogramConfig>) () -> new MelSpectrogramConfig(32000, 1023, 1023,
                        320, 128, 50, 16000, 2, true, Stft.PadMode.REFLECT, MelFilterbank.Scale.HTK, MelFilterbank.Norm.NONE, 1e-5),
                        List.of("nFft=1023")),
                Arguments.of("fMax above Nyquist", (Supplier<MelSpectrogramConfig>) () -> new MelSpectrogramConfig(32000, 1024,
                        1024, 320, 128, 50, 20000, 2, true, Stft.PadMode.REFLECT, MelFilterbank.Scale.HTK, MelFilterbank.Norm.NONE, 1e-5),
                        List.of("fMaxHz=20000.0", "16000.0")),
                Arguments.of("zero log epsilon", (Supplier<MelSpectrogramConfig>) () -> MelSpectrogramConfig.gram().withLogEpsilon(0),
                        List.of("logEpsilon=0.0")),
                Arguments.of("zero hop", (Supplier<MelSpectrogramConfig>) () -> MelSpectrogramConfig.gram().withHopLength(0),
                        List.of("hopLength=0")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidSettings")
    void rejectsInvalidSettingsNamingTheFieldAndValue(String name, Supplier<MelSpectrogramConfig> settings, List<String> parts) {
        ConfigurationException e = assertThrows(ConfigurationException.class, settings::get);
        for (String part : parts) {
            assertTrue(e.getMessage().contains(part), e.getMessage());
        }
    }
}
