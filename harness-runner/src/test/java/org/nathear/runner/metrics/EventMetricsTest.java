package org.nathear.runner.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.nathear.api.HarnessException;
import org.nathear.api.Label;
import org.nathear.api.Metric;

class EventMetricsTest {
    private static final double EXACT = 1e-12;
    private static final double FIXTURE_TOLERANCE = 1e-6;
    private static final List<String> VOCABULARY = List.of("alarm", "cough", "door", "speech");

    private static Label.Event ev(String label, double startMillis, double endMillis) {
        return new Label.Event(label, startMillis, endMillis);
    }

    private static Map<String, List<Label.Event>> file(String name, Label.Event... events) {
        Map<String, List<Label.Event>> out = new LinkedHashMap<>();
        out.put(name, List.of(events));
        return out;
    }

    @Test
    void onsetFMeasureMatchesSameLabelOnsetsWithinTheCollarAndIgnoresOffsets() {
        var ref = file("a.wav", ev("door", 1000, 1500), ev("door", 3000, 3100));
        var est = file("a.wav", ev("door", 1150, 9000), ev("speech", 3000, 3100), ev("door", 5000, 5100));
        // 200 ms: door@1.15 s matches door@1.0 s; speech@3.0 s has the wrong label → P = 1/3, R = 1/2
        EventMetrics.EventScores wide = EventMetrics.onsetFMeasure(ref, est, VOCABULARY, 0.2);
        assertEquals(1, wide.correctEvents());
        assertEquals(1.0 / 3, wide.precision(), EXACT);
        assertEquals(0.5, wide.recall(), EXACT);
        assertEquals(0.4, wide.fMeasure(), EXACT);
        assertEquals(0.4, EventMetrics.score(Metric.EVENT_ONSET_200MS_FMS, ref, est, VOCABULARY), EXACT);
        // 50 ms: nothing matches
        assertEquals(0.0, EventMetrics.score(Metric.EVENT_ONSET_50MS_FMS, ref, est, VOCABULARY), EXACT);
    }

    @Test
    void eachEventMatchesAtMostOneOther() {
        var ref = file("a.wav", ev("alarm", 1000, 2000), ev("alarm", 1100, 2000));
        var est = file("a.wav", ev("alarm", 1050, 1500));
        EventMetrics.EventScores s = EventMetrics.onsetFMeasure(ref, est, VOCABULARY, 0.2);
        assertEquals(1, s.correctEvents());
        assertEquals(2.0 / 3, s.fMeasure(), EXACT);
    }

    @Test
    void matchingIsMaximumNotGreedy() {
        // est@1.15 s could take ref@1.0 s, which est@0.85 s needs; a maximum matching pairs both
        var ref = file("a.wav", ev("alarm", 1000, 1100), ev("alarm", 1300, 1400));
        var est = file("a.wav", ev("alarm", 1150, 1200), ev("alarm", 850, 900));
        EventMetrics.EventScores s = EventMetrics.onsetFMeasure(ref, est, VOCABULARY, 0.2);
        assertEquals(2, s.correctEvents());
        assertEquals(1.0, s.fMeasure(), EXACT);
    }

    @Test
    void eventsMatchOnlyWithinTheirOwnFile() {
        Map<String, List<Label.Event>> ref = new LinkedHashMap<>();
        ref.put("a.wav", List.of(ev("cough", 1000, 1200)));
        ref.put("b.wav", List.of());
        Map<String, List<Label.Event>> est = new LinkedHashMap<>();
        est.put("a.wav", List.of());
        est.put("b.wav", List.of(ev("cough", 1000, 1200)));
        EventMetrics.EventScores s = EventMetrics.onsetFMeasure(ref, est, VOCABULARY, 0.2);
        assertEquals(0, s.correctEvents());
        assertEquals(0.0, s.fMeasure(), EXACT);
    }

    @Test
    void noEventsOnEitherSideScoresZeroNotNaN() {
        var ref = file("a.wav");
        var est = file("a.wav");
        assertEquals(0.0, EventMetrics.score(Metric.EVENT_ONSET_200MS_FMS, ref, est, VOCABULARY), EXACT);
        assertEquals(0.0, EventMetrics.score(Metric.SEGMENT_1S_ER, ref, est, VOCABULARY), EXACT);
    }

    @Test
    void segmentErrorRateCountsDeletionsInsertionsAndSubstitutionsPerSecond() {
        // door 0.5–2.5 s marks segments 0, 1, 2; the estimate has door in segment 1 and cough in segment 3
        var ref = file("a.wav", ev("door", 500, 2500));
        var est = file("a.wav", ev("door", 1200, 1800), ev("cough", 3000, 3500));
        EventMetrics.SegmentScores s = EventMetrics.segmentErrorRate(ref, est, VOCABULARY, 1.0);
        assertEquals(4, s.segments());
        assertEquals(3, s.reference());
        assertEquals(0, s.substitutions());
        assertEquals(2, s.deletions());
        assertEquals(1, s.insertions());
        assertEquals(1.0, s.errorRate(), EXACT);
        // a wrong label in a segment with a reference is one substitution, not a deletion and an insertion
        var sub = EventMetrics.segmentErrorRate(file("b.wav", ev("door", 0, 1000)),
                file("b.wav", ev("cough", 0, 1000)), VOCABULARY, 1.0);
        assertEquals(1, sub.substitutions());
        assertEquals(0, sub.deletions() + sub.insertions());
        assertEquals(1.0, sub.errorRate(), EXACT);
    }

