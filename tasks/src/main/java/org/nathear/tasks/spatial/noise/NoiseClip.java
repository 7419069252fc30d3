package org.nathear.tasks.spatial.noise;

/** A mono noise clip ready for mixing (at most 10 s, 200 ms fades) and where it came from. */
public record NoiseClip(String name, float[] samples) {
    public NoiseClip {
        if (name == null || samples == null || samples.length == 0) {
            throw new org.nathear.api.ConfigurationException("A noise clip needs a name and samples");
        }
        samples = samples.clone();
    }

    /** The samples (internal array: treat as read-only). */
    @Override
    public float[] samples() {
        return samples;
    }
}
