package org.nathear.gram.io;

import java.util.Arrays;
import org.nathear.api.ModelException;

/**
 * A named float32 tensor held in Java: a shape and its values in row-major (C) order. Used to move
 * weights between checkpoint files and the DJL network.
 *
 * @param name   parameter name (the reference implementation's state-dict key)
 * @param shape  dimensions, each positive
 * @param values {@code product(shape)} values, row-major
 */
public record Tensor(String name, long[] shape, float[] values) {
    public Tensor {
        if (name == null || name.isEmpty()) {
            throw new ModelException("A tensor needs a name");
        }
        if (shape == null || values == null) {
            throw new ModelException("Tensor '" + name + "' needs a shape and values");
        }
        shape = shape.clone();
        long count = 1;
        for (long d : shape) {
            if (d < 0) {
                throw new ModelException("Tensor '" + name + "' has a negative dimension in shape " + Arrays.toString(shape));
            }
            count *= d;
        }
        if (count != values.length) {
            throw new ModelException("Tensor '" + name + "' of shape " + Arrays.toString(shape) + " needs " + count
                    + " values; got " + values.length);
        }
    }

    /** Number of values. */
    public int size() {
        return values.length;
    }

    /** The shape as text, e.g. {@code [64, 2, 16, 8]}. */
    public String shapeText() {
        return Arrays.toString(shape);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Tensor t && name.equals(t.name) && Arrays.equals(shape, t.shape) && Arrays.equals(values, t.values);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * name.hashCode() + Arrays.hashCode(shape)) + Arrays.hashCode(values);
    }

    @Override
    public String toString() {
        return "Tensor[" + name + " " + shapeText() + "]";
    }
}
