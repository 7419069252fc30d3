package org.nathear.baselines.onnx;

import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtProvider;
import ai.onnxruntime.OrtSession;
import java.util.EnumSet;
import java.util.Locale;
import org.nathear.api.ConfigurationException;
import org.nathear.api.ModelException;

/**
 * Where an ONNX model folder runs: the model option {@code device} = {@code cpu} (default),
 * {@code cuda} (GPU 0) or {@code cuda:N}, e.g. {@code --model-option my-model.device=cuda}.
 *
 * <p>{@code cuda} adds ONNX Runtime's CUDA execution provider to the session (operators it lacks stay
 * on the CPU). It needs a build of nathear with ONNX Runtime's GPU library ({@code mvn -Ponnx-gpu},
 * the {@code onnxruntime_gpu} jar, Linux or Windows x86-64) and, on the machine, an NVIDIA driver with
 * the CUDA 12 and cuDNN 9 libraries ONNX Runtime 1.24 is built against. When the provider is
 * missing, opening the model fails with a message that says so, never falls back to the CPU silently.
 *
 * @param gpu the CUDA device index, or -1 for the CPU
 */
record OnnxDevice(int gpu) {
    static final OnnxDevice CPU = new OnnxDevice(-1);

    /** Parses {@code cpu}, {@code cuda}, {@code cuda:N} (case-insensitive). */
    static OnnxDevice parse(String text, String modelId) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        if (t.equals("cpu")) {
            return CPU;
        }
        if (t.equals("cuda") || t.equals("gpu")) {
            return new OnnxDevice(0);
        }
        if (t.startsWith("cuda:")) {
            try {
                int n = Integer.parseInt(t.substring(5));
                if (n >= 0) {
                    return new OnnxDevice(n);
                }
            } catch (NumberFormatException e) {
                // reported below
            }
        }
        throw new ConfigurationException("Model '" + modelId + "': option device must be cpu, cuda or cuda:N (N = GPU "
                + "index); got '" + text + "'");
    }

    boolean isCpu() {
        return gpu < 0;
    }

    /**
     * Adds the execution provider to {@code options}.
     *
     * @param available ONNX Runtime's providers in this process ({@code OrtEnvironment.getAvailableProviders()})
     * @throws ConfigurationException if CUDA is asked for and this ONNX Runtime has no CUDA provider
     * @throws ModelException         if the CUDA provider is there but cannot start (no GPU, missing CUDA libraries)
     */
    void configure(OrtSession.SessionOptions options, EnumSet<OrtProvider> available, String where) {
        if (isCpu()) {
            return;
        }
        if (!available.contains(OrtProvider.CUDA)) {
            throw new ConfigurationException(where + ": device=cuda" + (gpu == 0 ? "" : ":" + gpu) + " needs ONNX Runtime's "
                    + "CUDA execution provider, and this ONNX Runtime has only " + available + ". Build nathear with "
                    + "`mvn -Ponnx-gpu -DskipTests package` (the onnxruntime_gpu jar; Linux or Windows x86-64, NVIDIA driver, "
                    + "CUDA 12, cuDNN 9), or use device=cpu");
        }
        try {
            options.addCUDA(gpu);
        } catch (OrtException | RuntimeException e) {
            throw new ModelException(where + ": ONNX Runtime's CUDA execution provider could not start on GPU " + gpu
                    + " (is there an NVIDIA GPU with that index, and are CUDA 12 and cuDNN 9 on the library path?): "
                    + e.getMessage(), e);
        }
    }
}
