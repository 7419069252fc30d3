package org.nathear.tasks.tut;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.nathear.api.audio.WavEncoding;
import org.nathear.api.audio.WavFiles;
import org.nathear.tasks.acoustics.Listener;
import org.nathear.tasks.acoustics.Room;
import org.nathear.tasks.acoustics.RoomSimulator;
import org.nathear.tasks.acoustics.Vec3;
import org.nathear.tasks.dsp.FftConvolver;
import org.nathear.tasks.acoustics.receivers.FoaReceiver;
import org.nathear.tasks.spatial.TaskFiles;

/**
 * A small synthetic stand-in for TUT Sound Events 2018 REAL in its exact published layout (folder and
 * file names, CSV header and columns, 4-channel FOA at 48 kHz), rendered by nathear's simulator:
 * non-overlapping noise-burst events from the dataset's direction grid (azimuth −180..170° in 10°
 * steps, elevation −40..40°, 1 or 2 m) in a 6 × 5 × 3 m room of RT60 ≈ 0.4 s. It is simulated data
 * for testing the reader, not a sample of the real recordings.
 */
public final class TutRealFixture {
    /** Rate of the fixture's recordings, as the real dataset's. */
    public static final int SAMPLE_RATE_HZ = 48000;

    private TutRealFixture() {
    }

    /**
     * Writes overlap 1, split 1: {@code trainRecordings} train and {@code testRecordings} test
     * recordings of {@code seconds} each, with {@code eventsPerRecording} events.
     */
    public static void write(Path base, long seed, int trainRecordings, int testRecordings, double seconds,
                             int eventsPerRecording) {
        SplittableRandom random = new SplittableRandom(seed);
        Room room = Room.uniform(6, 5, 3, 0.25);
        Listener listener = new Listener(new Vec3(3.1, 2.4, 1.5), 0);
        FoaReceiver receiver = new FoaReceiver(SAMPLE_RATE_HZ);
        RoomSimulator.Settings settings = RoomSimulator.Settings.defaults();
        List<String> names = new ArrayList<>();
        for (int i = 0; i < trainRecordings; i++) {
            names.add("train_" + i + "_desc_30_100");
        }
        for (int i = 0; i < testRecordings; i++) {
            names.add("test_" + i + "_desc_30_100");
        }
        int length = (int) Math.round(seconds * SAMPLE_RATE_HZ);
        String[] classes = {"1", "3", "4", "5", "6", "7", "8", "9"};
        for (String name : names) {
            float[][] mix = new float[4][length];
            StringBuilder csv = new StringBuilder(TutRealDataset.HEADER).append('\n');
            double slot = seconds / eventsPerRecording;
            for (int e = 0; e < eventsPerRecording; e++) {
                double start = e * slot + 0.05 * slot + 0.1 * slot * random.nextDouble();
                double duration = 0.5 * slot + 0.2 * slot * random.nextDouble();
                int azimuth = -180 + 10 * random.nextInt(36);
                int elevation = -40 + 10 * random.nextInt(9);
                double distance = random.nextBoolean() ? 1.0 : 2.0;
                Vec3 position = listener.position().plus(listener.toRoom(Vec3.fromDegrees(azimuth, elevation)).times(distance));
                float[][] rir = RoomSimulator.render(room, position, listener, receiver, settings, random.nextLong());
                int n = (int) Math.round(duration * SAMPLE_RATE_HZ);
                float[] burst = new float[n];
                int fade = Math.min(n / 4, SAMPLE_RATE_HZ / 100);
                for (int i = 0; i < n; i++) {
                    double env = Math.min(1, Math.min(i, n - 1 - i) / (double) fade);
                    burst[i] = (float) (0.5 * env * random.nextGaussian());
                }
                float[][] wet = FftConvolver.convolve(burst, rir, n + rir[0].length - 1);
                int at = (int) Math.round(start * SAMPLE_RATE_HZ);
                for (int c = 0; c < 4; c++) {
                    for (int i = 0; i < wet[c].length && at + i < length; i++) {
                        mix[c][at + i] += wet[c][i];
                    }
                }
                String cls = classes[random.nextInt(classes.length)];
                csv.append(String.format(Locale.ROOT, "%d-%s-0-%d.wav,%.3f,%.3f,%d,%d,%.1f%n", 100000 + random.nextInt(99999),
                        cls, e, start, start + duration, elevation, azimuth, distance));
            }
            float peak = 0;
            for (float[] ch : mix) {
                for (float v : ch) {
                    peak = Math.max(peak, Math.abs(v));
                }
            }
            for (float[] ch : mix) {
                for (int i = 0; i < ch.length; i++) {
                    ch[i] *= 0.5f / Math.max(peak, 1e-9f);
                }
            }
            WavFiles.write(TutRealDataset.audioFolder(base, 1, 1).resolve(name + ".wav"), mix, SAMPLE_RATE_HZ, WavEncoding.PCM_16);
            TaskFiles.writeString(TutRealDataset.descriptionFolder(base, 1, 1).resolve(name + ".csv"), csv.toString());
        }
    }
}
