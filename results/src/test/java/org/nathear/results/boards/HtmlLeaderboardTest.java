package org.nathear.results.boards;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.nathear.results.files.SourcedRun;
import org.nathear.results.schema.CellResult;
import org.nathear.results.schema.ModelFacts;
import org.nathear.results.schema.RunResult;
import org.nathear.results.SampleRuns;

class HtmlLeaderboardTest {
    /** The synthetic sample page; also written to target/ so that a person (or the browser IT) can look at it. */
    static String samplePage() {
        Leaderboard board = Leaderboard.build(List.of(new SourcedRun(SampleRuns.full(200, 7L), "sample/results.json")),
                Leaderboard.Options.defaults());
        return HtmlLeaderboard.render(board);
    }

    @Test
    void thePageIsSelfContainedWithEverySectionAndInlineSvgPlots() throws IOException {
        String html = samplePage();
        Files.writeString(Path.of("target", "leaderboard-sample.html"), html, StandardCharsets.UTF_8);
        assertTrue(html.startsWith("<!DOCTYPE html>"), html.substring(0, 40));
        for (String id : List.of("summary", "sm", "sm-plot", "heatmap", "scores", "doa", "metrics", "runs")) {
            assertTrue(html.contains("id=\"" + id + "\""), "section " + id);
        }
        // 1 s(m) forest plot + 1 heatmap + 1 DoA plot (one localization task)
        assertEquals(3, count(html, "<svg"));
        assertEquals(1, count(html, "<script"), "one inline script (table sorting)");
        assertFalse(html.contains("<script src"), "no script loaded from elsewhere");
        assertFalse(html.contains("<path"), "no glyph outlines: chart text is text");
        assertTrue(html.length() < 60_000, "small: " + html.length() + " chars");
        assertFalse(Pattern.compile("(src|href)=\"(https?:)?//").matcher(html).find(), "no external resources");
        assertFalse(html.contains("<?xml"), "SVG prologs stripped");
        // every id unique across the inline SVGs
        Matcher m = Pattern.compile("id=\"([^\"]+)\"").matcher(html);
        java.util.Set<String> ids = new java.util.HashSet<>();
        while (m.find()) {
            assertTrue(ids.add(m.group(1)), "duplicate id " + m.group(1));
        }
        assertTrue(html.contains("<td class=\"l\">gram-binaural</td><td data-v=\"100.0\">100.0</td>"), "s(m) row of gram-binaural");
        assertTrue(html.contains("drop HEAR→Nat-HEAR"), "drop column");
        assertTrue(html.contains("nat-sc5-loc-foa-v1-full: share of test clips per 5° of DoA error"), "DoA caption");
    }

    @Test
    void theSummaryTableIsThePapersTableWithModelFactsAndSecondaryMetricsFollow() {
        String html = samplePage();
        String summary = html.substring(html.indexOf("<section id=\"summary\">"), html.indexOf("<section id=\"sm\">"));
        for (String header : List.of("HEAR s(m) ↑", "Nat-HEAR s(m) ↑", "drop HEAR→Nat-HEAR",
                "nat-sc5-loc-foa-v1-full<br><span class=\"muted\">mean DoA error (°) ↓", "median DoA error (°) ↓",
                "embedding size")) {
            assertTrue(summary.contains(header), "summary column " + header);
        }
        // mw-mae: HEAR 37.7 with its interval, drop −7.6, DoA mean 61.0 ± 3.0 over three folds
        assertTrue(summary.contains(">37.7</td><td class=\"iv\" data-v="), summary);
        assertTrue(summary.contains(">-7.6</td>"), summary);
        assertTrue(summary.contains(">61.0 ± 3.0</td>"), summary);
        // the s(m) table shows the unclipped score beside s(m): mw-mae's speech_commands score is below the baseline
        String sm = html.substring(html.indexOf("<section id=\"sm\">"), html.indexOf("<section id=\"heatmap\">"));
        assertTrue(sm.contains("class=\"clip\">13.4</td>"), "mw-mae's unclipped HEAR s(m), below its s(m) 37.7");
        assertTrue(sm.contains(">2.50</td>"), "mean rank");
        String metrics = html.substring(html.indexOf("<section id=\"metrics\">"));
        assertTrue(metrics.contains("doa_acc_20deg ↑") && metrics.contains("doa_error_median_deg ↓"),
                "secondary metrics of the localization task");
    }

