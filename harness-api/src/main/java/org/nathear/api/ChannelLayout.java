package org.nathear.api;

/**
 * How the channels of a clip are to be read.
 *
 * <p>{@link #FOA} is first-order Ambisonics in the AmbiX convention: ACN channel order (W, Y, Z, X)
 * and SN3D normalisation. Any other convention (FuMa, N3D, a model's own order) is converted at the
 * edge, inside the plugin that needs it.
 */
public enum ChannelLayout {
    /** One channel. */
    MONO(1),
    /** Two channels: left ear, right ear. */
    BINAURAL(2),
    /** Four channels, first-order Ambisonics, ACN order W, Y, Z, X, SN3D normalisation. */
    FOA(4);

    private final int channelCount;

    ChannelLayout(int channelCount) {
        this.channelCount = channelCount;
    }

    /** Number of channels in this layout (1, 2 or 4). */
    public int channelCount() {
        return channelCount;
    }

    /** Parses a layout name case-insensitively; the error lists the accepted names. */
    public static ChannelLayout parse(String name) {
        for (ChannelLayout layout : values()) {
            if (layout.name().equalsIgnoreCase(name.trim())) {
                return layout;
            }
        }
        throw new ConfigurationException("Unknown channel layout '" + name + "'; expected one of "
                + java.util.Arrays.toString(values()));
    }
}
