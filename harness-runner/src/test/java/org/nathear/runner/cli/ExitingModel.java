package org.nathear.runner.cli;

import java.util.Set;
import org.nathear.api.ChannelLayout;
import org.nathear.api.ModelDescriptor;
import org.nathear.api.ModelOptions;
import org.nathear.api.spi.ModelPlugin;
import org.nathear.api.spi.OpenedModel;

/** A hostile plugin: opening it ends the JVM with exit code 0. Registered only in a jar {@link ExitGuardTest} builds. */
public final class ExitingModel implements ModelPlugin {
    @Override
    public ModelDescriptor descriptor() {
        return new ModelDescriptor("exiting-model", "1", 16000, Set.of(ChannelLayout.MONO), 8, 8, 50, "");
    }

    @Override
    public OpenedModel open(ModelOptions options) {
        System.exit(0);
        throw new AssertionError("unreachable");
    }
}
