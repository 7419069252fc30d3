package org.nathear.gram.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nathear.api.ModelException;
import org.nathear.gram.io.Tensor;

/**
 * AdamW with decoupled weight decay (Loshchilov & Hutter), as {@code torch.optim.AdamW} computes it,
 * plus gradient clipping by the global L2 norm ({@code torch.nn.utils.clip_grad_norm_}). Written here
 * because DJL's optimisers keep their moments private (so they cannot be saved for an exact resume)
 * and clip per value, not by global norm.
 *
 * <p>Per parameter p with gradient g at step t (1-based), learning rate lr:
 * <pre>
 *   p ← p − lr·wd·p
 *   m ← β1·m + (1 − β1)·g          v ← β2·v + (1 − β2)·g²
 *   p ← p − lr · (m / (1 − β1^t)) / (sqrt(v) / sqrt(1 − β2^t) + ε)
 * </pre>
 * Weight decay applies to every parameter, as in the reference (it passes all trainables to AdamW).
 * Updates run outside the autograd graph, so plain Java scalars are safe here.
 */
public final class AdamW {
    private final double beta1;
    private final double beta2;
    private final double epsilon;
    private final double weightDecay;
    private final Map<String, NDArray> params;
    private final Map<String, NDArray> exp;
    private final Map<String, NDArray> expSq;
    private long step;

    public AdamW(Map<String, NDArray> params, double beta1, double beta2, double epsilon, double weightDecay) {
        this.params = params;
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.epsilon = epsilon;
        this.weightDecay = weightDecay;
        this.exp = new LinkedHashMap<>();
        this.expSq = new LinkedHashMap<>();
        params.forEach((name, p) -> {
            NDManager m = p.getManager();
            NDArray a = m.zeros(p.getShape());
            NDArray b = m.zeros(p.getShape());
            NDScope.unregister(a, b);
            exp.put(name, a);
            expSq.put(name, b);
        });
    }

    /** Optimiser steps taken so far. */
    public long step() {
        return step;
    }

    /**
     * Clips gradients to {@code maxNorm} (global L2 norm over all parameters; no clipping when
     * {@code maxNorm <= 0}) and applies one update with learning rate {@code lr}. Returns the
     * gradient norm before clipping. Gradients are zeroed afterwards.
     */
    public double update(double lr, double maxNorm) {
        double norm;
        try (NDScope scope = new NDScope()) {
            scope.suppressNotUsedWarning();
            List<NDArray> grads = new ArrayList<>();
            double sumSq = 0;
            for (NDArray p : params.values()) {
                NDArray g = p.getGradient();
                grads.add(g);
                sumSq += g.square().sum().getFloat();
            }
            norm = Math.sqrt(sumSq);
            if (!Double.isFinite(norm)) {
                throw new ModelException("Gradient norm is " + norm + " at optimiser step " + (step + 1)
                        + "; training diverged (lower the learning rate or check the input)");
            }
            double clip = maxNorm > 0 && norm > maxNorm ? maxNorm / (norm + 1e-6) : 1.0;
            step++;
            double bc1 = 1 - Math.pow(beta1, step);
            double bc2 = 1 - Math.pow(beta2, step);
            double stepSize = lr / bc1;
            double bc2Sqrt = Math.sqrt(bc2);
            int i = 0;
            for (Map.Entry<String, NDArray> e : params.entrySet()) {
                NDArray p = e.getValue();
                NDArray g = grads.get(i++);
                if (clip != 1.0) {
                    g = g.mul(clip);
                }
                NDArray m = exp.get(e.getKey());
                NDArray v = expSq.get(e.getKey());
                p.muli(1 - lr * weightDecay);
                m.muli(beta1).addi(g.mul(1 - beta1));
                v.muli(beta2).addi(g.square().mul(1 - beta2));
                NDArray denom = v.sqrt().div(bc2Sqrt).add(epsilon);
                p.subi(m.div(denom).mul(stepSize));
            }
            for (NDArray g : grads) {
                g.subi(g); // zero in place (the gradient tensor is shared with the parameter)
            }
        }
        return norm;
    }

    /** The moments as tensors named {@code optim.exp_avg.<param>} / {@code optim.exp_avg_sq.<param>}. */
    public List<Tensor> state() {
        List<Tensor> out = new ArrayList<>();
        for (String name : params.keySet()) {
            NDArray m = exp.get(name);
            out.add(new Tensor("optim.exp_avg." + name, m.getShape().getShape(), m.toFloatArray()));
            NDArray v = expSq.get(name);
            out.add(new Tensor("optim.exp_avg_sq." + name, v.getShape().getShape(), v.toFloatArray()));
        }
        return out;
    }

    /** Restores moments and the step count saved by {@link #state()}. */
    public void restore(Map<String, Tensor> tensors, long steps) {
        for (String name : params.keySet()) {
            Tensor m = tensors.get("optim.exp_avg." + name);
            Tensor v = tensors.get("optim.exp_avg_sq." + name);
            if (m == null || v == null) {
                throw new ModelException("Checkpoint lacks the optimiser state of '" + name
                        + "' (optim.exp_avg / optim.exp_avg_sq); it cannot resume training exactly");
            }
            exp.get(name).set(m.values());
            expSq.get(name).set(v.values());
        }
        this.step = steps;
    }

    /** Frees the moments. */
    public void close() {
        exp.values().forEach(NDArray::close);
        expSq.values().forEach(NDArray::close);
    }
}
