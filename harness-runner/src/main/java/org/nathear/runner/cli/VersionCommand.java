package org.nathear.runner.cli;

import java.util.concurrent.Callable;
import org.nathear.runner.HarnessVersion;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code nathear version}: harness version, commit, JVM and libraries. */
@Command(name = "version", mixinStandardHelpOptions = true, description = "Print the harness version, commit, JVM and library versions.")
public final class VersionCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        for (String line : new Provider().getVersion()) {
            spec.commandLine().getOut().println(line);
        }
        return NathearCli.EXIT_OK;
    }

    /** Version lines shared by {@code --version} and {@code version}. */
    public static final class Provider implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            java.util.List<String> lines = new java.util.ArrayList<>();
            lines.add("nathear " + HarnessVersion.version() + " (commit " + HarnessVersion.gitCommit() + ")");
            lines.add("java " + System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + "), "
                    + System.getProperty("os.name") + " " + System.getProperty("os.arch"));
            HarnessVersion.libraries().forEach((k, v) -> lines.add(k + " " + v));
            return lines.toArray(new String[0]);
        }
    }
}
