package org.nathear.gram.model;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import java.util.Locale;
import org.nathear.api.ConfigurationException;
import org.nathear.api.ModelException;

/**
 * Access to DJL's PyTorch engine, offline.
 *
 * <p>Before the engine first loads, DJL's offline switch is set (unless the user set it): with the
 * {@code pytorch-native-cpu} (or {@code -cu124}) jar on the class path DJL unpacks libtorch from the
 * jar into its cache ({@code DJL_CACHE_DIR}, default {@code ~/.djl.ai}) and never downloads. Leave
 * {@code PYTORCH_VERSION} unset: a value that is not a prefix of the jar's version makes DJL try to
 * download.
 */
public final class GramEngine {
    /** DJL's name of the PyTorch engine. */
    public static final String ENGINE = "PyTorch";

    private GramEngine() {
    }

    /** The PyTorch engine, loading libtorch on first use (about 3 s the very first time, under 1 s after). */
    public static synchronized Engine engine() {
        if (System.getProperty("ai.djl.offline") == null && System.getenv("DJL_OFFLINE") == null) {
            System.setProperty("ai.djl.offline", "true");
        }
        try {
            return Engine.getEngine(ENGINE);
        } catch (RuntimeException | UnsatisfiedLinkError e) {
            throw new ModelException("Cannot load DJL's PyTorch engine (libtorch 2.5.1): " + e
                    + ". It needs ai.djl.pytorch:pytorch-jni and pytorch-native-cpu (or -cu124) on the class path; "
                    + "PYTORCH_VERSION must be unset or a prefix of 2.5.1", e);
        }
    }

    /** A new base manager of the PyTorch engine on {@code device}. */
    public static NDManager newManager(Device device) {
        return engine().newBaseManager(device);
    }

    /**
     * The device for a name: {@code cpu}, {@code gpu} (the first GPU) or {@code gpu:N}. A GPU needs the
     * {@code -Pcuda} build and a CUDA 12.4 driver; without one this fails with a clear message.
     */
    public static Device device(String name) {
        String n = name == null ? "cpu" : name.trim().toLowerCase(Locale.ROOT);
        if (n.equals("cpu")) {
            return Device.cpu();
        }
        if (n.equals("gpu") || n.startsWith("gpu:")) {
            int id = n.equals("gpu") ? 0 : parseIndex(n.substring(4), name);
            int available = engine().getGpuCount();
            if (id >= available) {
                throw new ConfigurationException("Device '" + name + "' asked for GPU " + id + " but DJL sees " + available
                        + " GPU(s); GPU runs need the -Pcuda build (pytorch-native-cu124) and a CUDA 12.4 driver");
            }
            return Device.gpu(id);
        }
        throw new ConfigurationException("Unknown device '" + name + "'; expected cpu, gpu or gpu:N");
    }

    private static int parseIndex(String text, String name) {
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw new ConfigurationException("Unknown device '" + name + "'; expected cpu, gpu or gpu:N", e);
        }
    }
}
