package org.nathear.runner.probe;

import java.util.List;

/**
 * nathear's own probes: {@code linear} (L-BFGS regularisation path, {@link LinearProbe}),
 * {@code linear-sgd} (the earlier Tribuo SGD probe, {@link SgdLinearProbe}), {@code mlp} and
 * {@code mlp-hear} ({@link MlpProbe}); for localization {@link DirectionProbes}.
 */
public final class BuiltInProbes implements ProbeProvider {
    @Override
    public List<String> names() {
        return List.of(LinearProbe.NAME, "mlp", "mlp-hear", SgdLinearProbe.NAME);
    }

    @Override
    public Probe probe(String name) {
        return switch (name) {
            case LinearProbe.NAME -> new LinearProbe();
            case SgdLinearProbe.NAME -> new SgdLinearProbe();
            case "mlp" -> new MlpProbe();
            case "mlp-hear" -> MlpProbe.hear();
            default -> throw new IllegalArgumentException("not a built-in probe: " + name);
        };
    }

    @Override
    public DirectionProbe directionProbe(String name) {
        return switch (name) {
            case LinearProbe.NAME, "mlp", "mlp-hear" -> DirectionProbes.forProbe(name);
            default -> null; // linear-sgd is the linear-regression probe's classification twin only
        };
    }
}
