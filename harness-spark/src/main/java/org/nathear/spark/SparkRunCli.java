package org.nathear.spark;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.nathear.api.HarnessException;
import org.nathear.runner.cli.NathearCli;
import org.nathear.runner.cli.RunCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * {@code nathear-spark run --master URL [every option of nathear run]}: the same run, outputs and
 * exit codes as {@code nathear run}, with the work done by a Spark cluster ({@link SparkRunExecutor}).
 */
@Command(name = "nathear-spark", mixinStandardHelpOptions = true,
        description = "Run nathear's benchmark on an Apache Spark cluster (docs/spark.md).")
public final class SparkRunCli implements Runnable {
    @CommandLine.Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** The command line: {@code run} is nathear's run command with the Spark options mixed in. */
    public static CommandLine commandLine(PrintWriter out, PrintWriter err) {
        SparkOptions spark = new SparkOptions();
        SparkRunExecutor executor = new SparkRunExecutor(spark);
        CommandSpec run = CommandSpec.forAnnotatedObject(new RunCommand(executor));
        executor.cacheDirAsTyped(() -> {
            OptionSpec cacheDir = run.findOption("--cache-dir");
            List<String> typed = cacheDir == null ? List.of() : cacheDir.originalStringValues();
            return typed.isEmpty() ? null : typed.get(typed.size() - 1);
        });
        run.addMixin("spark", CommandSpec.forAnnotatedObject(spark));
        run.usageMessage().description("Evaluate models on tasks as `nathear run` does, on a Spark cluster: clips are "
                + "embedded by the executors into the shared cache, then each cell is probed and scored as a Spark task.");
        CommandLine cl = new CommandLine(new SparkRunCli());
        cl.addSubcommand("run", new CommandLine(run));
        cl.setOut(out);
        cl.setErr(err);
        cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            if (ex instanceof HarnessException) {
                commandLine.getErr().println("nathear-spark: " + ex.getMessage());
                commandLine.getErr().flush();
                return NathearCli.EXIT_USAGE;
            }
            throw ex;
        });
        return cl;
    }

    public static void main(String[] args) {
        PrintWriter out = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
        PrintWriter err = new PrintWriter(System.err, true, StandardCharsets.UTF_8);
        int code = commandLine(out, err).execute(args);
        out.flush();
        err.flush();
        System.exit(code);
    }
}
