package org.nathear.api.audio;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.nathear.api.AudioClip;
import org.nathear.api.AudioFormatException;
import org.nathear.api.io.TempFiles;

/**
 * Reads and writes RIFF/WAVE files: integer PCM (8, 16, 24, 32 bit), IEEE float (32, 64 bit),
 * plain or WAVE_FORMAT_EXTENSIBLE, any channel count. Anything else, and any damaged file, gives an
 * {@link AudioFormatException} naming the file and the problem.
 */
public final class WavFiles {
    private static final int WAVE_FORMAT_PCM = 1;
    private static final int WAVE_FORMAT_IEEE_FLOAT = 3;
    private static final int WAVE_FORMAT_EXTENSIBLE = 0xFFFE;
    /**
     * The largest float sample magnitude accepted: 60 dB above full scale. Loud float masters stay
     * well below it; values beyond it mean a damaged file or data that is not audio.
     */
    public static final float MAX_FLOAT_SAMPLE = 1000f;

    private WavFiles() {
    }

    /** Reads a whole WAV file. */
    public static WavData read(Path file) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new AudioFormatException("Cannot read WAV file " + file + ": " + e, e);
        }
        return decode(bytes, file.toString());
    }

    /** Decodes the bytes of a WAV file; {@code name} appears in error messages. */
    public static WavData decode(byte[] bytes, String name) {
        ByteBuffer buf = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        if (bytes.length < 12) {
            throw bad(name, "file is " + bytes.length + " bytes long, too short for a RIFF/WAVE header (12 bytes)");
        }
        String riff = fourCc(buf, 0);
        if (!riff.equals("RIFF")) {
            throw bad(name, "not a RIFF file (starts with '" + printable(riff) + "'"
                    + (riff.equals("RF64") ? ", RF64 is not supported" : "") + ")");
        }
        String wave = fourCc(buf, 8);
        if (!wave.equals("WAVE")) {
            throw bad(name, "RIFF form type is '" + printable(wave) + "', expected 'WAVE'");
        }
        int formatTag = -1;
        int channels = 0;
        int sampleRate = 0;
        int blockAlign = 0;
        int bits = 0;
        int dataStart = -1;
        long dataSize = -1;
        // chunk positions are longs: a size field near 2^32 must not overflow into a negative offset
        long pos = 12;
        while (pos + 8 <= bytes.length) {
            int at = (int) pos;
            String id = fourCc(buf, at);
            long size = Integer.toUnsignedLong(buf.getInt(at + 4));
            int body = at + 8;
            long available = bytes.length - (long) body;
            if (id.equals("fmt ")) {
                if (size < 16) {
                    throw bad(name, "'fmt ' chunk declares " + size + " bytes; expected at least 16");
                }
                if (size > available) {
                    throw bad(name, "truncated: the 'fmt ' chunk declares " + size + " bytes but only " + available
                            + " follow");
                }
                formatTag = Short.toUnsignedInt(buf.getShort(body));
                channels = Short.toUnsignedInt(buf.getShort(body + 2));
                sampleRate = buf.getInt(body + 4);
                blockAlign = Short.toUnsignedInt(buf.getShort(body + 12));
                bits = Short.toUnsignedInt(buf.getShort(body + 14));
                if (formatTag == WAVE_FORMAT_EXTENSIBLE) {
                    if (size < 40) {
                        throw bad(name, "WAVE_FORMAT_EXTENSIBLE 'fmt ' chunk is " + size + " bytes; expected 40");
                    }
                    int validBits = Short.toUnsignedInt(buf.getShort(body + 18));
                    if (validBits > bits) {
                        throw bad(name, "WAVE_FORMAT_EXTENSIBLE declares " + validBits + " valid bits in a "
                                + bits + "-bit container; expected at most " + bits);
                    }
                    // The container size decides decoding; fewer valid bits only means zero low bits.
                    formatTag = Short.toUnsignedInt(buf.getShort(body + 24)); // first two bytes of the sub-format GUID
                }
            } else if (id.equals("data")) {
                dataStart = body;
                dataSize = size;
                if (size > available) {
                    throw bad(name, "truncated: the data chunk declares " + size + " bytes but only "
                            + available + " follow");
                }
                break;
            }
            if (size > available) {
                // e.g. a LIST chunk of size 0xFFFFFFFF: nothing after it can be found, so no data chunk either
                throw bad(name, "chunk '" + printable(id) + "' at byte " + at + " declares " + size + " bytes but only "
                        + available + " follow, so no 'data' chunk can come after it (truncated or damaged file)");
            }
            pos = body + size + (size & 1);
        }
        if (formatTag < 0) {
            throw bad(name, "no 'fmt ' chunk before the data");
        }
        if (dataStart < 0) {
            throw bad(name, "no 'data' chunk");
        }
        if (formatTag != WAVE_FORMAT_PCM && formatTag != WAVE_FORMAT_IEEE_FLOAT) {
            throw bad(name, "unsupported format tag 0x" + Integer.toHexString(formatTag) + formatName(formatTag)
                    + "; supported: integer PCM (1), IEEE float (3), and both inside WAVE_FORMAT_EXTENSIBLE."
                    + " Convert it first, e.g. ffmpeg -i IN -c:a pcm_s16le OUT.wav");
        }
        WavEncoding encoding = WavEncoding.of(formatTag, bits);
        if (encoding == null) {
            throw bad(name, "unsupported sample size " + bits + " bits for "
                    + (formatTag == WAVE_FORMAT_PCM ? "integer PCM (8, 16, 24, 32 supported)" : "float (32, 64 supported)"));
        }
        if (channels < 1) {
            throw bad(name, "declares " + channels + " channels; expected at least 1");
        }
        if (sampleRate <= 0) {
            throw bad(name, "declares sample rate " + Integer.toUnsignedLong(sampleRate) + " Hz");
        }
        int frameBytes = channels * encoding.bytesPerSample();
        if (blockAlign != frameBytes) {
            throw bad(name, "block align is " + blockAlign + " bytes; " + channels + " channel(s) of " + bits
                    + "-bit samples need " + frameBytes);
        }
        if (dataSize % frameBytes != 0) {
            throw bad(name, "data chunk of " + dataSize + " bytes is not a whole number of " + frameBytes + "-byte frames");
        }
        int frames = (int) (dataSize / frameBytes);
        float[][] samples = new float[channels][frames];
        decodeSamples(buf, dataStart, encoding, samples);
        if (encoding == WavEncoding.FLOAT_32 || encoding == WavEncoding.FLOAT_64) {
            checkFloatSamples(samples, name);
        }
        return new WavData(samples, sampleRate, encoding);
    }

    /**
     * Float WAVs can hold values integer PCM cannot: NaN, ±∞ and magnitudes far beyond full scale.
     * Such a file is damaged (or not audio), and it is blamed here, on the file, rather than later
     * on the model that receives the samples.
     */
    private static void checkFloatSamples(float[][] samples, String name) {
        for (int c = 0; c < samples.length; c++) {
            float[] channel = samples[c];
            for (int i = 0; i < channel.length; i++) {
                float v = channel[i];
                if (!Float.isFinite(v)) {
                    throw bad(name, "sample " + i + " of channel " + c + " is " + v
                            + "; a float WAV must hold finite samples (nominally within [-1, 1])");
                }
                if (Math.abs(v) > MAX_FLOAT_SAMPLE) {
                    throw bad(name, "sample " + i + " of channel " + c + " is " + v + ", more than "
                            + (int) MAX_FLOAT_SAMPLE + " times full scale (float samples are nominally within [-1, 1]);"
                            + " the file is damaged or not audio. Normalise it first");
                }
            }
        }
    }

    private static void decodeSamples(ByteBuffer buf, int start, WavEncoding encoding, float[][] out) {
        int channels = out.length;
        int frames = out[0].length;
        int p = start;
        switch (encoding) {
            case PCM_8 -> {
                for (int i = 0; i < frames; i++) {
                    for (int c = 0; c < channels; c++) {
                        out[c][i] = ((buf.get(p++) & 0xFF) - 128) / 128f;
                    }
                }
            }
            case PCM_16 -> {
                for (int i = 0; i < frames; i++) {
                    for (int c = 0; c < channels; c++) {
                        out[c][i] = buf.getShort(p) / 32768f;
                        p += 2;
                    }
                }
            }
            case PCM_24 -> {
                for (int i = 0; i < frames; i++) {
                    for (int c = 0; c < channels; c++) {
                        int v = (buf.get(p) & 0xFF) | ((buf.get(p + 1) & 0xFF) << 8) | (buf.get(p + 2) << 16);
                        out[c][i] = v / 8388608f;
                        p += 3;
                    }
                }
            }
            case PCM_32 -> {
                for (int i = 0; i < frames; i++) {
                    for (int c = 0; c < channels; c++) {
                        out[c][i] = (float) (buf.getInt(p) / 2147483648.0);
                        p += 4;
                    }
                }
            }
            case FLOAT_32 -> {
                for (int i = 0; i < frames; i++) {
                    for (int c = 0; c < channels; c++) {
                        out[c][i] = buf.getFloat(p);
                        p += 4;
                    }
                }
            }
            case FLOAT_64 -> {
                for (int i = 0; i < frames; i++) {
                    for (int c = 0; c < channels; c++) {
                        out[c][i] = (float) buf.getDouble(p);
                        p += 8;
                    }
                }
            }
        }
    }

    /** Writes a clip atomically (temporary file, then move). */
    public static void write(Path file, AudioClip clip, WavEncoding encoding) {
        write(file, clip.samples(), clip.sampleRateHz(), encoding);
    }

    /**
     * Writes samples atomically. Integer encodings clip to [-1, 1) and round to nearest. More than
     * two channels, or more than 16 bits, are written as WAVE_FORMAT_EXTENSIBLE as the format asks.
     */
    public static void write(Path file, float[][] samples, int sampleRateHz, WavEncoding encoding) {
        byte[] bytes = encode(samples, sampleRateHz, encoding);
        try {
            TempFiles.writeAtomically(file, tmp -> Files.write(tmp, bytes));
        } catch (IOException e) {
            throw new AudioFormatException("Cannot write WAV file " + file + ": " + e, e);
        }
    }

    /** The bytes of a WAV file holding these samples. */
    public static byte[] encode(float[][] samples, int sampleRateHz, WavEncoding encoding) {
        if (samples.length == 0) {
            throw new AudioFormatException("Cannot write a WAV file with no channels; expected at least one");
        }
        if (sampleRateHz <= 0) {
            throw new AudioFormatException("Cannot write a WAV file at " + sampleRateHz + " Hz; the sample rate must be positive");
        }
        int channels = samples.length;
        int frames = samples[0].length;
        for (float[] ch : samples) {
            if (ch.length != frames) {
                throw new AudioFormatException("All channels must have the same length to be written as WAV; got "
                        + ch.length + " and " + frames + " samples");
            }
        }
        boolean extensible = channels > 2 || encoding.bitsPerSample() > 16;
        int fmtSize = extensible ? 40 : (encoding.formatTag() == WAVE_FORMAT_IEEE_FLOAT ? 18 : 16);
        int frameBytes = channels * encoding.bytesPerSample();
        long dataSize = (long) frames * frameBytes;
        long riffSize = 4 + (8 + fmtSize) + (8 + dataSize) + (dataSize & 1);
        if (riffSize > 0xFFFFFFFFL || riffSize > Integer.MAX_VALUE - 16) {
            throw new AudioFormatException("Audio of " + dataSize + " bytes is too large for a WAV file");
        }
        ByteBuffer buf = ByteBuffer.allocate((int) (riffSize + 8)).order(ByteOrder.LITTLE_ENDIAN);
        buf.put("RIFF".getBytes(StandardCharsets.US_ASCII)).putInt((int) riffSize);
        buf.put("WAVE".getBytes(StandardCharsets.US_ASCII));
        buf.put("fmt ".getBytes(StandardCharsets.US_ASCII)).putInt(fmtSize);
        buf.putShort((short) (extensible ? WAVE_FORMAT_EXTENSIBLE : encoding.formatTag()));
        buf.putShort((short) channels).putInt(sampleRateHz).putInt(sampleRateHz * frameBytes);
        buf.putShort((short) frameBytes).putShort((short) encoding.bitsPerSample());
        if (extensible) {
            buf.putShort((short) 22).putShort((short) encoding.bitsPerSample()).putInt(0); // cbSize, valid bits, channel mask
            // sub-format GUID: {0000XXXX-0000-0010-8000-00aa00389b71}
            buf.putShort((short) encoding.formatTag()).putShort((short) 0).putShort((short) 0).putShort((short) 0x10);
            buf.put(new byte[] {(byte) 0x80, 0, 0, (byte) 0xAA, 0, 0x38, (byte) 0x9B, 0x71});
        } else if (fmtSize == 18) {
            buf.putShort((short) 0);
        }
        buf.put("data".getBytes(StandardCharsets.US_ASCII)).putInt((int) dataSize);
        for (int i = 0; i < frames; i++) {
            for (int c = 0; c < channels; c++) {
                float v = samples[c][i];
                switch (encoding) {
                    case PCM_8 -> buf.put((byte) (quantize(v, 128) + 128));
                    case PCM_16 -> buf.putShort((short) quantize(v, 32768));
                    case PCM_24 -> {
                        int q = quantize(v, 8388608);
                        buf.put((byte) q).put((byte) (q >> 8)).put((byte) (q >> 16));
                    }
                    case PCM_32 -> buf.putInt((int) Math.max(Integer.MIN_VALUE,
                            Math.min(Integer.MAX_VALUE, Math.round(v * 2147483648.0))));
                    case FLOAT_32 -> buf.putFloat(v);
                    case FLOAT_64 -> buf.putDouble(v);
                }
            }
        }
        return buf.array();
    }

    private static int quantize(float v, int scale) {
        long q = Math.round(v * (double) scale);
        return (int) Math.max(-scale, Math.min(scale - 1, q));
    }

    /** A readable name for the common format tags nathear does not decode (for error messages). */
    private static String formatName(int formatTag) {
        String n = switch (formatTag) {
            case 0x0002 -> "Microsoft ADPCM";
            case 0x0006 -> "A-law";
            case 0x0007 -> "mu-law";
            case 0x0011 -> "IMA ADPCM";
            case 0x0031 -> "GSM 6.10";
            case 0x0050 -> "MPEG audio";
            case 0x0055 -> "MPEG Layer 3";
            case 0x0161, 0x0162, 0x0163 -> "Windows Media Audio";
            default -> null;
        };
        return n == null ? "" : " (" + n + ")";
    }

    private static String fourCc(ByteBuffer buf, int at) {
        byte[] b = new byte[4];
        for (int i = 0; i < 4; i++) {
            b[i] = buf.get(at + i);
        }
        return new String(b, StandardCharsets.ISO_8859_1);
    }

    private static String printable(String s) {
        StringBuilder sb = new StringBuilder();
        for (char ch : s.toCharArray()) {
            sb.append(ch >= 32 && ch < 127 ? String.valueOf(ch) : String.format(Locale.ROOT, "\\x%02x", (int) ch));
        }
        return sb.toString();
    }

    private static AudioFormatException bad(String name, String problem) {
        return new AudioFormatException("Damaged or unsupported WAV file " + name + ": " + problem);
    }
}
