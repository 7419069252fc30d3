package org.nathear.runner.cli;

import java.util.List;
import java.util.Map;

/**
 * Examples shown at the end of every command's {@code --help} (picocli footer), by the command's
 * qualified name ({@code "run"}, {@code "gram train"}; {@code ""} is {@code nathear} itself). Each
 * line that starts with {@code nathear } must parse: {@code CliHabitsTest} runs every one through
 * the parser.
 */
final class HelpExamples {
    private HelpExamples() {
    }

    static final Map<String, List<String>> BY_COMMAND = Map.ofEntries(
            Map.entry("", List.of(
                    "nathear run                                   # every model on the built-in demo suite",
                    "nathear run --tasks-dir ~/hear/tasks --models hear-naive,onnx:./my-model",
                    "nathear leaderboard nathear-results --html board.html",
                    "nathear generate-completion > ~/.local/share/bash-completion/completions/nathear")),
            Map.entry("list", List.of(
                    "nathear list",
                    "nathear list --tasks-dir ~/hear/tasks --plugins ~/my-plugins --models-dir ~/models")),
            Map.entry("run", List.of(
                    "nathear run",
                    "nathear run --tasks-dir ~/hear/tasks --tasks esc50-v2.0.0-full --models hear-naive --seed 7",
                    "nathear run --suite hear --tasks-dir ~/hear/tasks --probe mlp",
                    "nathear run --plugins ~/my-plugins --models my-model,hear-naive --output ci-results --quiet",
                    "nathear run --tasks-dir tasks --tasks tut2018-real-ov1-split1-v1-full --models spatial-naive --doa-target unit-vector",
                    "nathear run --resume nathear-results/RUN_ID",
                    "nathear run @nightly.args                     # options read from a file, one or more a line")),
            Map.entry("version", List.of("nathear version")),
            Map.entry("validate-model", List.of(
                    "nathear validate-model hear-naive",
                    "nathear validate-model onnx:./my-model --strict --report my-model.validation.json",
                    "nathear validate-model --plugins ~/my-plugins my-model --clip-seconds 1,10")),
            Map.entry("leaderboard", List.of(
                    "nathear leaderboard nathear-results",
                    "nathear leaderboard nathear-results --html board.html --csv board.csv --markdown board.md",
                    "nathear leaderboard run-a/results.json run-b --baseline-model hear-naive --on-conflict latest")),
            Map.entry("check", List.of(
                    "nathear check --baseline results/baselines/real-mini-hear-naive.json nathear-results/RUN_ID",
                    "nathear check --baseline baseline.json --runs-dir ci-results --junit check.xml --json check.json",
                    "nathear check --baseline baseline.json --tolerance 0.02 --allow-new --markdown comment.md")),
            Map.entry("export-embeddings", List.of(
                    "nathear export-embeddings --tasks-dir ~/hear/tasks --models hear-naive --out embeddings",
                    "nathear export-embeddings --models onnx:./my-model --tasks demo-pitch-v1-full --out emb --no-cache")),
            Map.entry("spatialize", List.of(
                    "nathear spatialize --format foa --in ~/hear/tasks/esc50-v2.0.0-full --out nat-tasks",
                    "nathear spatialize --format binaural --in ~/hear/tasks/esc50-v2.0.0-full --out nat-tasks --localization")),
            Map.entry("localize", List.of(
                    "nathear localize --in nat-tasks/esc50-v2.0.0-full-foa --out loc-tasks")),
            Map.entry("tut-real", List.of(
                    "nathear tut-real --in ~/data/TUT-sound-events-2018-real --out tasks --overlap 1")),
            Map.entry("gram", List.of(
                    "nathear gram train --variant binaural --data ~/audioset-wavs --steps 1000",
                    "nathear gram corpus --out demo-corpus")),
            Map.entry("gram train", List.of(
                    "nathear gram train --variant binaural --data ~/audioset-wavs --steps 1000 --out gram-run",
                    "nathear gram train --variant binaural --data ~/audioset-wavs --steps 2000 --out gram-run --resume")),
            Map.entry("gram corpus", List.of(
                    "nathear gram corpus --out demo-corpus --clips 64")),
            Map.entry("gram import", List.of(
                    "nathear gram import --official model.safetensors --variant binaural --out gram-binaural.safetensors")),
            Map.entry("help", List.of(
                    "nathear help run")),
            Map.entry("gram help", List.of(
                    "nathear gram help train")),
            Map.entry("generate-completion", List.of(
                    "source <(nathear generate-completion)          # this shell (bash or zsh)",
                    "nathear generate-completion > ~/.local/share/bash-completion/completions/nathear")));
}
