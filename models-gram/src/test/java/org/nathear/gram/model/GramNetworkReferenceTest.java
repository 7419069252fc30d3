package org.nathear.gram.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.Device;
import ai.djl.ndarray.NDScope;
import java.io.InputStream;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nathear.gram.GramConfig;
import org.nathear.gram.GramMasking;
import org.nathear.gram.GramSize;
import org.nathear.gram.GramVariant;
import org.nathear.gram.io.SafeTensors;
import org.nathear.gram.io.Tensor;

/**
 * nathear's network against an independent PyTorch implementation written after the reference
 * modules (torch's MultiheadAttention in a torchvision-style encoder block; MW-MAE windowed heads that
 * partition the sequence into windows), on random weights: fixture made by
 * {@code tools/fixtures/make_gram_forward_fixture.py} (float64 in PyTorch, float32 here).
 */
class GramNetworkReferenceTest {
    static final GramConfig CONFIG = GramConfig.of(GramVariant.BINAURAL, GramMasking.PATCH, new GramSize("fixture", 32, 2, 4, 32, 2));

    static Map<String, Tensor> fixture() throws Exception {
        try (InputStream in = GramNetworkReferenceTest.class.getResourceAsStream("/fixtures/gram-forward.safetensors");
             SafeTensors.Reader r = SafeTensors.open(in.readAllBytes(), "gram-forward.safetensors")) {
            return r.readAll(n -> true);
        }
    }

    static int[][] indices(Tensor t) {
        int[] out = new int[t.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = Math.round(t.values()[i]);
        }
        return new int[][] {out};
    }

    @Test
    void encoderTokensClsAndMaskedLossMatchThePyTorchReference() throws Exception {
        Map<String, Tensor> f = fixture();
        float[] patches = f.get("fixture.patches").values();
        try (GramNetwork net = GramNetwork.fromTensors(CONFIG, f, Device.cpu(), false); NDScope scope = new NDScope()) {
            scope.suppressNotUsedWarning();
            GramNetwork.Encoded e = net.encode(patches, 1);
            float[] tokens = f.get("fixture.tokens").values();
            float[] cls = f.get("fixture.cls").values();
            double worst = 0;
            for (int i = 0; i < tokens.length; i++) {
                worst = Math.max(worst, Math.abs(tokens[i] - e.tokens()[i]));
            }
            for (int i = 0; i < cls.length; i++) {
                worst = Math.max(worst, Math.abs(cls[i] - e.cls()[i]));
            }
            assertEquals(0, worst, 2e-4, "largest encoder output difference from PyTorch");
            float loss = net.loss(patches, 1, indices(f.get("fixture.visible")), indices(f.get("fixture.masked"))).getFloat();
            float expected = f.get("fixture.loss").values()[0];
            assertEquals(expected, loss, 1e-4 * expected, "masked reconstruction loss (decoder with windowed heads)");
        }
    }
}
