package org.nathear.api.audio;

/** Sample encodings nathear reads and writes in WAV files. */
public enum WavEncoding {
    /** Unsigned 8-bit integer PCM (read only as a convenience). */
    PCM_8(1, 8),
    /** Signed 16-bit little-endian integer PCM (what hear-preprocess writes). */
    PCM_16(1, 16),
    /** Signed 24-bit little-endian integer PCM. */
    PCM_24(1, 24),
    /** Signed 32-bit little-endian integer PCM. */
    PCM_32(1, 32),
    /** IEEE 754 32-bit float. */
    FLOAT_32(3, 32),
    /** IEEE 754 64-bit float. */
    FLOAT_64(3, 64);

    private final int formatTag;
    private final int bitsPerSample;

    WavEncoding(int formatTag, int bitsPerSample) {
        this.formatTag = formatTag;
        this.bitsPerSample = bitsPerSample;
    }

    /** WAVE_FORMAT_PCM (1) or WAVE_FORMAT_IEEE_FLOAT (3). */
    public int formatTag() {
        return formatTag;
    }

    /** Bits per sample as stored in the file. */
    public int bitsPerSample() {
        return bitsPerSample;
    }

    /** Bytes per sample as stored in the file. */
    public int bytesPerSample() {
        return bitsPerSample / 8;
    }

    /** The encoding for a format tag and sample size, or {@code null} when nathear does not support it. */
    static WavEncoding of(int formatTag, int bitsPerSample) {
        for (WavEncoding e : values()) {
            if (e.formatTag == formatTag && e.bitsPerSample == bitsPerSample) {
                return e;
            }
        }
        return null;
    }
}
