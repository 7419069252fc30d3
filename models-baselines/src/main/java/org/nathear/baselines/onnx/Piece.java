package org.nathear.baselines.onnx;

import java.util.ArrayList;
import java.util.List;

/**
 * A stretch of one clip that goes through the graph on its own: a chunk of a long clip, a whole
 * short clip, or a window around a timestamp. The graph gets {@code lengthSamples} samples starting
 * at {@code startSample}; only the clip's samples within the span are copied, everything else
 * (before the clip, after it, and the padding up to the minimum length) is zero.
 *
 * @param clip          index of the clip in the call
 * @param startSample   first sample of the piece in the clip (negative for a window that starts before the clip)
 * @param spanSamples   samples of the clip the piece covers, from {@code startSample}
 * @param lengthSamples samples fed to the graph, at least {@code spanSamples}
 */
record Piece(int clip, int startSample, int spanSamples, int lengthSamples) {

    /**
     * Consecutive chunks of at most {@code maxSamples} covering a clip of {@code clipSamples}
     * samples; each is padded to at least {@code minSamples}.
     */
    static List<Piece> chunks(int clip, int clipSamples, int maxSamples, int minSamples) {
        List<Piece> out = new ArrayList<>();
        int start = 0;
        do {
            int span = Math.min(maxSamples, clipSamples - start);
            out.add(new Piece(clip, start, span, Math.max(span, minSamples)));
            start += span;
        } while (start < clipSamples);
        return out;
    }

    /**
     * Windows of {@code windowSamples} centred on {@code k * hopMillis} for every k whose centre lies
     * within the clip (0 to its duration), each padded to at least {@code minSamples}.
     */
    static List<Piece> windows(int clip, int clipSamples, int sampleRateHz, double hopMillis, int windowSamples,
                               int minSamples) {
        double durationMillis = clipSamples * 1000.0 / sampleRateHz;
        int count = 1 + (int) Math.floor(durationMillis / hopMillis + 1e-9);
        List<Piece> out = new ArrayList<>(count);
        for (int k = 0; k < count; k++) {
            int centre = (int) Math.round(k * hopMillis * sampleRateHz / 1000.0);
            out.add(new Piece(clip, centre - windowSamples / 2, windowSamples, Math.max(windowSamples, minSamples)));
        }
        return out;
    }

    /** Copies the piece's samples of one clip channel into {@code target} from {@code offset}; the rest stays zero. */
    void copyChannel(float[] channel, float[] target, int offset) {
        int from = Math.max(0, startSample);
        int to = Math.min(channel.length, startSample + spanSamples);
        if (to > from) {
            System.arraycopy(channel, from, target, offset + from - startSample, to - from);
        }
    }

    /** The piece's samples of one clip channel, {@code lengthSamples} long. */
    float[] channelSamples(float[] channel) {
        float[] out = new float[lengthSamples];
        copyChannel(channel, out, 0);
        return out;
    }
}
