package org.nathear.gram.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;

/** Small NDArray helpers. */
final class NDArrays2 {
    private NDArrays2() {
    }

    /** Concatenates two arrays along axis 1. */
    static NDArray concat1(NDArray a, NDArray b) {
        return NDArrays.concat(new NDList(a, b), 1);
    }
}
