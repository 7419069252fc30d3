package org.nathear.runner.cli;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.nathear.api.ModelDescriptor;
import org.nathear.api.TaskDescriptor;
import org.nathear.runner.plugins.PluginRegistry;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code nathear list}: the models and tasks available, with versions and origins. Never loads weights. */
@Command(name = "list", mixinStandardHelpOptions = true,
        description = "List available models and tasks with their versions and where each came from.")
public final class ListCommand implements Callable<Integer> {
    @Mixin
    DiscoveryOptions discovery;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PluginRegistry registry = discovery.discover();
        PrintWriter out = spec.commandLine().getOut();
        out.println("Models (" + registry.models().size() + "):");
        registry.models().forEach((id, entry) -> {
            if (entry.isBroken()) {
                out.println(String.format(Locale.ROOT, "  %-22s UNREADABLE: %s", id, entry.error()));
                return;
            }
            ModelDescriptor d = entry.plugin().descriptor();
            out.println(String.format(Locale.ROOT, "  %-22s %-15s %6d Hz  %-22s scene %d, timestamp %d @ %.1f ms  from %s",
                    id, d.version(), d.sampleRateHz(), d.acceptedLayouts().stream().map(Enum::name).sorted().toList(),
                    d.sceneEmbeddingSize(), d.timestampEmbeddingSize(), d.timestampHopMillis(), entry.origin()));
        });
        out.println("Tasks (" + registry.tasks().size() + "):");
        registry.tasks().forEach((id, entry) -> {
            if (entry.isBroken()) {
                out.println(String.format(Locale.ROOT, "  %-34s UNREADABLE: %s", id, entry.error()));
                return;
            }
            TaskDescriptor d = entry.plugin().descriptor();
            out.println(String.format(Locale.ROOT, "  %-34s %-10s %-17s %-8s %-15s %3d classes  %s  from %s (%s)",
                    id, d.version(), d.kind(), d.layout(), d.splitMode().hearName(), d.labelVocabulary().size(),
                    d.primaryMetric().id(), entry.provider(), entry.origin()));
        });
        out.flush();
        return NathearCli.EXIT_OK;
    }
}
