package org.nathear.api.util;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.nathear.api.AudioClip;

/**
 * The one home of SHA-256 in nathear: cache keys, model keys ({@code weightsSha256}), checkpoint and
 * task-file provenance. Every hex string is lower case, 64 characters. The byte layouts hashed here
 * (UTF-8 text, {@link #audio(AudioClip)}'s header and little-endian float bits) are part of every
 * user's cache keys: changing them invalidates every cache, so {@code HashingTest} pins them.
 */
public final class Hashing {
    private static final int BUFFER_BYTES = 1 << 16;

    private Hashing() {
    }

    /** A fresh SHA-256 digest, for callers that feed several parts. */
    public static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java platform", e);
        }
    }

    /** Lower-case hex of a digest (or any bytes). */
    public static String hex(byte[] digest) {
        return HexFormat.of().formatHex(digest);
    }

    /** SHA-256 of bytes, hex. */
    public static String sha256(byte[] bytes) {
        return hex(sha256().digest(bytes));
    }

    /** SHA-256 of UTF-8 text, hex. */
    public static String sha256(String text) {
        return sha256(text.getBytes(StandardCharsets.UTF_8));
    }

    /** SHA-256 of everything left in a stream, hex; the stream is read to its end, not closed. */
    public static String sha256(InputStream in) throws IOException {
        MessageDigest md = sha256();
        byte[] buffer = new byte[BUFFER_BYTES];
        for (int read; (read = in.read(buffer)) > 0; ) {
            md.update(buffer, 0, read);
        }
        return hex(md.digest());
    }

    /** SHA-256 of a file's bytes, hex, read in chunks (files of any size). */
    public static String sha256(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return sha256(in);
        }
    }

    /**
     * SHA-256 of a clip's content, hex: the UTF-8 header {@code "<rate>:<layout>:<frames>;"} followed by
     * every sample's IEEE-754 bits, little-endian, channel after channel.
     */
    public static String audio(AudioClip clip) {
        MessageDigest md = sha256();
        md.update((clip.sampleRateHz() + ":" + clip.layout() + ":" + clip.frameCount() + ";")
                .getBytes(StandardCharsets.UTF_8));
        ByteBuffer buf = ByteBuffer.allocate(4 * 8192).order(ByteOrder.LITTLE_ENDIAN);
        for (float[] channel : clip.samples()) {
            for (float v : channel) {
                if (!buf.hasRemaining()) {
                    md.update(buf.array(), 0, buf.position());
                    buf.clear();
                }
                buf.putFloat(v);
            }
        }
        md.update(buf.array(), 0, buf.position());
        return hex(md.digest());
    }
}
