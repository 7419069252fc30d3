package org.nathear.api.audio;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nathear.api.AudioClip;
import org.nathear.api.AudioFormatException;
import org.nathear.api.ChannelLayout;
import org.nathear.api.testsupport.SharedData;

class WavFilesTest {
    private static final long SEED = 20240611L;
    private static final int[] CHANNEL_COUNTS = {1, 2, 4, 6};

    static Stream<Arguments> encodingsAndChannelCounts() {
        List<Arguments> args = new ArrayList<>();
        for (WavEncoding e : WavEncoding.values()) {
            for (int channels : CHANNEL_COUNTS) {
                args.add(Arguments.of(e, channels));
            }
        }
        return args.stream();
    }

    /** Seeded samples in [-1, 1), plus the two extremes in channel 0, so clipping paths are exercised. */
    private static float[][] randomSamples(int channels, int frames, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        float[][] s = new float[channels][frames];
        for (int c = 0; c < channels; c++) {
            for (int i = 0; i < frames; i++) {
                s[c][i] = (float) (2 * random.nextDouble() - 1);
            }
        }
        s[0][0] = -1f;
        s[0][1] = 0.999f;
        return s;
    }

    /** Half a quantisation step of the encoding (0 for float encodings, which must round-trip exactly). */
    private static double tolerance(WavEncoding e) {
        return switch (e) {
            case PCM_8 -> 0.5 / 128;
            case PCM_16 -> 0.5 / 32768;
            case PCM_24 -> 0.5 / 8388608;
            // 2^-31 steps are below float resolution near 1: allow one float ulp at 1.0 as well
            case PCM_32 -> 0.5 / 2147483648.0 + Math.ulp(1f);
            case FLOAT_32, FLOAT_64 -> 0;
        };
    }

    /** The largest value an encoding represents: integer PCM stops one step below +1. */
    private static double largestValue(WavEncoding e) {
        return switch (e) {
            case PCM_8 -> 127 / 128.0;
            case PCM_16 -> 32767 / 32768.0;
            case PCM_24 -> 8388607 / 8388608.0;
            case PCM_32, FLOAT_32, FLOAT_64 -> 1.0;
        };
    }

    @ParameterizedTest(name = "{0} x {1} channel(s)")
    @MethodSource("encodingsAndChannelCounts")
    void roundTripsEveryEncodingAndChannelCountWithinHalfAQuantisationStep(WavEncoding encoding, int channels) {
        float[][] samples = randomSamples(channels, 1001, SEED + channels);
        byte[] bytes = WavFiles.encode(samples, 22050, encoding);

        WavData back = WavFiles.decode(bytes, "roundtrip.wav");

        assertEquals(22050, back.sampleRateHz());
        assertEquals(encoding, back.encoding());
        assertEquals(channels, back.channelCount());
        assertEquals(1001, back.frameCount());
        double tol = tolerance(encoding);
        for (int c = 0; c < channels; c++) {
            for (int i = 0; i < 1001; i++) {
                double expected = Math.min(samples[c][i], largestValue(encoding));
                double err = Math.abs(back.samples()[c][i] - expected);
                assertTrue(err <= tol, () -> encoding + ": sample error " + err + " above " + tol);
            }
        }
        int dataBytes = 1001 * channels * encoding.bytesPerSample();
        assertEquals(dataBytes + (dataBytes & 1), bytes.length - headerLength(bytes), "data size");
    }

