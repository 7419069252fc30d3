package org.nathear.tasks.hrtf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import java.nio.file.Path;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nathear.api.ConfigurationException;
import org.nathear.api.testsupport.SharedData;
import org.nathear.tasks.acoustics.Vec3;

class SofaFileTest {

    private static MeasuredHrtf read(String name) {
        return SofaFile.read(SharedData.requireDir("data/spatial/hrtf").resolve(name));
    }

    @Test
    void readsTheKemarAndKu100FilesWithTheirGridsRatesAndLengths() {
        MeasuredHrtf kemar = read("MIT_KEMAR_normal_pinna.sofa");
        assertEquals(710, kemar.directionCount());
        assertEquals(44100, kemar.sampleRateHz());
        assertEquals(512, kemar.length());
        MeasuredHrtf ku100 = read("FHK_HRIR_L2354.sofa");
        assertEquals(2354, ku100.directionCount());
        assertEquals(48000, ku100.sampleRateHz());
        assertEquals(128, ku100.length());
        Vec3 left = Vec3.fromDegrees(90, 0);
        assertTrue(kemar.direction(kemar.nearestIndex(left)).dot(left) > Math.cos(Math.toRadians(0.5)),
                "KEMAR has a measurement at 90 deg azimuth");
        Vec3 below = Vec3.fromDegrees(0, -80);
        assertEquals(-40, kemar.direction(kemar.nearestIndex(below)).elevationDegrees(), 1e-6,
                "KEMAR's lowest elevation is -40 deg: lower directions use it");
    }

    /**
     * Evidence for the issue: real HRTFs put the source's side first, with ITDs of the size of a
     * human head, and both agree with Woodworth's spherical-head prediction within the spread
     * expected of real heads.
     */
    @Test
    void realHeadsGiveItdsOfTheRightSignAndSize() {
        for (String name : new String[] {"MIT_KEMAR_normal_pinna.sofa", "FHK_HRIR_L2354.sofa"}) {
            MeasuredHrtf h = read(name);
            StringBuilder table = new StringBuilder(name + " ITD (us, 0.3-1.5 kHz): azimuth measured/Woodworth");
            for (int az = -90; az <= 90; az += 30) {
                HrirPair p = h.hrir(Vec3.fromDegrees(az, 0));
                double itd = Itd.seconds(p.left(), p.right(), h.sampleRateHz(), 300, 1500);
                double lateral = Math.toRadians(az);
                double woodworth = SphericalHeadModel.DEFAULT_RADIUS_METERS / 343 * (lateral + Math.sin(lateral));
                table.append(String.format(Locale.ROOT, " %d:%.0f/%.0f", az, itd * 1e6, woodworth * 1e6));
                if (az == 0) {
                    assertTrue(Math.abs(itd) < 60e-6, name + ": ITD in front " + itd);
                } else {
                    assertEquals(Math.signum(az), Math.signum(itd), name + ": the near ear leads at azimuth " + az);
                    assertTrue(Math.abs(itd - woodworth) < 0.35 * Math.abs(woodworth) + 60e-6,
                            name + ": ITD " + itd + " vs Woodworth " + woodworth + " at azimuth " + az);
                }
            }
            System.out.println(table);
        }
    }

    @Test
    void resamplingKeepsTheItd() {
        MeasuredHrtf kemar = read("MIT_KEMAR_normal_pinna.sofa");
        MeasuredHrtf at32 = kemar.atSampleRate(32000);
        assertEquals(32000, at32.sampleRateHz());
        assertEquals((int) Math.ceil(512 * 32000 / 44100.0), at32.length());
        Vec3 d = Vec3.fromDegrees(60, 0);
        double a = Itd.seconds(kemar.hrir(d).left(), kemar.hrir(d).right(), 44100, 300, 1500);
        double b = Itd.seconds(at32.hrir(d).left(), at32.hrir(d).right(), 32000, 300, 1500);
        assertEquals(a, b, 15e-6);
    }

    @Test
    void aFileWithoutTheImpulseResponsesIsAClearError(@TempDir Path dir) {
        Path file = dir.resolve("no-ir.sofa");
        try (WritableHdfFile w = HdfFile.write(file)) {
            w.putDataset("SourcePosition", new double[][] {{0, 0, 1}});
            w.putDataset("Data.SamplingRate", new double[] {48000});
        }
        ConfigurationException e = assertThrows(ConfigurationException.class, () -> SofaFile.read(file));
        assertTrue(e.getMessage().contains("Data.IR") && e.getMessage().contains(file.toString()), e.getMessage());
        ConfigurationException missing = assertThrows(ConfigurationException.class, () -> SofaFile.read(dir.resolve("nope.sofa")));
        assertTrue(missing.getMessage().contains("does not exist"), missing.getMessage());
    }

    @Test
    void aMinimalFileWrittenWithJhdfIsReadWithLeftAndRightInPlace(@TempDir Path dir) {
        Path file = dir.resolve("tiny.sofa");
        double[][][] ir = new double[2][2][8];
        ir[0][0][1] = 1; // measurement 0 (left of the head): left ear first
        ir[0][1][3] = 0.5;
        ir[1][0][2] = 1;
        ir[1][1][2] = 1;
        try (WritableHdfFile w = HdfFile.write(file)) {
            w.putDataset("Data.IR", ir);
            w.putDataset("Data.SamplingRate", new double[] {16000});
            w.putDataset("SourcePosition", new double[][] {{90, 0, 1}, {0, 0, 1}});
        }
        MeasuredHrtf h = SofaFile.read(file);
        assertEquals(16000, h.sampleRateHz());
        HrirPair p = h.hrir(new Vec3(0.1, 1, 0));
        assertEquals(1f, p.left()[1]);
        assertEquals(0.5f, p.right()[3]);
        assertEquals(1f, h.hrir(new Vec3(1, 0.1, 0)).left()[2]);
    }
}
