package org.nathear.tasks.hrtf;

/** The head-related impulse responses of one direction: left and right ear, the same length. */
public record HrirPair(float[] left, float[] right) {
    public HrirPair {
        if (left == null || right == null || left.length != right.length || left.length == 0) {
            throw new org.nathear.api.ConfigurationException("An HRIR pair needs two non-empty responses of the same length");
        }
        left = left.clone();
        right = right.clone();
    }

    /** The left-ear response (internal array: treat as read-only). */
    @Override
    public float[] left() {
        return left;
    }

    /** The right-ear response (internal array: treat as read-only). */
    @Override
    public float[] right() {
        return right;
    }

    public int length() {
        return left.length;
    }
}
