package org.nathear.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The {@link Label} family: invariants, class names, and direction geometry. */
class LabelTest {

    @Test
    void aSingleLabelNeedsANonBlankName() {
        assertEquals(List.of("dog"), new Label.SingleLabel("dog").classNames());
        assertThrows(TaskFormatException.class, () -> new Label.SingleLabel(" "));
        assertThrows(TaskFormatException.class, () -> new Label.SingleLabel(null));
    }

    @Test
    void aMultiLabelKeepsOrderAndRejectsDuplicates() {
        assertEquals(List.of("b", "a"), new Label.MultiLabel(List.of("b", "a")).classNames());
        TaskFormatException e = assertThrows(TaskFormatException.class, () -> new Label.MultiLabel(List.of("a", "a")));
        assertTrue(e.getMessage().contains("twice"), e.getMessage());
    }

    @Test
    void anEmptyMultiLabelIsAllowed() {
        assertTrue(new Label.MultiLabel(List.of()).classNames().isEmpty());
    }

    @Test
    void anEventIsActiveFromItsStartUntilJustBeforeItsEnd() {
        Label.Event e = new Label.Event("bell", 100, 200);
        assertTrue(e.isActiveAt(100));
        assertTrue(e.isActiveAt(199.9));
        assertFalse(e.isActiveAt(200));
        assertFalse(e.isActiveAt(99.9));
    }

    @Test
    void anEventMustNotEndBeforeItStarts() {
        TaskFormatException e = assertThrows(TaskFormatException.class, () -> new Label.Event("bell", 200, 100));
        assertTrue(e.getMessage().contains("start=200.0 ms, end=100.0 ms"), e.getMessage());
        assertThrows(TaskFormatException.class, () -> new Label.Event("bell", Double.NaN, 100));
    }

    @Test
    void eventLabelsAreSortedByOnsetAndNameClassesOnce() {
        Label.EventLabels labels = new Label.EventLabels(List.of(new Label.Event("b", 500, 600),
                new Label.Event("a", 0, 100), new Label.Event("b", 50, 80)));
        assertEquals(List.of(0.0, 50.0, 500.0), labels.events().stream().map(Label.Event::startMillis).toList());
        assertEquals(List.of("a", "b"), labels.classNames());
    }

    @Test
    void aDirectionIsNormalisedToAUnitVector() {
        Label.DirectionLabel d = new Label.DirectionLabel(0, 3, 4);
        assertEquals(0.6, d.y(), 1e-12);
        assertEquals(0.8, d.z(), 1e-12);
        assertTrue(d.classNames().isEmpty());
    }

    @Test
    void aZeroOrNonFiniteDirectionIsRejected() {
        assertThrows(TaskFormatException.class, () -> new Label.DirectionLabel(0, 0, 0));
        assertThrows(TaskFormatException.class, () -> new Label.DirectionLabel(Double.NaN, 1, 0));
    }

    @Test
    void degreesRoundTripAndAzimuthTurnsToTheLeft() {
        Label.DirectionLabel left = Label.DirectionLabel.fromDegrees(90, 0);
        assertEquals(1.0, left.y(), 1e-12);
        Label.DirectionLabel d = Label.DirectionLabel.fromDegrees(-135, 30);
        assertEquals(-135, d.azimuthDegrees(), 1e-9);
        assertEquals(30, d.elevationDegrees(), 1e-9);
    }

    @Test
    void theAngleBetweenDirectionsIsTheGreatCircleAngle() {
        Label.DirectionLabel front = Label.DirectionLabel.fromDegrees(0, 0);
        assertEquals(90, front.angleDegreesTo(Label.DirectionLabel.fromDegrees(90, 0)), 1e-9);
        assertEquals(180, front.angleDegreesTo(Label.DirectionLabel.fromDegrees(180, 0)), 1e-9);
        assertEquals(0, front.angleDegreesTo(front), 1e-6);
        assertEquals(45, front.angleDegreesTo(Label.DirectionLabel.fromDegrees(0, 45)), 1e-9);
    }
}
