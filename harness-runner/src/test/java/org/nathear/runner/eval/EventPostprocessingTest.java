package org.nathear.runner.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.nathear.api.HarnessException;
import org.nathear.api.Label;

class EventPostprocessingTest {
    private static final List<String> TWO = List.of("a", "b");

    private static double[] times(int n, double hop) {
        double[] t = new double[n];
        for (int i = 0; i < n; i++) {
            t[i] = i * hop;
        }
        return t;
    }

    @Test
    void runsOfFramesAboveTheThresholdBecomeEventsFromFirstToLastTimestamp() {
        double[][] scores = {{0.9, 0.1}, {0.8, 0.1}, {0.2, 0.6}, {0.51, 0.5}, {0.6, 0.1}, {0.4, 0.7}};
        List<Label.Event> events = EventPostprocessing.events(times(6, 50), scores, TWO,
                new EventPostprocessing.Setting(0, 0));
        // a: frames 0–1 (0–50 ms) and 3–4 (150–200 ms); b: frame 2 (100–100 ms, zero length) and frame 5;
        // exactly 0.5 is not above the threshold
        assertEquals(List.of(new Label.Event("a", 0, 50), new Label.Event("b", 100, 100), new Label.Event("a", 150, 200),
                new Label.Event("b", 250, 250)), events);
    }

    @Test
    void eventsShorterThanTheMinimumDurationAreDroppedAndEqualOnesKept() {
        double[][] scores = {{0.9}, {0.9}, {0.9}, {0.1}, {0.9}, {0.9}, {0.1}};
        List<Label.Event> events = EventPostprocessing.events(times(7, 50), scores, List.of("a"),
                new EventPostprocessing.Setting(0, 100));
        assertEquals(List.of(new Label.Event("a", 0, 100)), events); // 0–100 ms kept (= min), 200–250 ms dropped
    }

    @Test
    void theMedianFilterClosesOneFrameGapsAndRemovesOneFrameBlips() {
        // hop 50 ms, median 150 ms → width 3
        double[][] scores = {{0.9}, {0.9}, {0.1}, {0.9}, {0.9}, {0.1}, {0.1}, {0.9}, {0.1}, {0.1}};
        List<Label.Event> events = EventPostprocessing.events(times(10, 50), scores, List.of("a"),
                new EventPostprocessing.Setting(150, 0));
        assertEquals(List.of(new Label.Event("a", 0, 200)), events);
    }

    @Test
    void medianFilterReflectsAtTheEdgesAndTakesTheUpperMiddleForEvenWidths() {
        double[][] x = {{1}, {5}, {2}, {8}};
        // width 3, reflect: t0 window [x0, x0, x1] = {1,1,5} → 1; t3 window [x2, x3, x3] = {2,8,8} → 8
        double[][] odd = EventPostprocessing.medianFilter(x, 3, 1);
        assertArrayEquals(new double[] {1, 2, 5, 8}, new double[] {odd[0][0], odd[1][0], odd[2][0], odd[3][0]});
        // width 4, offsets −2..1: t0 window [x1, x0, x0, x1] = {1,1,5,5} → sorted[2] = 5
        double[][] even = EventPostprocessing.medianFilter(x, 4, 1);
        assertEquals(5, even[0][0]);
        // windows wider than the signal keep reflecting
        assertEquals(0, EventPostprocessing.reflect(-1, 1));
        assertEquals(1, EventPostprocessing.reflect(-2, 3));
        assertEquals(2, EventPostprocessing.reflect(3, 3));
        assertEquals(0, EventPostprocessing.reflect(-6, 3));
    }

    @Test
    void decreasingTimestampsAreRejectedWithTheOffendingFrame() {
        HarnessException e = assertThrows(HarnessException.class, () -> EventPostprocessing.events(
                new double[] {0, 50, 40}, new double[3][1], List.of("a"), new EventPostprocessing.Setting(0, 0)));
        assertEquals(true, e.getMessage().contains("frame 2") && e.getMessage().contains("40.0"), e.getMessage());
    }

    // ----- independent reference: hear-eval-kit's function written out with scipy.ndimage.median_filter

    @TestFactory
    List<DynamicTest> agreesWithScipyBasedPostprocessing() throws IOException {
        JsonNode doc;
        try (InputStream in = getClass().getResourceAsStream("/fixtures/event-metrics.json")) {
            doc = new ObjectMapper().readTree(in);
        }
        List<String> labels = new ArrayList<>();
        doc.get("labels").forEach(l -> labels.add(l.asText()));
        List<DynamicTest> tests = new ArrayList<>();
        for (JsonNode c : doc.get("postprocessing")) {
            double[] timestamps = new double[c.get("timestamps").size()];
            for (int i = 0; i < timestamps.length; i++) {
                timestamps[i] = c.get("timestamps").get(i).asDouble();
            }
            double[][] scores = new double[timestamps.length][labels.size()];
            for (int i = 0; i < timestamps.length; i++) {
                for (int k = 0; k < labels.size(); k++) {
                    scores[i][k] = c.get("scores").get(i).get(k).asDouble();
                }
            }
            for (JsonNode r : c.get("results")) {
                var setting = new EventPostprocessing.Setting(r.get("median_filter_ms").asDouble(),
                        r.get("min_duration_ms").asDouble());
                tests.add(DynamicTest.dynamicTest(c.get("name").asText() + " " + setting, () -> {
                    assertEquals(r.get("filter_width").asInt(), (int) Math.rint(setting.medianFilterMillis()
                            / EventPostprocessing.meanHopMillis(timestamps)), "filter width");
                    List<Label.Event> expected = new ArrayList<>();
                    for (JsonNode e : r.get("events")) {
                        expected.add(new Label.Event(e.get("label").asText(), e.get("start").asDouble(), e.get("end").asDouble()));
                    }
                    assertEquals(expected, EventPostprocessing.events(timestamps, scores, labels, setting));
                }));
            }
        }
        return tests;
    }
}
