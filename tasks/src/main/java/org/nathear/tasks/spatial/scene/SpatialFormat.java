package org.nathear.tasks.spatial.scene;

import java.util.Locale;
import org.nathear.api.ChannelLayout;
import org.nathear.api.ConfigurationException;

/** The two spatial formats of Nat-HEAR. */
public enum SpatialFormat {
    /** Two ears (left, right), through HRTFs. */
    BINAURAL(ChannelLayout.BINAURAL),
    /** First-order Ambisonics, ACN order W, Y, Z, X, SN3D (AmbiX). */
    FOA(ChannelLayout.FOA);

    private final ChannelLayout layout;

    SpatialFormat(ChannelLayout layout) {
        this.layout = layout;
    }

    public ChannelLayout layout() {
        return layout;
    }

    /** The lower-case name used on the command line, in task ids and in scene records. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses {@code binaural} or {@code foa} (case-insensitive). */
    public static SpatialFormat parse(String name) {
        for (SpatialFormat f : values()) {
            if (f.id().equalsIgnoreCase(name == null ? "" : name.trim())) {
                return f;
            }
        }
        throw new ConfigurationException("Unknown spatial format '" + name + "'; expected binaural or foa");
    }
}
