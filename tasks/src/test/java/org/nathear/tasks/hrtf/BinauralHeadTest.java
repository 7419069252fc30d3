package org.nathear.tasks.hrtf;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.nathear.api.ConfigurationException;
import org.nathear.api.testsupport.SharedData;
import org.nathear.tasks.acoustics.Vec3;
import org.nathear.tasks.spatial.scene.SceneSimulator;
import org.nathear.tasks.spatial.scene.SpatialFormat;

class BinauralHeadTest {

    /** The shipped resource is the same set as the shared data's copy of Debian's file, response for response. */
    @Test
    void theBuiltInKemarIsTheMitSetReadFromTheJar() {
        MeasuredHrtf builtIn = BinauralHead.kemar();
        MeasuredHrtf file = SofaFile.read(SharedData.requireDir("data/spatial/hrtf").resolve("MIT_KEMAR_normal_pinna.sofa"));
        assertEquals(710, builtIn.directionCount());
        assertEquals(44100, builtIn.sampleRateHz());
        assertEquals(512, builtIn.length());
        for (double az = -180; az < 180; az += 37) {
            for (double el = -40; el <= 90; el += 25) {
                Vec3 d = Vec3.fromDegrees(az, el);
                assertArrayEquals(file.hrir(d).left(), builtIn.hrir(d).left());
                assertArrayEquals(file.hrir(d).right(), builtIn.hrir(d).right());
            }
        }
    }

    /** Binaural scenes use the measured head unless the sphere (or another HRTF) is asked for. */
    @Test
    void binauralScenesUseKemarByDefaultAndTheSphereOnRequest() {
        SceneSimulator byDefault = SceneSimulator.builder().setFormat(SpatialFormat.BINAURAL).setSampleRateHz(16000).build();
        assertTrue(byDefault.receiver().description().contains("MIT_KEMAR_normal_pinna"), byDefault.receiver().description());
        SceneSimulator sphere = SceneSimulator.builder().setFormat(SpatialFormat.BINAURAL).setSampleRateHz(16000)
                .optHrtf(BinauralHead.SPHERE.atSampleRate(16000)).build();
        assertTrue(sphere.receiver().description().contains("sphere"), sphere.receiver().description());
        assertEquals(16000, BinauralHead.KEMAR.atSampleRate(16000).sampleRateHz());
        assertEquals(BinauralHead.SPHERE, BinauralHead.parse(" Sphere "));
        ConfigurationException e = assertThrows(ConfigurationException.class, () -> BinauralHead.parse("cipic"));
        assertTrue(e.getMessage().contains("kemar") && e.getMessage().contains("SOFA"), e.getMessage());
    }

    /**
     * The front-back cue itself: the spectrum (2-14 kHz) of a direction and of its front-back mirror
     * image (azimuth φ vs 180° − φ, the same interaural cues). The sphere gives identical responses;
     * KEMAR's pinnae make them differ by several dB.
     */
    @Test
    void kemarHasAFrontBackSpectralCueTheSphereHasNone() {
        double kemar = frontBackSpectralDifferenceDb(BinauralHead.KEMAR.atSampleRate(44100));
        double sphere = frontBackSpectralDifferenceDb(BinauralHead.SPHERE.atSampleRate(44100));
        System.out.printf(java.util.Locale.ROOT, "front-back mirror spectral difference, 2-14 kHz, rms over bins: "
                + "KEMAR %.2f dB, sphere %.2f dB%n", kemar, sphere);
        assertTrue(sphere < 1e-6, "the sphere has no front-back cue: " + sphere);
        assertTrue(kemar > 3, "KEMAR's pinnae give a front-back cue: " + kemar + " dB");
    }

    /** RMS over azimuths 10°-80° (elevation 0), both ears and 2-14 kHz bins of the level difference front vs back. */
    private static double frontBackSpectralDifferenceDb(Hrtf hrtf) {
        double sum = 0;
        int count = 0;
        for (int az = 10; az <= 80; az += 10) {
            HrirPair front = hrtf.hrir(Vec3.fromDegrees(az, 0));
            HrirPair back = hrtf.hrir(Vec3.fromDegrees(180 - az, 0));
            for (int ear = 0; ear < 2; ear++) {
                float[] a = ear == 0 ? front.left() : front.right();
                float[] b = ear == 0 ? back.left() : back.right();
                int n = 1024;
                for (int k = 1; k < n / 2; k++) {
                    double f = k * (double) hrtf.sampleRateHz() / n;
                    if (f < 2000 || f > 14000) {
                        continue;
                    }
                    double d = levelDb(a, k, n) - levelDb(b, k, n);
                    sum += d * d;
                    count++;
                }
            }
        }
        return Math.sqrt(sum / count);
    }

    private static double levelDb(float[] h, int k, int n) {
        double re = 0;
        double im = 0;
        for (int t = 0; t < h.length && t < n; t++) {
            double w = -2 * Math.PI * k * t / n;
            re += h[t] * Math.cos(w);
            im += h[t] * Math.sin(w);
        }
        return 10 * Math.log10(re * re + im * im + 1e-20);
    }
}