    @ParameterizedTest(name = "{0} x {1} channel(s)")
    @MethodSource("encodingsAndChannelCounts")
    void writesWaveFormatExtensibleForMoreThanTwoChannelsOrMoreThan16Bits(WavEncoding e, int channels) {
        ByteBuffer b = ByteBuffer.wrap(WavFiles.encode(new float[channels][3], 48000, e)).order(ByteOrder.LITTLE_ENDIAN);
        boolean extensible = channels > 2 || e.bitsPerSample() > 16;
        int tag = Short.toUnsignedInt(b.getShort(20));
        if (extensible) {
            assertEquals(0xFFFE, tag, e + " x " + channels);
            assertEquals(40, b.getInt(16), "fmt chunk size");
            assertEquals(22, b.getShort(36), "cbSize");
            assertEquals(e.bitsPerSample(), b.getShort(38), "valid bits");
            assertEquals(e.formatTag(), b.getInt(44), "sub-format GUID Data1");
            assertEquals(0, b.getShort(48), "sub-format GUID Data2");
            assertEquals(0x10, b.getShort(50), "sub-format GUID Data3");
            byte[] tail = new byte[8];
            b.get(52, tail);
            assertArrayEquals(new byte[] {(byte) 0x80, 0, 0, (byte) 0xAA, 0, 0x38, (byte) 0x9B, 0x71}, tail);
        } else {
            assertEquals(e.formatTag(), tag, e + " x " + channels);
        }
        assertEquals(channels, b.getShort(22));
        assertEquals(48000, b.getInt(24));
        assertEquals(48000 * channels * e.bytesPerSample(), b.getInt(28), "byte rate");
        assertEquals(channels * e.bytesPerSample(), b.getShort(32), "block align");
    }

    @Test
    void readsAHandMadeExtensibleFileWith16BitMono() {
        byte[] fmt = extensibleFmt(1, 16000, 16, 16, 1);
        byte[] data = le16(0, 16384, -32768, 32767);
        byte[] file = riff(chunk("fmt ", fmt), chunk("data", data));

        WavData wav = WavFiles.decode(file, "ext16.wav");

        assertEquals(WavEncoding.PCM_16, wav.encoding());
        assertEquals(16000, wav.sampleRateHz());
        assertArrayEquals(new float[] {0f, 0.5f, -1f, 32767 / 32768f}, wav.samples()[0]);
    }

    @Test
    void readsExtensibleFloatWithSixChannels() {
        ByteBuffer data = ByteBuffer.allocate(6 * 4 * 2).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < 12; i++) {
            data.putFloat(i / 16f);
        }
        byte[] file = riff(chunk("fmt ", extensibleFmt(6, 48000, 32, 32, 3)), chunk("data", data.array()));

        WavData wav = WavFiles.decode(file, "ext-float6.wav");

