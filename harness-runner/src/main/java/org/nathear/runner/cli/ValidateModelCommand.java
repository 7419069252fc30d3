package org.nathear.runner.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.nathear.api.ConfigurationException;
import org.nathear.api.ModelOptions;
import org.nathear.api.io.TempFiles;
import org.nathear.runner.plugins.PluginRegistry;
import org.nathear.runner.validate.ModelValidator;
import org.nathear.runner.validate.ValidationReport;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code nathear validate-model ID}: checks a model against the contract on generated clips (see {@link ModelValidator}). */
@Command(name = "validate-model", mixinStandardHelpOptions = true,
        description = {"Check a model against the HEAR API and nathear's contract on seeded noise clips, for every channel"
                + " layout it accepts: embedding shapes and sizes, finite values, timestamps (within the clip, at the declared"
                + " hop +-1 ms; warning above 50 ms), determinism, batching, silence, short clips, spatial sensitivity,"
                + " the channel rules for each task layout, real-time factor and peak memory.",
                "ID is a model id or a model folder as SCHEME:PATH (e.g. onnx:./my-model)."},
        footer = {"", "Exit codes: 0 every check passed (warnings allowed unless --strict), 1 a check failed,"
                + " 2 bad usage or configuration (unknown model, bad options)."})
public final class ValidateModelCommand implements Callable<Integer> {
    @Mixin
    DiscoveryOptions discovery;

    @Parameters(index = "0", paramLabel = "ID", description = "Model id, or SCHEME:PATH of a model folder.")
    String model;

    @Option(names = "--model-option", paramLabel = "KEY=VALUE", description = "An option for the model. Repeatable.")
    List<String> optionArgs = new ArrayList<>();

    @Option(names = "--seed", defaultValue = "42", description = "Seed of the generated clips (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--clip-seconds", split = ",", paramLabel = "S",
            description = "Lengths of the noise clips in seconds (default: hear-validator's 1.07,1.98,2.74,4.0).")
    List<Double> clipSeconds = new ArrayList<>(ModelValidator.HEAR_CLIP_SECONDS);

    @Option(names = "--call-timeout", paramLabel = "DURATION", defaultValue = "10m", converter = DurationConverter.class,
            description = "Limit for opening the model and for each call (e.g. 90s, 10m; 0 = none; default: ${DEFAULT-VALUE}).")
    Duration callTimeout;

    @Option(names = "--strict", description = "Warnings fail too (exit code 1).")
    boolean strict;

    @Option(names = "--report", paramLabel = "FILE", description = "Also write the report as JSON to FILE.")
    Path reportFile;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        for (double s : clipSeconds) {
            if (!(s > 0)) {
                throw new ConfigurationException("--clip-seconds must be positive; got " + s);
            }
        }
        PluginRegistry registry = discovery.discover(List.of(model));
        PluginRegistry.ModelEntry entry = registry.model(model);
        Map<String, String> values = new HashMap<>();
        for (String arg : optionArgs) {
            int eq = arg.indexOf('=');
            if (eq < 1) {
                throw new ConfigurationException("--model-option must look like KEY=VALUE; got '" + arg + "'");
            }
            values.put(arg.substring(0, eq), arg.substring(eq + 1));
        }
        ValidationReport report = ModelValidator.validate(entry, new ModelOptions(values),
                new ModelValidator.Settings(seed, clipSeconds, callTimeout));
        PrintWriter out = spec.commandLine().getOut();
        out.print(report.render(strict));
        out.flush();
        if (reportFile != null) {
            write(reportFile, report);
        }
        return report.passed(strict) ? NathearCli.EXIT_OK : NathearCli.EXIT_CELL_FAILED;
    }

    private static void write(Path file, ValidationReport report) {
        try {
            TempFiles.writeAtomically(file,
                    tmp -> new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(tmp.toFile(), report));
        } catch (IOException e) {
            throw new ConfigurationException("Cannot write the report to " + file + ": " + e, e);
        }
    }
}
