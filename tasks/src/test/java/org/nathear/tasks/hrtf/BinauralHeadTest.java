package org.nathear.tasks.hrtf;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.nathear.api.ConfigurationException;
import org.nathear.api.testsupport.SharedData;
import org.nathear.tasks.acoustics.Vec3;
import org.nathear.tasks.spatial.SceneRenderer;
import org.nathear.tasks.spatial.SpatialFormat;

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
        SceneRenderer byDefault = SceneRenderer.builder().setFormat(SpatialFormat.BINAURAL).setSampleRateHz(16000).build();
        assertTrue(byDefault.receiver().description().contains("MIT_KEMAR_normal_pinna"), byDefault.receiver().description());
        SceneRenderer sphere = SceneRenderer.builder().setFormat(SpatialFormat.BINAURAL).setSampleRateHz(16000)
                .optHrtf(BinauralHead.SPHERE.atSampleRate(16000)).build();
        assertTrue(sphere.receiver().description().contains("sphere"), sphere.receiver().description());
        assertEquals(16000, BinauralHead.KEMAR.atSampleRate(16000).sampleRateHz());
        assertEquals(BinauralHead.SPHERE, BinauralHead.parse(" Sphere "));
        ConfigurationException e = assertThrows(ConfigurationException.class, () -> BinauralHead.parse("cipic"));
        assertTrue(e.getMessage().contains("kemar") && e.getMessage().contains("SOFA"), e.getMessage());
    }
}
