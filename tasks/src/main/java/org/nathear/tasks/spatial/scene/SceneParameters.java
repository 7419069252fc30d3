package org.nathear.tasks.spatial.scene;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import org.nathear.api.ConfigurationException;
import org.nathear.api.Label.DirectionLabel;
import org.nathear.tasks.acoustics.Listener;
import org.nathear.tasks.acoustics.Room;
import org.nathear.tasks.acoustics.Vec3;

/**
 * Everything that defines one Nat-HEAR scene before any audio is mixed: the receiver format, where
 * the impulse responses come from, the room, the listener, the source and the noise. Stored as JSON
 * next to every rendered clip ({@code scenes/<split>.json}); directions are relative to the
 * listener's head (x front, y left, z up; azimuth counter-clockwise from the front, elevation up).
 *
 * @param format            {@code binaural} or {@code foa}
 * @param impulseResponses  {@code simulated} or {@code external:<scene id>}
 * @param receiver          the receiver's description (e.g. the HRTF used)
 * @param room              the simulated room, or {@code null} for external impulse responses
 * @param listener          position and head yaw in the room, or {@code null} for external impulse responses
 * @param source            the sound source
 * @param noise             the noise sources and the SNR
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SceneParameters(String format, String impulseResponses, String receiver, RoomSpec room,
                              ListenerSpec listener, SourceSpec source, NoiseSpec noise) {
    public SceneParameters {
        if (format == null || impulseResponses == null || source == null || noise == null) {
            throw new ConfigurationException("Scene parameters need a format, an impulse-response origin, a source and noise");
        }
    }

    /** The source's direction relative to the head, as a localization label. */
    public DirectionLabel sourceDirection() {
        return DirectionLabel.fromDegrees(source.azimuthDegrees(), source.elevationDegrees());
    }

    /**
     * A shoebox room.
     *
     * @param absorption                 energy absorption {@code [wall][octave band]}, walls x=0, x=L, y=0, y=W, floor, ceiling; bands 125 Hz to 8 kHz
     * @param eyringRt60SecondsPerBand   Eyring reverberation time per band
     * @param rt60Seconds                mean of the 500 Hz and 1 kHz bands
     * @param transitionMillis           end of the image-source part of the responses
     */
    public record RoomSpec(double lengthMeters, double widthMeters, double heightMeters, double[][] absorption,
                           double[] eyringRt60SecondsPerBand, double rt60Seconds, double transitionMillis) {
        public RoomSpec {
            absorption = copy(absorption);
            eyringRt60SecondsPerBand = eyringRt60SecondsPerBand.clone();
        }

        static RoomSpec of(Room room, double transitionMillis) {
            return new RoomSpec(room.lengthMeters(), room.widthMeters(), room.heightMeters(), room.absorption(),
                    room.eyringRt60SecondsPerBand(), room.midBandRt60Seconds(), transitionMillis);
        }

        /** The acoustics model of this room. */
        public Room toRoom() {
            return new Room(lengthMeters, widthMeters, heightMeters, absorption);
        }

        @Override
        public double[][] absorption() {
            return copy(absorption);
        }

        @Override
        public double[] eyringRt60SecondsPerBand() {
            return eyringRt60SecondsPerBand.clone();
        }

        private static double[][] copy(double[][] a) {
            double[][] c = new double[a.length][];
            for (int i = 0; i < a.length; i++) {
                c[i] = a[i].clone();
            }
            return c;
        }
    }

    /** Where the listener (or microphone) stands, in metres, and its head yaw (counter-clockwise from the room's +x). */
    public record ListenerSpec(double[] positionMeters, double headYawDegrees) {
        public ListenerSpec {
            positionMeters = positionMeters.clone();
        }

        static ListenerSpec of(Listener listener) {
            Vec3 p = listener.position();
            return new ListenerSpec(new double[] {p.x(), p.y(), p.z()}, listener.yawDegrees());
        }

        public Listener toListener() {
            return new Listener(new Vec3(positionMeters[0], positionMeters[1], positionMeters[2]), headYawDegrees);
        }

        @Override
        public double[] positionMeters() {
            return positionMeters.clone();
        }
    }

    /**
     * A point source: its room position ({@code null} when unknown) and its direction and distance
     * relative to the listener's head ({@code distanceMeters} {@code null} when unknown).
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record SourceSpec(double[] positionMeters, double azimuthDegrees, double elevationDegrees, Double distanceMeters) {
        public SourceSpec {
            positionMeters = positionMeters == null ? null : positionMeters.clone();
            if (!Double.isFinite(azimuthDegrees) || !(elevationDegrees >= -90 && elevationDegrees <= 90)) {
                throw new ConfigurationException("A source direction needs a finite azimuth and an elevation in [-90, 90] "
                        + "degrees; got " + azimuthDegrees + ", " + elevationDegrees);
            }
        }

        static SourceSpec of(Vec3 roomPosition, Listener listener) {
            Vec3 rel = listener.toHead(roomPosition.minus(listener.position()));
            return new SourceSpec(new double[] {roomPosition.x(), roomPosition.y(), roomPosition.z()},
                    rel.azimuthDegrees(), rel.elevationDegrees(), rel.norm());
        }

        /** Room position (requires it to be known). */
        public Vec3 position() {
            if (positionMeters == null) {
                throw new ConfigurationException("This source has no room position (external impulse responses)");
            }
            return new Vec3(positionMeters[0], positionMeters[1], positionMeters[2]);
        }

        @Override
        public double[] positionMeters() {
            return positionMeters == null ? null : positionMeters.clone();
        }
    }

    /**
     * The noise: {@code localized} (one source), {@code diffuse} (several) or {@code none}, and the
     * signal-to-noise ratio in dB ({@code null} for none).
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record NoiseSpec(String kind, List<SourceSpec> sources, Double snrDb) {
        public NoiseSpec {
            sources = List.copyOf(sources);
            if (!List.of("localized", "diffuse", "none").contains(kind)) {
                throw new ConfigurationException("Noise kind must be localized, diffuse or none; got " + kind);
            }
        }
    }
}
