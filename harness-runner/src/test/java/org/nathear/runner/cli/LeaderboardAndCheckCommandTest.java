package org.nathear.runner.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nathear.api.ChannelLayout;
import org.nathear.api.TaskKind;
import org.nathear.results.schema.BootstrapInterval;
import org.nathear.results.schema.CellResult;
import org.nathear.results.schema.CellStatus;
import org.nathear.results.schema.MetricSummary;
import org.nathear.results.schema.Provenance;
import org.nathear.results.files.ResultFiles;
import org.nathear.results.schema.RunResult;
import org.nathear.results.schema.RunSettings;

/** {@code nathear leaderboard} and {@code nathear check} on small hand-made result files. */
class LeaderboardAndCheckCommandTest {
    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        out.getBuffer().setLength(0);
        err.getBuffer().setLength(0);
        return NathearCli.commandLine(new PrintWriter(out, true), new PrintWriter(err, true)).execute(args);
    }

    private static CellResult cell(String task, ChannelLayout layout, String model, double score) {
        double[] replicates = new double[50];
        for (int i = 0; i < replicates.length; i++) {
            replicates[i] = score + 0.02 * ((i * 37 % 50) / 25.0 - 1); // a fixed spread of ±0.02 around the score
        }
        return CellResult.builder().taskId(task).taskVersion("1").taskDataHash("sha256:" + task)
                .taskKind(TaskKind.SCENE_MULTICLASS).taskLayout(layout).modelId(model).modelVersion("1")
                .weightsSha256("w-" + model).status(CellStatus.SUCCEEDED).message("").primaryMetric("top1_acc")
                .primaryScore(score).primaryInterval(BootstrapInterval.of("top1_acc", 0.95, 3L, replicates))
                .metrics(Map.of("top1_acc", MetricSummary.of(List.of(score)))).channelRule("as-is").seed(1L).build();
    }

    /** hear-naive and gram on a mono and a FOA task; {@code shift} lowers gram's mono score. */
    private Path write(String name, String started, double shift, boolean withFoa) {
        List<CellResult> cells = new ArrayList<>();
        cells.add(cell("mono-task", ChannelLayout.MONO, "gram", 0.80 - shift));
        cells.add(cell("mono-task", ChannelLayout.MONO, "hear-naive", 0.50));
        if (withFoa) {
            cells.add(cell("foa-task", ChannelLayout.FOA, "gram", 0.70));
            cells.add(cell("foa-task", ChannelLayout.FOA, "hear-naive", 0.40));
        }
        RunResult run = new RunResult(RunResult.SCHEMA, name, started, started, null,
                new Provenance("0.1.0", "abc", "17", "v", "Linux", "6", "amd64", 2, Map.of()),
                new RunSettings(42L, "linear", List.of("hear-naive", "gram"),
                        withFoa ? List.of("mono-task", "foa-task") : List.of("mono-task")), cells);
        Path file = dir.resolve(name).resolve("results.json");
        ResultFiles.write(file, run);
        return file;
    }

    @Test
    void leaderboardWritesMarkdownCsvAndHtml() throws Exception {
        Path a = write("a", "2025-01-01T00:00:00Z", 0, true);
        Path md = dir.resolve("out/board.md");
        Path csv = dir.resolve("out/board.csv");
        Path html = dir.resolve("out/board.html");
        assertEquals(0, run("leaderboard", a.getParent().toString(), "--markdown", md.toString(), "--csv", csv.toString(),
                "--html", html.toString()), err.toString());
        String markdown = Files.readString(md, StandardCharsets.UTF_8);
        assertTrue(markdown.contains("| gram | 100.0 |"), markdown);
        assertTrue(markdown.contains("Nat-HEAR s(m)") && markdown.contains("drop HEAR→Nat-HEAR"), markdown);
        assertTrue(Files.readString(csv).contains("group:Nat-HEAR,gram,summary,s_m"), Files.readString(csv));
        assertTrue(Files.readString(html).contains("<svg"), "plots in the page");
        assertEquals(0, run("leaderboard", dir.toString(), "--compare", "gram"));
        assertTrue(out.toString().contains("comparison set (best per task): `gram`"), out.toString());
    }

    @Test
    void leaderboardRefusesConflictingCellsUnlessAskedForTheLatest() {
        Path a = write("a", "2025-01-01T00:00:00Z", 0, false);
        Path b = write("b", "2025-01-02T00:00:00Z", 0.1, false);
        assertEquals(2, run("leaderboard", a.toString(), b.toString()));
        assertTrue(err.toString().contains("conflicting cell") && err.toString().contains(a.toString())
                && err.toString().contains(b.toString()), err.toString());
        assertEquals(0, run("leaderboard", a.toString(), b.toString(), "--on-conflict", "latest"));
        assertTrue(out.toString().contains("| gram | 0.700 |"), "the later run's score: " + out);
    }

    @Test
    void leaderboardNamesAFileWithAnIncompatibleSchema() throws Exception {
        Path a = write("a", "2025-01-01T00:00:00Z", 0, false);
        Files.writeString(a, Files.readString(a).replace("nathear.run/3", "nathear.run/9"));
        assertEquals(2, run("leaderboard", a.toString()));
        assertTrue(err.toString().contains(a.toAbsolutePath().toString()) && err.toString().contains("nathear.run/9"), err.toString());
        assertEquals(2, run("leaderboard", dir.resolve("none").toString()));
        assertEquals(2, run("leaderboard", write("c", "2025-01-01T00:00:00Z", 0, false).toString(), "--baseline-model", "nobody"));
        assertTrue(err.toString().contains("--baseline-model nobody"), err.toString());
    }

    @Test
    void checkPassesUnchangedResultsAndExitsThreeOnARegression() {
        Path baseline = write("baseline", "2025-01-01T00:00:00Z", 0, true);
        Path same = write("same", "2025-01-02T00:00:00Z", 0, true);
        Path worse = write("worse", "2025-01-02T00:00:00Z", 0.1, true);
        assertEquals(0, run("check", "--baseline", baseline.toString(), same.toString()), out + "" + err);
        assertTrue(out.toString().startsWith("## nathear check: PASSED"), out.toString());
        Path summary = dir.resolve("summary.md");
        assertEquals(CheckCommand.EXIT_REGRESSION, run("check", "--baseline", baseline.toString(), worse.toString(),
                "--markdown", summary.toString()));
        assertTrue(out.toString().contains("| **REGRESSION** | mono-task | gram | top1_acc ↑ | 0.8000 | 0.7000 | -0.1000 |"),
                out.toString());
        assertTrue(err.toString().contains("1 regression(s)"), err.toString());
        assertTrue(Files.exists(summary));
        assertEquals(0, run("check", "--baseline", baseline.toString(), worse.toString(), "--tolerance", "0.15"));
        assertEquals(2, run("check", "--baseline", baseline.toString(), worse.toString(), "--tolerance", "wide"));
    }

    @Test
    void checkExitsFourWhenTheBaselineIsMissingTasks() {
        Path baseline = write("baseline", "2025-01-01T00:00:00Z", 0, false);
        Path results = write("results", "2025-01-02T00:00:00Z", 0, true);
        assertEquals(CheckCommand.EXIT_INCOMPLETE, run("check", "--baseline", baseline.toString(), results.toString()));
        assertTrue(err.toString().contains("2 result cell(s) have no baseline score") && err.toString().contains("--allow-new"),
                err.toString());
        assertTrue(out.toString().contains("| new | foa-task | gram |"), out.toString());
        assertEquals(0, run("check", "--baseline", baseline.toString(), results.toString(), "--allow-new"));
        assertEquals(CheckCommand.EXIT_INCOMPLETE, run("check", "--baseline", results.toString(), baseline.toString()));
        assertTrue(err.toString().contains("2 baseline cell(s) are not in the results"), err.toString());
    }

    @Test
    void checkWithoutResultsTakesTheNewestRun() {
        Path baseline = write("baseline", "2025-01-01T00:00:00Z", 0, true);
        write("runs/old", "2025-01-02T00:00:00Z", 0, true);
        write("runs/new", "2025-01-03T00:00:00Z", 0.1, true);
        assertEquals(CheckCommand.EXIT_REGRESSION, run("check", "--baseline", baseline.toString(), "--runs-dir",
                dir.resolve("runs").toString()));
        assertTrue(err.toString().contains("newest run") && err.toString().contains("new"), err.toString());
    }

    @Test
    void checkWritesJUnitXmlAndJsonReportsThatParse() throws Exception {
        Path baseline = write("baseline", "2025-01-01T00:00:00Z", 0, false);
        Path worse = write("worse", "2025-01-02T00:00:00Z", 0.1, true);
        Path junit = dir.resolve("reports/check.xml");
        Path json = dir.resolve("reports/check.json");
        assertEquals(CheckCommand.EXIT_REGRESSION, run("check", "--baseline", baseline.toString(), worse.toString(),
                "--allow-new", "--junit", junit.toString(), "--json", json.toString()), err.toString());

        org.w3c.dom.Document doc = javax.xml.parsers.DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(junit.toFile());
        org.w3c.dom.Element suite = doc.getDocumentElement();
        assertEquals("testsuite", suite.getTagName());
        assertEquals("4", suite.getAttribute("tests"));
        assertEquals("1", suite.getAttribute("failures"));
        assertEquals("2", suite.getAttribute("skipped"));
        org.w3c.dom.NodeList cases = suite.getElementsByTagName("testcase");
        Map<String, String> outcomeByCase = new java.util.TreeMap<>();
        for (int i = 0; i < cases.getLength(); i++) {
            org.w3c.dom.Element c = (org.w3c.dom.Element) cases.item(i);
            String outcome = c.getElementsByTagName("failure").getLength() > 0 ? "failure"
                    : c.getElementsByTagName("skipped").getLength() > 0 ? "skipped" : "pass";
            outcomeByCase.put(c.getAttribute("classname") + "/" + c.getAttribute("name"), outcome);
        }
        assertEquals(Map.of("nathear.check.gram/mono-task [top1_acc]", "failure",
                "nathear.check.hear-naive/mono-task [top1_acc]", "pass",
                "nathear.check.gram/foa-task [top1_acc]", "skipped",
                "nathear.check.hear-naive/foa-task [top1_acc]", "skipped"), outcomeByCase);
        org.w3c.dom.Element failure = (org.w3c.dom.Element) suite.getElementsByTagName("failure").item(0);
        assertEquals("regression", failure.getAttribute("type"));
        assertTrue(failure.getAttribute("message").contains("baseline 0.8000, current 0.7000"), failure.getAttribute("message"));

        com.fasterxml.jackson.databind.JsonNode report = new com.fasterxml.jackson.databind.ObjectMapper().readTree(json.toFile());
        assertEquals("nathear.check/1", report.get("schema").asText());
        assertEquals("regression", report.get("outcome").asText());
        assertEquals(CheckCommand.EXIT_REGRESSION, report.get("exitCode").asInt());
        assertEquals(1, report.get("counts").get("regression").asInt());
        assertEquals(2, report.get("counts").get("new").asInt());
        com.fasterxml.jackson.databind.JsonNode regressed = null;
        for (com.fasterxml.jackson.databind.JsonNode c : report.get("cells")) {
            if (c.get("verdict").asText().equals("regression")) {
                regressed = c;
            }
        }
        assertTrue(regressed != null, report.toString());
        assertEquals("gram", regressed.get("model").asText());
        assertEquals(0.8, regressed.get("baseline").asDouble(), 1e-12);
        assertEquals(0.7, regressed.get("current").asDouble(), 1e-12);
        assertEquals(-0.1, regressed.get("delta").asDouble(), 1e-9);
    }

    @Test
    void resumeRefusesOptionsThatComeFromTheResultFile() {
        Path a = write("a", "2025-01-01T00:00:00Z", 0, false);
        assertEquals(2, run("run", "--resume", a.getParent().toString(), "--seed", "3"));
        assertTrue(err.toString().contains("leave out --seed"), err.toString());
        assertEquals(2, run("run", "--resume", dir.resolve("nothing").toString()));
        assertTrue(err.toString().contains("no results.json"), err.toString());
        assertEquals(2, run("run", "--resume", a.getParent().toString(), "--models", "x"));
        assertTrue(err.toString().contains("leave out --models"), err.toString());
    }

    @Test
    void resumeOfAFinishedRunPrintsItsLeaderboard() {
        Path a = write("a", "2025-01-01T00:00:00Z", 0, false);
        assertEquals(0, run("run", "--resume", a.getParent().toString()));
        assertTrue(out.toString().contains("already finished") && out.toString().contains("| gram |"), out.toString());
    }
}
