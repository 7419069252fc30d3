package org.nathear.runner.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nathear.api.ConfigurationException;
import org.nathear.api.TaskKind;

class ProbesTest {
    @TempDir
    Path dir;

    /** A provider as a plugin jar would declare it: a probe named "constant" for scene tasks only. */
    public static final class ConstantProvider implements ProbeProvider {
        @Override
        public List<String> names() {
            return List.of("constant");
        }

        @Override
        public Probe probe(String name) {
            return new Probe() {
                @Override
                public String name() {
                    return name;
                }

                @Override
                public List<Map<String, String>> grid(TaskKind kind) {
                    return List.of(Map.of());
                }

                @Override
                public Predictor fit(TaskKind kind, double[][] features, List<List<String>> labels, List<String> vocabulary,
                                     Map<String, String> hyperparameters, long seed) {
                    return x -> new double[x.length][vocabulary.size()];
                }
            };
        }
    }

    @Test
    void builtInNamesResolveToNathearsProbes() {
        assertEquals(List.of("linear", "mlp", "mlp-hear", "linear-sgd"), Probes.names());
        assertInstanceOf(LinearProbe.class, Probes.probe("linear"));
        assertInstanceOf(SgdLinearProbe.class, Probes.probe("linear-sgd"));
        assertEquals("mlp-hear", Probes.probe("mlp-hear").name());
        assertEquals("mlp-regression", Probes.directionProbe("mlp").name());
        assertEquals("linear-regression", Probes.directionProbe("linear").name());
        ConfigurationException unknown = assertThrows(ConfigurationException.class, () -> Probes.probe("svm"));
        assertTrue(unknown.getMessage().contains("'svm'") && unknown.getMessage().contains("mlp-hear"), unknown.getMessage());
        ConfigurationException noDirection = assertThrows(ConfigurationException.class, () -> Probes.directionProbe("linear-sgd"));
        assertTrue(noDirection.getMessage().contains("no localization variant"), noDirection.getMessage());
    }

    /** A provider that claims a built-in name. */
    public static final class ClashingProvider implements ProbeProvider {
        @Override
        public List<String> names() {
            return List.of("linear");
        }

        @Override
        public Probe probe(String name) {
            throw new UnsupportedOperationException();
        }
    }

    @Test
    void aProviderClaimingABuiltInNameIsRefusedNamingBothClasses() throws Exception {
        Path services = dir.resolve("clash/META-INF/services");
        Files.createDirectories(services);
        Files.writeString(services.resolve(ProbeProvider.class.getName()), ClashingProvider.class.getName() + "\n");
        try (URLClassLoader loader = new URLClassLoader(new URL[] {dir.resolve("clash").toUri().toURL()},
                getClass().getClassLoader())) {
            ConfigurationException e = assertThrows(ConfigurationException.class, () -> Probes.providers(loader));
            assertTrue(e.getMessage().contains("'linear'") && e.getMessage().contains("BuiltInProbes")
                    && e.getMessage().contains("ClashingProvider"), e.getMessage());
        }
    }

    @Test
    void aServiceLoaderProviderAddsNames() throws Exception {
        Path services = dir.resolve("META-INF/services");
        Files.createDirectories(services);
        Files.writeString(services.resolve(ProbeProvider.class.getName()), ConstantProvider.class.getName() + "\n");
        try (URLClassLoader loader = new URLClassLoader(new URL[] {dir.toUri().toURL()}, getClass().getClassLoader())) {
            List<ProbeProvider> providers = Probes.providers(loader);
            assertEquals(2, providers.size());
            assertInstanceOf(BuiltInProbes.class, providers.get(0), "built-in probes are asked first");
            assertInstanceOf(ConstantProvider.class, providers.get(1));
            assertEquals(null, providers.get(1).directionProbe("constant"), "no localization probe by default");
        }
    }
}