    @Test
    void modelFactsRecordedInCellsBecomeColumns() {
        RunResult run = SampleRuns.full(20, 7L);
        List<CellResult> cells = new java.util.ArrayList<>();
        for (CellResult c : run.cells()) {
            cells.add(c.modelId().equals("gram-binaural")
                    ? c.withModelFacts(new ModelFacts(5_300_000L, c.taskId().contains("loc") ? 0.04 : 0.02, 700L << 20, "run"))
                    : c);
        }
        RunResult withFacts = new RunResult(run.schema(), run.runId(), run.startedUtc(), run.finishedUtc(), run.resumedUtc(),
                run.provenance(), run.settings(), cells);
        String html = HtmlLeaderboard.render(Leaderboard.of(List.of(withFacts)));
        String summary = html.substring(html.indexOf("<section id=\"summary\">"), html.indexOf("<section id=\"sm\">"));
        assertTrue(summary.contains("<th>parameters</th><th>real-time factor ↓</th><th>peak memory</th>"), summary);
        assertTrue(summary.contains(">5.3 M</td>"), "parameters");
        assertTrue(summary.contains(">0.0200</td>"), "median real-time factor over the four cells (0.02, 0.02, 0.02, 0.04)");
        assertTrue(summary.contains(">700 MiB</td>"), "peak memory");
        assertFalse(summary.contains("not recorded in these results"), "every fact is there for some model");
        String md = MarkdownLeaderboard.render(Leaderboard.of(List.of(withFacts)));
        assertTrue(md.contains("| gram-binaural | 512 | 5.3 M | 0.0200 | 700 MiB |"), md);
        assertTrue(md.contains("| hear-naive | 512 | n/a | n/a | n/a |"), md);
    }

    @Test
    void aPageTheShapeOfTheDefaultRunStaysWellUnder300Kilobytes() throws IOException {
        // 6 models; 4 mono tasks, each also binaural and FOA (12 tasks); 2 localization tasks
        String html = HtmlLeaderboard.render(Leaderboard.of(List.of(SampleRuns.wide(6, 4, 2, 3L))));
        Files.writeString(Path.of("target", "leaderboard-wide.html"), html, StandardCharsets.UTF_8);
        int bytes = html.getBytes(StandardCharsets.UTF_8).length;
        assertTrue(bytes < 300_000, "page size " + bytes + " bytes");
        assertEquals(4, count(html, "<svg"), "s(m) plot, heatmap and one DoA plot per localization task");
    }

    @Test
    void everyChartIsWellFormedSvgWithTextNotOutlines() throws Exception {
        String html = HtmlLeaderboard.render(Leaderboard.of(List.of(SampleRuns.wide(6, 4, 2, 3L))));
        javax.xml.parsers.DocumentBuilderFactory factory = javax.xml.parsers.DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        int charts = 0;
        for (int start = html.indexOf("<svg"); start >= 0; start = html.indexOf("<svg", start + 1)) {
            String svg = html.substring(start, html.indexOf("</svg>", start) + "</svg>".length());
            org.w3c.dom.Document doc = factory.newDocumentBuilder().parse(
                    new java.io.ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
            assertEquals("svg", doc.getDocumentElement().getLocalName());
            assertTrue(doc.getElementsByTagNameNS("*", "text").getLength() >= 8, "labels, axis titles and legend as text");
            assertEquals(0, doc.getElementsByTagNameNS("*", "path").getLength(), "no outlines");
            charts++;
        }
        assertEquals(4, charts);
    }

    @Test
    void renderingIsDeterministicAndIndependentOfTheDefaultLocale() {
        String first = samplePage();
        Locale saved = Locale.getDefault();
        try {
            Locale.setDefault(Locale.GERMANY);
            assertEquals(first, samplePage());
        } finally {
            Locale.setDefault(saved);
        }
    }

    @Test
    void textIsEscaped() {
        assertEquals("a &lt;b&gt; &amp; &quot;c&quot; &#39;d&#39;", HtmlLeaderboard.esc("a <b> & \"c\" 'd'"));
    }

    private static int count(String text, String needle) {
        int n = 0;
        for (int i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + 1)) {
            n++;
        }
        return n;
    }
}
