package org.nathear.runner.plugins;

import java.util.Set;
import org.nathear.api.ChannelLayout;
import org.nathear.api.ModelDescriptor;
import org.nathear.api.ModelOptions;
import org.nathear.api.spi.ModelPlugin;
import org.nathear.api.spi.OpenedModel;

/** Model plugins that fail while being created; registered only inside jars the tests build. */
final class FailingPlugins {
    private FailingPlugins() {
    }

    abstract static class Base implements ModelPlugin {
        @Override
        public ModelDescriptor descriptor() {
            return new ModelDescriptor("failing-model", "1", 16000, Set.of(ChannelLayout.MONO), 1, 1, 50, "");
        }

        @Override
        public OpenedModel open(ModelOptions options) {
            throw new AssertionError("discovery must never open a model");
        }
    }

    /** Its constructor throws. */
    public static class ThrowingConstructor extends Base {
        public ThrowingConstructor() {
            throw new IllegalStateException("constructor exploded: no licence key");
        }
    }

    /** Its static initialiser throws. */
    public static class ThrowingStaticInit extends Base {
        static final int VALUE = compute();

        private static int compute() {
            throw new IllegalArgumentException("static init exploded: bad native library path");
        }
    }
}
