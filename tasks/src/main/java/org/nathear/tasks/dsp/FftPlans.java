package org.nathear.tasks.dsp;

import java.util.HashMap;
import java.util.Map;
import org.jtransforms.fft.DoubleFFT_1D;

/**
 * One JTransforms FFT plan per size and thread. A plan costs O(n) to make; keeping one per thread
 * avoids sharing mutable state between threads. Used by the simulator and the convolver.
 */
public final class FftPlans {
    private static final ThreadLocal<Map<Integer, DoubleFFT_1D>> PLANS = ThreadLocal.withInitial(HashMap::new);

    private FftPlans() {
    }

    /** The calling thread's plan for real FFTs of size {@code n}. */
    public static DoubleFFT_1D of(int n) {
        return PLANS.get().computeIfAbsent(n, DoubleFFT_1D::new);
    }

    /** The smallest power of two at least {@code n} (and at least 2). */
    public static int nextPowerOfTwo(long n) {
        if (n > (1 << 30)) {
            throw new org.nathear.api.ConfigurationException("An FFT of " + n + " samples is too large; split the signal");
        }
        int p = 2;
        while (p < n) {
            p <<= 1;
        }
        return p;
    }
}
