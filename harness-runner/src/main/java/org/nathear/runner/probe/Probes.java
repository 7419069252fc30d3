package org.nathear.runner.probe;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import org.nathear.api.ConfigurationException;

/** Looks up probes by their {@code --probe} name across the {@link ProbeProvider}s (built-in first). */
public final class Probes {
    private Probes() {
    }

    /** The providers: nathear's own, then those on the class path of {@code loader}. */
    public static List<ProbeProvider> providers(ClassLoader loader) {
        List<ProbeProvider> out = new ArrayList<>();
        out.add(new BuiltInProbes());
        try {
            for (ProbeProvider p : ServiceLoader.load(ProbeProvider.class, loader)) {
                if (!(p instanceof BuiltInProbes)) {
                    out.add(p);
                }
            }
        } catch (ServiceConfigurationError e) {
            throw new ConfigurationException("A probe provider on the class path could not be loaded: " + e.getMessage(), e);
        }
        java.util.Map<String, ProbeProvider> owner = new java.util.HashMap<>();
        for (ProbeProvider p : out) {
            for (String name : p.names()) {
                ProbeProvider first = owner.putIfAbsent(name, p);
                if (first != null && first != p) {
                    throw new ConfigurationException("Probe name '" + name + "' is provided twice: by "
                            + first.getClass().getName() + " and by " + p.getClass().getName()
                            + "; remove one of the jars from the class path");
                }
            }
        }
        return out;
    }

    /** Every {@code --probe} name, built-in first. */
    public static List<String> names() {
        LinkedHashSet<String> names = new LinkedHashSet<>();
        for (ProbeProvider p : providers(Probes.class.getClassLoader())) {
            names.addAll(p.names());
        }
        return List.copyOf(names);
    }

    /** The probe for scene and event tasks named {@code name}. */
    public static Probe probe(String name) {
        return provider(name).probe(name);
    }

    /** The localization probe for {@code name}; fails naming the probe when its provider has none. */
    public static DirectionProbe directionProbe(String name) {
        DirectionProbe p = provider(name).directionProbe(name);
        if (p == null) {
            throw new ConfigurationException("Probe '" + name + "' has no localization variant; localization tasks take "
                    + "--probe linear, mlp or mlp-hear");
        }
        return p;
    }

    private static ProbeProvider provider(String name) {
        List<ProbeProvider> providers = providers(Probes.class.getClassLoader());
        for (ProbeProvider p : providers) {
            if (p.names().contains(name)) {
                return p;
            }
        }
        throw new ConfigurationException("Unknown probe '" + name + "'; available: " + String.join(", ", names())
                + " (another probe backend is added as a jar with a " + ProbeProvider.class.getName() + " service in lib/)");
    }
}
