package org.nathear.baselines.onnx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class PieceTest {
    @Test
    void chunksCoverTheClipWithTheLastOneShorterAndPaddedToTheMinimum() {
        List<Piece> chunks = Piece.chunks(0, 25, 10, 6);
        assertEquals(List.of(new Piece(0, 0, 10, 10), new Piece(0, 10, 10, 10), new Piece(0, 20, 5, 6)), chunks);
        assertEquals(List.of(new Piece(3, 0, 7, 7)), Piece.chunks(3, 7, Integer.MAX_VALUE, 1), "no chunking: the whole clip");
    }

    @Test
    void windowsAreCentredOnEveryHopWithinTheClip() {
        // 1000 Hz, 100 samples = 100 ms; hop 25 ms; window 20 samples
        List<Piece> windows = Piece.windows(1, 100, 1000, 25, 20, 1);
        assertEquals(5, windows.size(), "centres 0, 25, 50, 75, 100 ms");
        assertEquals(new Piece(1, -10, 20, 20), windows.get(0));
        assertEquals(new Piece(1, 90, 20, 20), windows.get(4));
    }

    @Test
    void copyingZeroFillsOutsideTheClipAndInThePadding() {
        float[] clip = {1, 2, 3, 4, 5};
        assertArrayEquals(new float[] {0, 0, 1, 2}, new Piece(0, -2, 4, 4).channelSamples(clip));
        assertArrayEquals(new float[] {4, 5, 0, 0, 0, 0}, new Piece(0, 3, 4, 6).channelSamples(clip));
        assertArrayEquals(new float[] {2, 3, 0}, new Piece(0, 1, 2, 3).channelSamples(clip));
    }
}
