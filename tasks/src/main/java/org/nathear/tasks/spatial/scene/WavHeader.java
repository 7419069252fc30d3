package org.nathear.tasks.spatial.scene;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.nathear.api.AudioFormatException;

/** The channel count and rate of a WAV file, read from its header only (for validating large folders). */
record WavHeader(int channels, int sampleRateHz) {

    static WavHeader read(Path file) {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            ByteBuffer head = ByteBuffer.allocate(12).order(ByteOrder.LITTLE_ENDIAN);
            readFully(ch, head, file);
            if (head.getInt(0) != 0x46464952 || head.getInt(8) != 0x45564157) { // "RIFF", "WAVE"
                throw new AudioFormatException(file + ": not a RIFF/WAVE file");
            }
            long position = 12;
            ByteBuffer chunk = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
            while (position + 8 <= ch.size()) {
                ch.position(position);
                chunk.clear();
                readFully(ch, chunk, file);
                int id = chunk.getInt(0);
                long size = chunk.getInt(4) & 0xFFFFFFFFL;
                if (id == 0x20746D66) { // "fmt "
                    ByteBuffer fmt = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
                    readFully(ch, fmt, file);
                    return new WavHeader(fmt.getShort(2) & 0xFFFF, fmt.getInt(4));
                }
                position += 8 + size + (size & 1);
            }
            throw new AudioFormatException(file + ": WAV file has no 'fmt ' chunk");
        } catch (IOException e) {
            throw new AudioFormatException("Cannot read WAV header of " + file + ": " + e, e);
        }
    }

    private static void readFully(FileChannel ch, ByteBuffer buffer, Path file) throws IOException {
        while (buffer.hasRemaining()) {
            if (ch.read(buffer) < 0) {
                throw new AudioFormatException(file + ": WAV file ends inside its header");
            }
        }
    }
}
