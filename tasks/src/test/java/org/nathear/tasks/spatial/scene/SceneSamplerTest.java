package org.nathear.tasks.spatial.scene;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.nathear.tasks.acoustics.RoomSimulator;
import org.nathear.tasks.acoustics.Vec3;
import org.nathear.tasks.spatial.TaskFiles;

class SceneSamplerTest {
    private final SceneSampler sampler = new SceneSampler(SceneSampler.Settings.nathear(), RoomSimulator.Settings.defaults());

    @Test
    void scenesFollowThePapersRanges() {
        SplittableRandom random = new SplittableRandom(7);
        int localized = 0;
        int n = 400;
        double minRt = 9;
        double maxRt = 0;
        for (int i = 0; i < n; i++) {
            SceneSampler.Scene s = sampler.sample(random, SpatialFormat.BINAURAL, "head");
            SceneParameters p = s.parameters();
            double rt = s.room().midBandRt60Seconds();
            minRt = Math.min(minRt, rt);
            maxRt = Math.max(maxRt, rt);
            assertTrue(rt >= 0.2 - 1e-6 && rt <= 1.2 + 1e-6, "RT60 " + rt);
            assertEquals(rt, p.room().rt60Seconds(), 1e-12);
            double d = p.source().distanceMeters();
            assertTrue(d >= 1.5 && d <= 5, "distance " + d);
            assertEquals(d, s.source().minus(s.listener().position()).norm(), 1e-9);
            assertTrue(s.room().contains(s.source(), 0.3), "source inside the room");
            assertEquals(1.5, s.listener().position().z(), 1e-12, "the paper's agent height");
            double yaw = s.listener().yawDegrees();
            assertTrue(yaw >= 0 && yaw < 360, "yaw " + yaw);
            Vec3 head = s.listener().toHead(s.source().minus(s.listener().position()));
            assertEquals(head.azimuthDegrees(), p.source().azimuthDegrees(), 1e-9, "azimuth relative to the head");
            assertEquals(head.elevationDegrees(), p.source().elevationDegrees(), 1e-9);
            double snr = p.noise().snrDb();
            assertTrue(snr >= 5 && snr <= 40, "SNR " + snr);
            int sources = p.noise().sources().size();
            if (p.noise().kind().equals("localized")) {
                localized++;
                assertEquals(1, sources);
            } else {
                assertEquals("diffuse", p.noise().kind());
                assertTrue(sources >= 3 && sources <= 5, "diffuse sources " + sources);
            }
        }
        assertTrue(Math.abs(localized - n / 2) < 50, "about half the scenes have localized noise: " + localized);
        assertTrue(minRt < 0.3 && maxRt > 1.1, "RT60 covers the range: " + minRt + "-" + maxRt);
    }

    @Test
    void theSameRandomSourceGivesTheSameSceneAndAnotherGivesAnother() {
        SceneParameters a = sampler.sample(new SplittableRandom(3), SpatialFormat.FOA, "foa").parameters();
        SceneParameters b = sampler.sample(new SplittableRandom(3), SpatialFormat.FOA, "foa").parameters();
        SceneParameters c = sampler.sample(new SplittableRandom(4), SpatialFormat.FOA, "foa").parameters();
        assertEquals(TaskFiles.JSON.valueToTree(a), TaskFiles.JSON.valueToTree(b));
        assertNotEquals(TaskFiles.JSON.valueToTree(a), TaskFiles.JSON.valueToTree(c));
    }
}
