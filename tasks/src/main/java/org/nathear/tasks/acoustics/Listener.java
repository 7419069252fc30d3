package org.nathear.tasks.acoustics;

/**
 * Where a receiver stands in the room and which way it faces: its frame has x to the front (the
 * room's +x turned by {@code yawDegrees} counter-clockwise about the vertical), y to the left and z up.
 */
public record Listener(Vec3 position, double yawDegrees) {
    public Listener {
        java.util.Objects.requireNonNull(position, "position");
        if (!Double.isFinite(yawDegrees)) {
            throw new org.nathear.api.ConfigurationException("Listener yaw must be finite; got " + yawDegrees);
        }
    }

    /** A room direction (or offset) in the listener's frame. */
    public Vec3 toHead(Vec3 room) {
        double yaw = Math.toRadians(yawDegrees);
        double c = Math.cos(yaw);
        double s = Math.sin(yaw);
        return new Vec3(room.x() * c + room.y() * s, -room.x() * s + room.y() * c, room.z());
    }

    /** A direction (or offset) in the listener's frame, in room coordinates. */
    public Vec3 toRoom(Vec3 head) {
        double yaw = Math.toRadians(yawDegrees);
        double c = Math.cos(yaw);
        double s = Math.sin(yaw);
        return new Vec3(head.x() * c - head.y() * s, head.x() * s + head.y() * c, head.z());
    }
}
