package org.nathear.gram.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDScope;
import ai.djl.training.GradientCollector;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.nathear.gram.GramConfig;
import org.nathear.gram.GramMasking;
import org.nathear.gram.GramSize;
import org.nathear.gram.GramVariant;
import org.nathear.gram.train.AdamW;

class GramNetworkTest {

    @Test
    void lossDecreasesOnAFixedBatchAndEveryParameterIsRegistered() {
        GramConfig config = GramConfig.of(GramVariant.BINAURAL, GramMasking.PATCH, GramSize.TINY);
        int batch = 4;
        int n = config.masking().patchCount();
        int pv = config.patchValues();
        SplittableRandom rng = new SplittableRandom(1);
        float[] patches = new float[batch * n * pv];
        for (int i = 0; i < patches.length; i++) {
            patches[i] = (float) rng.nextGaussian();
        }
        int[][] vis = new int[batch][40];
        int[][] msk = new int[batch][160];
        for (int b = 0; b < batch; b++) {
            for (int j = 0; j < 40; j++) {
                vis[b][j] = j * 5;
            }
            int k = 0;
            for (int j = 0; j < n; j++) {
                if (j % 5 != 0) {
                    msk[b][k++] = j;
                }
            }
        }
        try (GramNetwork net = GramNetwork.initialise(config, 7, Device.cpu())) {
            AdamW opt = new AdamW(net.parameters(), 0.9, 0.95, 1e-8, 0.01);
            float first = 0;
            float last = 0;
            for (int step = 0; step < 12; step++) {
                try (NDScope scope = new NDScope()) {
                    scope.suppressNotUsedWarning();
                    float value;
                    try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                        NDArray loss = net.loss(patches, batch, vis, msk);
                        gc.backward(loss);
                        value = loss.getFloat();
                    }
                    opt.update(1e-3, 5.0);
                    if (step == 0) {
                        first = value;
                    }
                    last = value;
                }
            }
            assertTrue(last < first, "loss " + first + " -> " + last);
            assertEquals(ParameterSpec.all(config).size(), net.parameters().size());
            assertEquals(338_292, net.parameterCount(), "GRAM-tiny binaural parameter count");
        }
    }
}