        assertEquals(WavEncoding.FLOAT_32, wav.encoding());
        assertEquals(6, wav.channelCount());
        assertArrayEquals(new float[] {5 / 16f, 11 / 16f}, wav.samples()[5]);
    }

    @Test
    void decodesAContainerWithFewerValidBitsByItsContainerSize() {
        // 20 valid bits in 24-bit containers: the low 4 bits are zero and the value scale is the container's
        byte[] data = {0x00, 0x00, 0x40, 0x00, 0x00, (byte) 0xC0};
        byte[] file = riff(chunk("fmt ", extensibleFmt(1, 44100, 24, 20, 1)), chunk("data", data));

        WavData wav = WavFiles.decode(file, "ext20in24.wav");

        assertEquals(WavEncoding.PCM_24, wav.encoding());
        assertArrayEquals(new float[] {0.5f, -0.5f}, wav.samples()[0]);
    }

    @Test
    void skipsUnknownChunksIncludingTheirPadByte() {
        byte[] fmt = plainFmt(1, 1, 8000, 2, 16);
        byte[] list = "odd".getBytes(StandardCharsets.US_ASCII); // 3 bytes: a pad byte follows
        byte[] file = riff(chunk("fmt ", fmt), chunk("LIST", list), chunk("data", le16(8192, -8192)));

        WavData wav = WavFiles.decode(file, "with-list.wav");

        assertArrayEquals(new float[] {0.25f, -0.25f}, wav.samples()[0]);
    }

    @Test
    void clipsIntegerEncodingsToTheRepresentableRange() {
        float[][] loud = {{1.5f, -1.5f, 1.0f}};
        WavData back = WavFiles.decode(WavFiles.encode(loud, 8000, WavEncoding.PCM_16), "loud.wav");
        assertArrayEquals(new float[] {32767 / 32768f, -1f, 32767 / 32768f}, back.samples()[0]);
    }

    @Test
    void writesAtomicallyAndReadsBackFromDisk(@TempDir Path dir) throws IOException {
        AudioClip clip = new AudioClip(randomSamples(4, 500, SEED), 32000, ChannelLayout.FOA);
        Path file = dir.resolve("sub/foa.wav");

        WavFiles.write(file, clip, WavEncoding.FLOAT_32);

        assertEquals(clip, WavFiles.read(file).toClip(ChannelLayout.FOA));
        try (Stream<Path> files = Files.list(file.getParent())) {
            assertEquals(List.of(file), files.toList(), "no temporary file is left behind");
        }
    }

    @Test
    void readsARealMono16BitFileFromTheSharedData() throws IOException {
        Path dir = SharedData.requireDir("data/real-mini/tasks/real-digits-v1-full/16000/train");
        Path file = dir.resolve("01ff787d7b4a.wav");
        Assumptions.assumeTrue(Files.isRegularFile(file), () -> "skipped: " + file + " is absent from the shared data");

        WavData wav = WavFiles.read(file);

        assertEquals(16000, wav.sampleRateHz());
        assertEquals(WavEncoding.PCM_16, wav.encoding());
        assertEquals(1, wav.channelCount());
        assertEquals(16000, wav.frameCount(), "the task's clips are 1 s long");
        // cross-check against an independent decode of the same bytes (canonical 44-byte header)
        byte[] raw = Files.readAllBytes(file);
        ByteBuffer b = ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN);
        float peak = 0;
        for (int i = 0; i < wav.frameCount(); i++) {
            float expected = b.getShort(44 + 2 * i) / 32768f;
            assertEquals(expected, wav.samples()[0][i], "sample " + i);
            peak = Math.max(peak, Math.abs(expected));
        }
        assertTrue(peak > 0.5f, "the clips are peak-normalised; got peak " + peak);
        // the first samples as scipy.io.wavfile reads them
        float[] scipyFirst = {0, -2, -2, -1, -4, -8, -10, -15, -20, -21};
        for (int i = 0; i < scipyFirst.length; i++) {
            assertEquals(scipyFirst[i] / 32768f, wav.samples()[0][i]);
        }
    }

    @Test
    void readingAMissingFileNamesTheFile(@TempDir Path dir) {
        Path missing = dir.resolve("absent.wav");
        AudioFormatException e = assertThrows(AudioFormatException.class, () -> WavFiles.read(missing));
        assertTrue(e.getMessage().contains(missing.toString()), e.getMessage());
    }

    // ---- damaged and unsupported files -------------------------------------------------------

    private static byte[] validPcm16Mono() {
        return WavFiles.encode(new float[][] {{0.1f, 0.2f, 0.3f, 0.4f}}, 16000, WavEncoding.PCM_16);
    }

    private static AudioFormatException assertRejected(byte[] bytes, String name, String... expectedFragments) {
        AudioFormatException e = assertThrows(AudioFormatException.class, () -> WavFiles.decode(bytes, name));
        assertTrue(e.getMessage().contains(name), () -> "message must name the file: " + e.getMessage());
        for (String fragment : expectedFragments) {
            assertTrue(e.getMessage().contains(fragment), () -> "message must mention '" + fragment + "': " + e.getMessage());
        }
        return e;
    }

    @Test
    void rejectsATruncatedDataChunk() {
        byte[] valid = validPcm16Mono();
        byte[] cut = Arrays.copyOf(valid, valid.length - 3);
        assertRejected(cut, "cut.wav", "truncated", "8 bytes", "5 follow");
    }

    @Test
    void rejectsABadRiffId() {
        byte[] b = validPcm16Mono();
        b[0] = 'X';
        assertRejected(b, "xiff.wav", "not a RIFF file", "XIFF");
    }

    @Test
    void rejectsRf64WithAnExplicitReason() {
        byte[] b = validPcm16Mono();
        System.arraycopy("RF64".getBytes(StandardCharsets.US_ASCII), 0, b, 0, 4);
        assertRejected(b, "big.wav", "RF64 is not supported");
    }

    @Test
    void rejectsABadWaveId() {
        byte[] b = validPcm16Mono();
        System.arraycopy("AVI ".getBytes(StandardCharsets.US_ASCII), 0, b, 8, 4);
        assertRejected(b, "avi.wav", "'AVI '", "expected 'WAVE'");
    }

    @Test
    void rejectsAFileWithoutAFmtChunk() {
        byte[] file = riff(chunk("data", le16(1, 2, 3)));
        assertRejected(file, "nofmt.wav", "no 'fmt ' chunk");
    }

    @Test
    void rejectsAFileWithoutADataChunk() {
        byte[] file = riff(chunk("fmt ", plainFmt(1, 1, 8000, 2, 16)));
        assertRejected(file, "nodata.wav", "no 'data' chunk");
    }

    @Test
    void rejectsAdpcmNamingTheFormat() {
        byte[] file = riff(chunk("fmt ", plainFmt(2, 1, 8000, 256, 4)), chunk("data", new byte[256]));
        assertRejected(file, "adpcm.wav", "format tag 0x2", "ADPCM");
    }

    @Test
    void rejectsAnUnsupportedSubFormatInsideExtensible() {
        byte[] file = riff(chunk("fmt ", extensibleFmt(1, 8000, 8, 8, 7)), chunk("data", new byte[4]));
        assertRejected(file, "mulaw-ext.wav", "format tag 0x7", "mu-law");
    }

    @Test
    void rejectsABlockAlignThatDoesNotMatchChannelsAndSampleSize() {
        byte[] file = riff(chunk("fmt ", plainFmt(1, 2, 8000, 2, 16)), chunk("data", new byte[8]));
        assertRejected(file, "align.wav", "block align is 2", "need 4");
    }

    @Test
    void rejectsZeroChannels() {
        byte[] file = riff(chunk("fmt ", plainFmt(1, 0, 8000, 0, 16)), chunk("data", new byte[8]));
        assertRejected(file, "zero.wav", "0 channels");
    }

    @Test
    void rejectsAFileTooShortForAHeader() {
        assertRejected(new byte[] {'R', 'I', 'F', 'F', 0, 0}, "tiny.wav", "6 bytes", "too short");
    }

    @Test
    void rejectsAnUnsupportedSampleSize() {
        byte[] file = riff(chunk("fmt ", plainFmt(1, 1, 8000, 2, 12)), chunk("data", new byte[4]));
        assertRejected(file, "pcm12.wav", "12 bits");
    }

    @Test
    void rejectsDataThatIsNotAWholeNumberOfFrames() {
        byte[] file = riff(chunk("fmt ", plainFmt(1, 2, 8000, 4, 16)), chunk("data", new byte[6]));
        assertRejected(file, "partial.wav", "6 bytes", "4-byte frames");
    }

    @Test
    void rejectsAnExtensibleFmtChunkThatIsTooShort() {
        byte[] fmt = Arrays.copyOf(extensibleFmt(1, 8000, 16, 16, 1), 24);
        byte[] file = riff(chunk("fmt ", fmt), chunk("data", new byte[4]));
        assertRejected(file, "shortext.wav", "WAVE_FORMAT_EXTENSIBLE", "24 bytes");
    }

    @Test
    void rejectsMoreValidBitsThanTheContainerHolds() {
        byte[] file = riff(chunk("fmt ", extensibleFmt(1, 8000, 16, 24, 1)), chunk("data", new byte[4]));
        assertRejected(file, "validbits.wav", "24 valid bits", "16-bit");
    }

    @Test
    void rejectsAZeroSampleRate() {
        byte[] file = riff(chunk("fmt ", plainFmt(1, 1, 0, 2, 16)), chunk("data", new byte[4]));
        assertRejected(file, "rate.wav", "sample rate 0");
    }

    @Test
    void refusesToEncodeWithoutChannelsOrWithRaggedChannels() {
        assertThrows(AudioFormatException.class, () -> WavFiles.encode(new float[0][], 8000, WavEncoding.PCM_16));
        AudioFormatException e = assertThrows(AudioFormatException.class,
                () -> WavFiles.encode(new float[][] {{0f, 0f}, {0f}}, 8000, WavEncoding.PCM_16));
        assertTrue(e.getMessage().contains("same length"), e.getMessage());
        AudioFormatException rate = assertThrows(AudioFormatException.class,
                () -> WavFiles.encode(new float[][] {{0f}}, 0, WavEncoding.PCM_16));
        assertTrue(rate.getMessage().contains("0 Hz"), rate.getMessage());
        assertFalse(rate.getMessage().isBlank());
    }

    // ---- hand-made RIFF pieces (independent of the encoder under test) ----------------------

    private static int headerLength(byte[] wav) {
        ByteBuffer b = ByteBuffer.wrap(wav).order(ByteOrder.LITTLE_ENDIAN);
        int pos = 12;
        while (true) {
            String id = new String(wav, pos, 4, StandardCharsets.US_ASCII);
            int size = b.getInt(pos + 4);
            if (id.equals("data")) {
                return pos + 8;
            }
            pos += 8 + size + (size & 1);
        }
    }

    private static byte[] plainFmt(int tag, int channels, int rate, int blockAlign, int bits) {
        ByteBuffer b = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN);
        b.putShort((short) tag).putShort((short) channels).putInt(rate).putInt(rate * blockAlign)
                .putShort((short) blockAlign).putShort((short) bits);
        return b.array();
    }

    private static byte[] extensibleFmt(int channels, int rate, int containerBits, int validBits, int subFormatTag) {
        int blockAlign = channels * containerBits / 8;
        ByteBuffer b = ByteBuffer.allocate(40).order(ByteOrder.LITTLE_ENDIAN);
        b.putShort((short) 0xFFFE).putShort((short) channels).putInt(rate).putInt(rate * blockAlign)
                .putShort((short) blockAlign).putShort((short) containerBits);
        b.putShort((short) 22).putShort((short) validBits).putInt(channels == 1 ? 0x4 : 0);
        b.putInt(subFormatTag).putShort((short) 0).putShort((short) 0x10);
        b.put(new byte[] {(byte) 0x80, 0, 0, (byte) 0xAA, 0, 0x38, (byte) 0x9B, 0x71});
        return b.array();
    }

    // ---- issue 13: chunk sizes near 2^32, contradictory messages, float samples no audio holds ----------

    /** A chunk whose size field is {@code size} (unsigned), with {@code body} as the bytes that really follow. */
    private static byte[] chunkWithDeclaredSize(String id, long size, byte[] body) {
        ByteBuffer b = ByteBuffer.allocate(8 + body.length).order(ByteOrder.LITTLE_ENDIAN);
        b.put(id.getBytes(StandardCharsets.US_ASCII)).putInt((int) size).put(body);
        return b.array();
    }

    @Test
    void rejectsAListChunkOfSize0x7fffffffNamingTheFileAndTheChunk() {
        byte[] file = riff(chunk("fmt ", plainFmt(1, 1, 8000, 2, 16)),
                chunkWithDeclaredSize("LIST", 0x7FFFFFFFL, new byte[8]), chunk("data", le16(1, 2)));
        assertRejected(file, "list-max.wav", "chunk 'LIST'", "2147483647 bytes", "no 'data' chunk");
    }

    @Test
    void rejectsAListChunkOfSize0xffffffffNamingTheFileAndTheChunk() {
        byte[] file = riff(chunk("fmt ", plainFmt(1, 1, 8000, 2, 16)),
                chunkWithDeclaredSize("LIST", 0xFFFFFFFFL, new byte[8]), chunk("data", le16(1, 2)));
        assertRejected(file, "list-unsigned-max.wav", "chunk 'LIST'", "4294967295 bytes");
    }

    @Test
    void rejectsADataChunkOfSize0xffffffffAsTruncated() {
        byte[] file = riff(chunk("fmt ", plainFmt(1, 1, 8000, 2, 16)), chunkWithDeclaredSize("data", 0xFFFFFFFFL, le16(1, 2)));
        assertRejected(file, "data-max.wav", "truncated", "4294967295 bytes", "only 4 follow");
    }

    @Test
    void aHeaderCutInsideTheFmtChunkSaysTruncatedWithoutContradictingItself() {
        byte[] whole = validPcm16Mono();
        AudioFormatException e = assertRejected(Arrays.copyOf(whole, 30), "cut30.wav", "truncated", "'fmt ' chunk",
                "declares 16 bytes", "only 10 follow");
        assertFalse(e.getMessage().contains("at least 16"), e.getMessage());
    }

    @Test
    void rejectsAFmtChunkSmallerThan16Bytes() {
        byte[] file = riff(chunk("fmt ", new byte[12]), chunk("data", le16(1, 2)));
        assertRejected(file, "smallfmt.wav", "'fmt ' chunk declares 12 bytes", "expected at least 16");
    }

    @Test
    void rejectsNanSamplesInAFloatFileBlamingTheFile() {
        byte[] file = WavFiles.encode(new float[][] {{0.1f, Float.NaN, 0.2f}}, 16000, WavEncoding.FLOAT_32);
        assertRejected(file, "nan.wav", "sample 1 of channel 0 is NaN", "finite");
    }

    @Test
    void rejectsInfiniteSamplesInAFloat64File() {
        byte[] file = WavFiles.encode(new float[][] {{0.1f, 0.2f}, {0.3f, Float.NEGATIVE_INFINITY}}, 16000,
                WavEncoding.FLOAT_64);
        assertRejected(file, "inf.wav", "sample 1 of channel 1 is -Infinity");
    }

    @Test
    void rejectsAbsurdlyLargeFloatSamples() {
        byte[] file = WavFiles.encode(new float[][] {{0.1f, 1e30f}}, 16000, WavEncoding.FLOAT_32);
        assertRejected(file, "huge.wav", "1.0E30", "times full scale");
    }

    @Test
    void acceptsLoudButPlausibleFloatSamples() {
        byte[] file = WavFiles.encode(new float[][] {{4f, -20f, WavFiles.MAX_FLOAT_SAMPLE}}, 16000, WavEncoding.FLOAT_32);
        assertArrayEquals(new float[] {4f, -20f, WavFiles.MAX_FLOAT_SAMPLE}, WavFiles.decode(file, "loud.wav").samples()[0]);
    }

    private static byte[] le16(int... values) {
        ByteBuffer b = ByteBuffer.allocate(2 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        for (int v : values) {
            b.putShort((short) v);
        }
        return b.array();
    }

    private static byte[] chunk(String id, byte[] body) {
        ByteBuffer b = ByteBuffer.allocate(8 + body.length + (body.length & 1)).order(ByteOrder.LITTLE_ENDIAN);
        b.put(id.getBytes(StandardCharsets.US_ASCII)).putInt(body.length).put(body);
        return b.array();
    }

    private static byte[] riff(byte[]... chunks) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes("WAVE".getBytes(StandardCharsets.US_ASCII));
        for (byte[] c : chunks) {
            body.writeBytes(c);
        }
        ByteBuffer head = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
        head.put("RIFF".getBytes(StandardCharsets.US_ASCII)).putInt(body.size());
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        all.writeBytes(head.array());
        all.writeBytes(body.toByteArray());
        return all.toByteArray();
    }
}
