package org.nathear.runner.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** Help examples, --quiet/--verbose everywhere, generate-completion (tried in bash), @argument files. */
class CliHabitsTest {
    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private CommandLine cli() {
        return NathearCli.commandLine(new PrintWriter(out, true), new PrintWriter(err, true));
    }

    private static List<CommandLine> allCommands(CommandLine cl) {
        List<CommandLine> all = new ArrayList<>();
        all.add(cl);
        for (Map.Entry<String, CommandLine> e : cl.getSubcommands().entrySet()) {
            if (e.getKey().equals(e.getValue().getCommandName())) {
                all.addAll(allCommands(e.getValue()));
            }
        }
        return all;
    }

    @Test
    void everyCommandShowsExamplesThatParse() {
        List<CommandLine> commands = allCommands(cli());
        assertTrue(commands.size() >= 15, "commands: " + commands.size());
        for (CommandLine command : commands) {
            String name = CliHabits.qualifiedName(command.getCommandSpec());
            String help = command.getUsageMessage(CommandLine.Help.Ansi.OFF);
            assertTrue(help.contains("Examples:"), "no examples in the help of '" + name + "':\n" + help);
            List<String> examples = HelpExamples.BY_COMMAND.get(name);
            assertNotNull(examples, name);
            for (String example : examples) {
                if (!example.startsWith("nathear ")) {
                    continue;
                }
                String line = example.contains("#") ? example.substring(0, example.indexOf('#')) : example;
                String[] words = line.trim().split("\\s+");
                if (line.contains(">") || line.contains("@")) {
                    continue; // a shell redirection or an argument file: not for the parser alone
                }
                String[] args = java.util.Arrays.copyOfRange(words, 1, words.length);
                try {
                    cli().parseArgs(args);
                } catch (CommandLine.ParameterException e) {
                    throw new AssertionError("example of '" + name + "' does not parse: " + example + "\n" + e.getMessage(), e);
                }
            }
        }
        assertTrue(HelpExamples.BY_COMMAND.keySet().stream().allMatch(k -> commands.stream()
                .anyMatch(c -> CliHabits.qualifiedName(c.getCommandSpec()).equals(k))),
                "examples for a command that does not exist: " + HelpExamples.BY_COMMAND.keySet());
    }

    @Test
    void quietAndVerboseExistOnEveryCommandAndContradictEachOther() {
        for (CommandLine command : allCommands(cli())) {
            assertNotNull(command.getCommandSpec().findOption("--quiet"), command.getCommandName());
            assertNotNull(command.getCommandSpec().findOption("--verbose"), command.getCommandName());
        }
        assertEquals(0, cli().execute("version", "--quiet"));
        assertEquals(0, cli().execute("-v", "version"));
        assertEquals(NathearCli.EXIT_USAGE, cli().execute("version", "--quiet", "--verbose"));
        assertTrue(err.toString().contains("--quiet and --verbose contradict"), err.toString());
    }

    @Test
    void verboseAddsTheStackTraceToAnError() {
        assertEquals(NathearCli.EXIT_USAGE, cli().execute("run", "--models", "no-such-model", "--data-dir", dir.toString()));
        assertTrue(!err.toString().contains("\tat org.nathear"), err.toString());
        err.getBuffer().setLength(0);
        assertEquals(NathearCli.EXIT_USAGE, cli().execute("run", "--verbose", "--models", "no-such-model",
                "--data-dir", dir.toString()));
        assertTrue(err.toString().contains("\tat org.nathear") && err.toString().contains("nathear: "), err.toString());
    }

    @Test
    void argumentFilesWork() throws IOException {
        Path args = dir.resolve("list.args");
        Files.writeString(args, "--data-dir " + dir.resolve("data") + "\n# a comment\n--quiet\n", StandardCharsets.UTF_8);
        assertEquals(0, cli().execute("list", "@" + args));
        assertTrue(out.toString().contains("hear-naive"), out.toString());
    }

    @Test
    void theCompletionScriptCompletesSubcommandsAndOptionsInBash() throws Exception {
        assertEquals(0, cli().execute("generate-completion"));
        String script = out.toString();
        assertTrue(script.contains("complete -F") && script.contains("validate-model"), script.substring(0, 200));
        Path bash = Path.of("/bin/bash");
        assumeTrue(Files.isExecutable(bash), "bash not found");
        Path file = dir.resolve("nathear-completion.bash");
        Files.writeString(file, script, StandardCharsets.UTF_8);
        String probe = "source " + file + "\n"
                + "fn=$(complete -p nathear | sed 's/.*-F \\([^ ]*\\).*/\\1/')\n"
                + "COMP_WORDS=(nathear val); COMP_CWORD=1; COMP_LINE='nathear val'; COMP_POINT=${#COMP_LINE}\n"
                + "$fn; echo \"sub:${COMPREPLY[*]}\"\n"
                + "COMP_WORDS=(nathear run --ca); COMP_CWORD=2; COMP_LINE='nathear run --ca'; COMP_POINT=${#COMP_LINE}\n"
                + "$fn; echo \"opt:${COMPREPLY[*]}\"\n"
                + "COMP_WORDS=(nathear run --probe ''); COMP_CWORD=3; COMP_LINE='nathear run --probe '; COMP_POINT=${#COMP_LINE}\n"
                + "$fn; echo \"val:${COMPREPLY[*]}\"\n";
        Process p = new ProcessBuilder(bash.toString(), "-c", probe).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertTrue(output.contains("sub:validate-model"), output);
        assertTrue(output.contains("opt:--cache-dir") || output.contains("opt:--call-timeout --cache-dir")
                || output.matches("(?s).*opt:[^\\n]*--cache-dir.*"), output);
        assertTrue(output.matches("(?s).*val:[^\\n]*mlp-hear.*"), output);
    }
}
