package org.nathear.baselines.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtProvider;
import ai.onnxruntime.OrtSession;
import java.util.EnumSet;
import org.junit.jupiter.api.Test;
import org.nathear.api.ConfigurationException;

/** The device option; the CUDA path itself cannot run here (no GPU, CPU build of ONNX Runtime). */
class OnnxDeviceTest {
    @Test
    void parsesCpuCudaAndAnIndex() {
        assertTrue(OnnxDevice.parse("cpu", "m").isCpu());
        assertEquals(0, OnnxDevice.parse("CUDA", "m").gpu());
        assertEquals(3, OnnxDevice.parse("cuda:3", "m").gpu());
        ConfigurationException e = assertThrows(ConfigurationException.class, () -> OnnxDevice.parse("cuda:x", "my-model"));
        assertTrue(e.getMessage().contains("'my-model'") && e.getMessage().contains("cpu, cuda or cuda:N"), e.getMessage());
        assertThrows(ConfigurationException.class, () -> OnnxDevice.parse("tpu", "m"));
    }

    @Test
    void cudaWithoutTheCudaProviderFailsClearlyInsteadOfFallingBackToTheCpu() throws Exception {
        EnumSet<OrtProvider> available = OrtEnvironment.getAvailableProviders();
        org.junit.jupiter.api.Assumptions.assumeTrue(!available.contains(OrtProvider.CUDA), "this ONNX Runtime has CUDA");
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            ConfigurationException e = assertThrows(ConfigurationException.class,
                    () -> OnnxDevice.parse("cuda", "m").configure(options, available, "model 'm' (/x/model.onnx)"));
            assertTrue(e.getMessage().startsWith("model 'm' (/x/model.onnx): device=cuda needs ONNX Runtime's CUDA execution "
                    + "provider") && e.getMessage().contains("-Ponnx-gpu") && e.getMessage().contains("CPU"), e.getMessage());
            OnnxDevice.CPU.configure(options, available, "m"); // the CPU needs nothing
        }
    }
}
