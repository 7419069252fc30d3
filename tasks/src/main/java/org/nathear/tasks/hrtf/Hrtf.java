package org.nathear.tasks.hrtf;

import org.nathear.tasks.acoustics.Vec3;

/**
 * A set of head-related impulse responses: for any direction relative to the head (x front,
 * y left, z up), the responses of the left and right ear at one sample rate. Implementations are
 * immutable and thread-safe.
 */
public interface Hrtf {

    /** Sample rate of the responses, Hz. */
    int sampleRateHz();

    /** Length of every response, samples. */
    int length();

    /** The responses for a direction (any non-zero vector; it is normalised). */
    HrirPair hrir(Vec3 directionHead);

    /** The same set at another sample rate (resampled, or recomputed for a model). */
    Hrtf atSampleRate(int sampleRateHz);

    /** One line for scene records, e.g. {@code sofa:MIT_KEMAR_normal_pinna.sofa(710 dirs, nearest)}. */
    String description();
}
