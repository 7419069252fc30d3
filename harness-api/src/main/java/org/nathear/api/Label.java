package org.nathear.api;

import java.util.List;

/**
 * The target of one clip, one kind per {@link TaskKind}.
 *
 * <ul>
 *   <li>{@link SingleLabel}: scene multiclass, exactly one label;</li>
 *   <li>{@link MultiLabel}: scene multilabel, zero or more labels;</li>
 *   <li>{@link EventLabels}: events with onset and offset times (event tasks);</li>
 *   <li>{@link DirectionLabel}: the direction of the source relative to the listener (localization);</li>
 *   <li>{@link SpatialEventLabels}: events with directions (SELD).</li>
 * </ul>
 */
public sealed interface Label permits Label.SingleLabel, Label.MultiLabel, Label.EventLabels,
        Label.DirectionLabel, Label.SpatialEventLabels {

    /** The class names this label mentions (empty for directions). */
    List<String> classNames();

    /** Exactly one class (scene multiclass). */
    record SingleLabel(String name) implements Label {
        /** Checks that the name is not blank. */
        public SingleLabel {
            requireName(name);
        }

        @Override
        public List<String> classNames() {
            return List.of(name);
        }
    }

    /** Zero or more classes (scene multilabel); order is kept, duplicates rejected. */
    record MultiLabel(List<String> names) implements Label {
        /** Copies the names and checks each is non-blank and listed once. */
        public MultiLabel {
            names = List.copyOf(names);
            names.forEach(Label::requireName);
            if (names.stream().distinct().count() != names.size()) {
                throw new TaskFormatException("A multilabel target lists a class twice: " + names);
            }
        }

        @Override
        public List<String> classNames() {
            return names;
        }
    }

    /** One sound event: a class active from {@code startMillis} (inclusive) to {@code endMillis}. */
    record Event(String name, double startMillis, double endMillis) {
        /** Checks the name and that 0 &le; start &le; end (finite). */
        public Event {
            requireName(name);
            if (!(startMillis >= 0) || !(endMillis >= startMillis)) {
                throw new TaskFormatException("Event '" + name + "' needs 0 <= start <= end; got start="
                        + startMillis + " ms, end=" + endMillis + " ms");
            }
        }

        /** True when a frame centred at {@code timeMillis} carries this event: start ≤ t &lt; end. */
        public boolean isActiveAt(double timeMillis) {
            return startMillis <= timeMillis && timeMillis < endMillis;
        }
    }

    /** The events of an event-task clip, sorted by onset. */
    record EventLabels(List<Event> events) implements Label {
        /** Copies the events, sorted by onset and then by name. */
        public EventLabels {
            events = events.stream()
                    .sorted(java.util.Comparator.comparingDouble(Event::startMillis).thenComparing(Event::name))
                    .toList();
        }

        @Override
        public List<String> classNames() {
            return events.stream().map(Event::name).distinct().toList();
        }
    }

    /**
     * A direction as a unit vector relative to the listener's head: x to the front, y to the left,
     * z up. The constructor normalises the vector.
     */
    record DirectionLabel(double x, double y, double z) implements Label {
        /** Normalises the vector to unit length; rejects zero and non-finite vectors. */
        public DirectionLabel {
            double norm = Math.sqrt(x * x + y * y + z * z);
            if (!(norm > 1e-12) || !Double.isFinite(norm)) {
                throw new TaskFormatException("A direction needs a finite non-zero vector; got (" + x + ", "
                        + y + ", " + z + ")");
            }
            x /= norm;
            y /= norm;
            z /= norm;
        }

        /** From azimuth (counter-clockwise from the front, towards the left) and elevation (up), degrees. */
        public static DirectionLabel fromDegrees(double azimuthDegrees, double elevationDegrees) {
            double az = Math.toRadians(azimuthDegrees);
            double el = Math.toRadians(elevationDegrees);
            return new DirectionLabel(Math.cos(el) * Math.cos(az), Math.cos(el) * Math.sin(az), Math.sin(el));
        }

        /** Azimuth in degrees, counter-clockwise from the front (left is +90), in (-180, 180]. */
        public double azimuthDegrees() {
            return Math.toDegrees(Math.atan2(y, x));
        }

        /** Elevation in degrees above the horizontal plane, in [-90, 90]. */
        public double elevationDegrees() {
            return Math.toDegrees(Math.asin(Math.max(-1, Math.min(1, z))));
        }

        /** Great-circle angle to another direction, in degrees (arccos of the dot product). */
        public double angleDegreesTo(DirectionLabel other) {
            double dot = x * other.x + y * other.y + z * other.z;
            return Math.toDegrees(Math.acos(Math.max(-1, Math.min(1, dot))));
        }

        @Override
        public List<String> classNames() {
            return List.of();
        }
    }

    /** A sound event with the direction it came from (SELD). */
    record SpatialEvent(Event event, DirectionLabel direction) {
        /** Checks that both the event and its direction are given. */
        public SpatialEvent {
            java.util.Objects.requireNonNull(event, "event");
            java.util.Objects.requireNonNull(direction, "direction");
        }
    }

    /** The spatial events of a SELD clip, sorted by onset. */
    record SpatialEventLabels(List<SpatialEvent> events) implements Label {
        /** Copies the events, sorted by onset. */
        public SpatialEventLabels {
            events = events.stream()
                    .sorted(java.util.Comparator.comparingDouble((SpatialEvent e) -> e.event().startMillis()))
                    .toList();
        }

        @Override
        public List<String> classNames() {
            return events.stream().map(e -> e.event().name()).distinct().toList();
        }
    }

    private static void requireName(String name) {
        if (name == null || name.isBlank()) {
            throw new TaskFormatException("A label must be a non-empty string; got " + (name == null ? "null" : "'" + name + "'"));
        }
    }
}
