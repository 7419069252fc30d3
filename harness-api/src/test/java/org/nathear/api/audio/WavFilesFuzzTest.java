package org.nathear.api.audio;

import com.code_intelligence.jazzer.junit.FuzzTest;
import org.nathear.api.AudioFormatException;

/**
 * Fuzzes the WAV reader: any bytes either decode to audio that keeps the reader's promises or fail
 * with an {@link AudioFormatException} naming the file. Anything else (an unchecked exception, an
 * error, a hang) is a crash.
 *
 * <p>The default build runs the committed seeds under {@code WavFilesFuzzTestInputs/} (regression
 * mode); {@code JAZZER_FUZZ=1} fuzzes for real (see docs/reliability.md).
 */
class WavFilesFuzzTest {
    private static final String NAME = "fuzz.wav";

    @FuzzTest(maxDuration = "2m")
    void decodeReadsAudioOrNamesTheFileAndProblem(byte[] bytes) {
        WavData wav;
        try {
            wav = WavFiles.decode(bytes, NAME);
        } catch (AudioFormatException e) {
            if (!e.getMessage().contains(NAME)) {
                throw new AssertionError("the message does not name the file: " + e.getMessage(), e);
            }
            return;
        }
        if (wav.channelCount() < 1 || wav.sampleRateHz() <= 0) {
            throw new AssertionError("decoded " + wav.channelCount() + " channel(s) at " + wav.sampleRateHz() + " Hz");
        }
        for (float[] channel : wav.samples()) {
            if (channel.length != wav.frameCount()) {
                throw new AssertionError("ragged channels");
            }
            for (float v : channel) {
                if (!Float.isFinite(v) || Math.abs(v) > WavFiles.MAX_FLOAT_SAMPLE) {
                    throw new AssertionError("sample " + v + " passed the reader");
                }
            }
        }
    }
}