    @Test
    void segmentsStartAtTheFlooredOnsetAndEndAtTheCeiledOffset() {
        // 0.9–1.1 s touches segments 0 and 1; an estimate 1.0–1.0 s (zero length on a boundary) marks nothing
        var ref = file("a.wav", ev("alarm", 900, 1100));
        var est = file("a.wav", ev("alarm", 1000, 1000));
        EventMetrics.SegmentScores s = EventMetrics.segmentErrorRate(ref, est, VOCABULARY, 1.0);
        assertEquals(2, s.segments());
        assertEquals(2, s.deletions());
        assertEquals(1.0, s.errorRate(), EXACT);
    }

    @Test
    void unknownLabelsAndNonEventMetricsAreRejected() {
        var ref = file("a.wav", ev("piano", 0, 100));
        HarnessException e = assertThrows(HarnessException.class,
                () -> EventMetrics.score(Metric.SEGMENT_1S_ER, ref, file("a.wav"), VOCABULARY));
        assertTrue(e.getMessage().contains("piano") && e.getMessage().contains("a.wav"), e.getMessage());
        HarnessException m = assertThrows(HarnessException.class,
                () -> EventMetrics.score(Metric.TOP1_ACC, file("a.wav"), file("a.wav"), VOCABULARY));
        assertTrue(m.getMessage().contains("top1_acc"), m.getMessage());
    }

    @Test
    void bipartiteMatchingFindsAPerfectMatchingThroughAugmentingPaths() {
        // left 0 → {0,1}, left 1 → {0}, left 2 → {1,2}: perfect matching 0-1, 1-0, 2-2
        assertEquals(3, BipartiteMatching.maximum(new int[][] {{0, 1}, {0}, {1, 2}}, 3));
        assertEquals(1, BipartiteMatching.maximum(new int[][] {{0}, {0}, {0}}, 1));
        assertEquals(0, BipartiteMatching.maximum(new int[][] {{}, {}}, 2));
    }

    // ----- independent reference: tools/fixtures/make_event_fixture.py (sed_eval definitions, SciPy matching)

    static JsonNode fixture() {
        try (InputStream in = EventMetricsTest.class.getResourceAsStream("/fixtures/event-metrics.json")) {
            if (in == null) {
                throw new IllegalStateException("fixture /fixtures/event-metrics.json is missing; run "
                        + "/usr/bin/python3 tools/fixtures/make_event_fixture.py");
            }
            return new ObjectMapper().readTree(in);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static Map<String, List<Label.Event>> events(JsonNode byFile) {
        Map<String, List<Label.Event>> out = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> f : byFile.properties()) {
            out.put(f.getKey(), eventList(f.getValue()));
        }
        return out;
    }

    static List<Label.Event> eventList(JsonNode list) {
        List<Label.Event> events = new ArrayList<>();
        for (JsonNode e : list) {
            events.add(new Label.Event(e.get("label").asText(), e.get("start").asDouble(), e.get("end").asDouble()));
        }
        return events;
    }

    @TestFactory
    List<DynamicTest> agreesWithTheIndependentSedEvalDefinitions() {
        JsonNode doc = fixture();
        List<String> labels = new ArrayList<>();
        doc.get("labels").forEach(l -> labels.add(l.asText()));
        List<DynamicTest> tests = new ArrayList<>();
        for (JsonNode c : doc.get("metrics")) {
            tests.add(DynamicTest.dynamicTest(c.get("name").asText(), () -> {
                var ref = events(c.get("reference"));
                var est = events(c.get("estimated"));
                for (Metric m : List.of(Metric.EVENT_ONSET_200MS_FMS, Metric.EVENT_ONSET_50MS_FMS)) {
                    JsonNode expected = c.get(m.id());
                    Map<String, Double> got = EventMetrics.subScores(m, ref, est, labels);
                    for (String sub : List.of("f_measure", "precision", "recall")) {
                        assertEquals(expected.get(sub).asDouble(), got.get(sub), FIXTURE_TOLERANCE, m.id() + " " + sub);
                    }
                    double collar = m == Metric.EVENT_ONSET_200MS_FMS ? 0.2 : 0.05;
                    assertEquals(expected.get("n_corr").asInt(),
                            EventMetrics.onsetFMeasure(ref, est, labels, collar).correctEvents(), m.id() + " matches");
                }
                JsonNode er = c.get("segment_1s_er");
                EventMetrics.SegmentScores s = EventMetrics.segmentErrorRate(ref, est, labels, 1.0);
                assertEquals(er.get("substitutions").asInt(), s.substitutions());
                assertEquals(er.get("deletions").asInt(), s.deletions());
                assertEquals(er.get("insertions").asInt(), s.insertions());
                assertEquals(er.get("n_ref").asInt(), s.reference());
                for (String sub : List.of("error_rate", "substitution_rate", "deletion_rate", "insertion_rate")) {
                    double expected = er.get(sub).asDouble();
                    assertEquals(expected, s.subScores().get(sub), FIXTURE_TOLERANCE * Math.max(1, Math.abs(expected)), sub);
                }
            }));
        }
        return tests;
    }
}
