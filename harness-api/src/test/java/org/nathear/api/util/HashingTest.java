package org.nathear.api.util;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nathear.api.AudioClip;
import org.nathear.api.ChannelLayout;

/**
 * The hashes behind every cache key and model key stay what they were before the six SHA-256 helpers
 * became this one: the pinned values were printed by the runner's old {@code util.Hashing} and checked
 * with Python's {@code hashlib} where noted.
 */
class HashingTest {
    @Test
    void textHashMatchesTheNistVector() {
        assertEquals("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", Hashing.sha256("abc"));
    }

    @Test
    void textIsHashedAsUtf8() {
        // hashlib.sha256('model=hear-naive\nversion=1\ntask=x é'.encode()).hexdigest()
        assertEquals("58f80fb2877de56673f99796fae3dc2f9d1a703f61e25acd5d0f4d6ae16b4d69",
                Hashing.sha256("model=hear-naive\nversion=1\ntask=x \u00e9"));
    }

    @Test
    void audioHashIsHeaderThenLittleEndianFloatBits() {
        // hashlib.sha256(b'48000:MONO:4;' + struct.pack('<4f', 0, 0.25, -1, 1)).hexdigest()
        AudioClip clip = AudioClip.mono(new float[] {0f, 0.25f, -1f, 1f}, 48000);
        assertEquals("59f15be49dd52e297cc5783b8b9bb89703aaf161a85ee2a7f7c9d39d98363bc4", Hashing.audio(clip));
    }

    @Test
    void audioHashOfAClipLongerThanTheBufferIsUnchanged() {
        // two channels of 20000 frames (40000 floats: several buffer flushes), printed by the old runner Hashing
        float[][] samples = new float[2][20000];
        for (int c = 0; c < 2; c++) {
            for (int i = 0; i < samples[c].length; i++) {
                samples[c][i] = (float) Math.sin(0.001 * i * (c + 1) + c) * 0.5f;
            }
        }
        samples[0][0] = -0.0f;
        samples[1][1] = Float.MIN_VALUE;
        AudioClip clip = new AudioClip(samples, 16000, ChannelLayout.BINAURAL);
        assertEquals("18d49836b3db43477e21036ff213159475e5e5f425a0b741bd479f4c46a9b22b", Hashing.audio(clip));
    }

    @Test
    void fileStreamAndBytesGiveTheSameHash(@TempDir Path dir) throws IOException {
        byte[] bytes = new byte[200_000]; // more than one read buffer
        new SplittableRandom(3).nextBytes(bytes);
        Path file = Files.write(dir.resolve("weights.bin"), bytes);
        String expected = Hashing.hex(Hashing.sha256().digest(bytes));
        assertEquals(expected, Hashing.sha256(bytes));
        assertEquals(expected, Hashing.sha256(file));
        assertEquals(expected, Hashing.sha256(new ByteArrayInputStream(bytes)));
    }

    @Test
    void hexIsLowerCase() {
        assertEquals("00ff7f80", Hashing.hex(new byte[] {0, -1, 127, -128}));
    }
}
