package org.nathear.tasks.acoustics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.nathear.api.ConfigurationException;

class ImageSourcesTest {

    @Test
    void directPathHasTheTravelTimeAndSphericalSpreadingOfTheDistance() {
        Room room = Room.uniform(6, 5, 3, 0.3);
        Vec3 source = new Vec3(1, 1, 1);
        Vec3 receiver = new Vec3(4, 5 - 1, 2);
        Reflection direct = ImageSources.compute(room, source, receiver, 0.1).get(0);
        double r = Math.sqrt(9 + 9 + 1);
        assertEquals(0, direct.order());
        assertEquals(r / 343.0, direct.delaySeconds(), 1e-12);
        assertEquals(1 / (4 * Math.PI * r), direct.bandAmplitude(3), 1e-12);
        Vec3 expected = source.minus(receiver).unit();
        assertEquals(1, direct.arrivalDirection().dot(expected), 1e-12, "direction points from the receiver to the source");
    }

    @Test
    void firstOrderReflectionsComeFromTheSixMirrorImages() {
        double[][] alpha = new double[6][OctaveBands.COUNT];
        for (int w = 0; w < 6; w++) {
            Arrays.fill(alpha[w], 0.1 * (w + 1));
        }
        Room room = new Room(6, 5, 3, alpha);
        Vec3 s = new Vec3(1, 2, 1.2);
        Vec3 r = new Vec3(4, 3, 1.6);
        List<Reflection> first = ImageSources.compute(room, s, r, 0.2).stream().filter(p -> p.order() == 1).toList();
        assertEquals(6, first.size());
        Vec3[] images = {new Vec3(-1, 2, 1.2), new Vec3(11, 2, 1.2), new Vec3(1, -2, 1.2), new Vec3(1, 8, 1.2),
                new Vec3(1, 2, -1.2), new Vec3(1, 2, 4.8)};
        for (int w = 0; w < 6; w++) {
            double dist = images[w].minus(r).norm();
            double amp = Math.sqrt(1 - 0.1 * (w + 1)) / (4 * Math.PI * dist);
            boolean found = first.stream().anyMatch(p -> Math.abs(p.distanceMeters() - dist) < 1e-9
                    && Math.abs(p.bandAmplitude(0) - amp) < 1e-12);
            assertTrue(found, "image of " + Wall.values()[w] + " at " + images[w] + " with amplitude " + amp);
        }
    }

    @Test
    void everyPathMatchesAnIndependentNumpyEnumerationWithWallCrossingsCounted() throws IOException {
        JsonNode fixture;
        try (InputStream in = getClass().getResourceAsStream("ism-fixture.json")) {
            fixture = new ObjectMapper().readTree(in);
        }
        JsonNode a = fixture.get("alpha");
        double[][] alpha = new double[6][OctaveBands.COUNT];
        for (int w = 0; w < 6; w++) {
            Arrays.fill(alpha[w], a.get(w).doubleValue());
        }
        JsonNode dims = fixture.get("room");
        Room room = new Room(dims.get(0).doubleValue(), dims.get(1).doubleValue(), dims.get(2).doubleValue(), alpha);
        List<Reflection> paths = ImageSources.compute(room, vec(fixture.get("source")), vec(fixture.get("receiver")),
                fixture.get("maxDelaySeconds").doubleValue());
        JsonNode expected = fixture.get("paths");
        assertEquals(expected.size(), paths.size(), "number of paths shorter than 40 ms");
        // paths of equal length may come in any order: match each expected path to an unused one
        boolean[] used = new boolean[paths.size()];
        for (int i = 0; i < expected.size(); i++) {
            JsonNode e = expected.get(i);
            int match = -1;
            for (int k = 0; k < paths.size() && match < 0; k++) {
                Reflection p = paths.get(k);
                if (!used[k] && Math.abs(p.delaySeconds() - e.get("delay").doubleValue()) < 1e-12
                        && Math.abs(p.bandAmplitude(2) - e.get("amplitude").doubleValue()) < 1e-12
                        && p.order() == e.get("order").intValue()) {
                    match = k;
                }
            }
            assertTrue(match >= 0, "numpy path " + i + " " + e + " has no match");
            used[match] = true;
        }
    }

    @Test
    void rejectsPositionsOutsideTheRoom() {
        Room room = Room.uniform(4, 4, 3, 0.2);
        ConfigurationException e = assertThrows(ConfigurationException.class,
                () -> ImageSources.compute(room, new Vec3(5, 1, 1), new Vec3(1, 1, 1), 0.05));
        assertTrue(e.getMessage().contains("inside"), e.getMessage());
    }

    private static Vec3 vec(JsonNode n) {
        return new Vec3(n.get(0).doubleValue(), n.get(1).doubleValue(), n.get(2).doubleValue());
    }
}
