package org.nathear.tasks.hrtf;

import java.util.Locale;
import org.nathear.api.ConfigurationException;

/**
 * The built-in heads for binaural scenes. {@link #KEMAR} is the default: a measured head with pinnae,
 * so rendered scenes carry front-back and elevation cues as the paper's measured-head scenes do
 * (CIPIC via SoundSpaces). {@link #SPHERE} is the rigid spherical head without pinnae (interaural time
 * and level differences only). Any other head: a SOFA file ({@link SofaFile#read}).
 */
public enum BinauralHead {
    /**
     * MIT KEMAR, normal pinna (Gardner and Martin 1994; 710 directions, elevation −40° to 90°, 44.1 kHz),
     * shipped inside the tasks jar (a byte copy of Debian libmysofa's file; free use, please cite).
     */
    KEMAR,
    /** The spherical head of Brown and Duda (1998), radius 8.75 cm, no pinnae ({@link SphericalHeadModel}). */
    SPHERE;

    /** Class-path resource of the KEMAR set. */
    public static final String KEMAR_RESOURCE = "/org/nathear/tasks/hrtf/MIT_KEMAR_normal_pinna.sofa";

    private static volatile MeasuredHrtf kemar;
    private static final java.util.Map<Integer, MeasuredHrtf> KEMAR_AT_RATE = new java.util.concurrent.ConcurrentHashMap<>();

    /** The lower-case name used on the command line and in records. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The head's responses at a sample rate. */
    public Hrtf atSampleRate(int sampleRateHz) {
        return switch (this) {
            case KEMAR -> KEMAR_AT_RATE.computeIfAbsent(sampleRateHz, hz -> kemar().atSampleRate(hz));
            case SPHERE -> SphericalHeadModel.atRate(sampleRateHz);
        };
    }

    /** The built-in MIT KEMAR set at its own rate (read once, then shared: the set is immutable). */
    public static MeasuredHrtf kemar() {
        MeasuredHrtf k = kemar;
        if (k == null) {
            synchronized (BinauralHead.class) {
                k = kemar;
                if (k == null) {
                    k = SofaFile.readResource(KEMAR_RESOURCE);
                    kemar = k;
                }
            }
        }
        return k;
    }

    /** Parses {@code kemar} or {@code sphere} (case-insensitive). */
    public static BinauralHead parse(String name) {
        for (BinauralHead h : values()) {
            if (h.id().equalsIgnoreCase(name == null ? "" : name.trim())) {
                return h;
            }
        }
        throw new ConfigurationException("Unknown head '" + name + "'; expected kemar (the default, measured) or sphere; "
                + "for another head give a SOFA file");
    }
}
