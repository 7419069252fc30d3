package org.nathear.results.boards;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nathear.results.SampleRuns;

/**
 * Opens the HTML leaderboard of the synthetic sample ({@link SampleRuns#full}) in headless Chromium
 * and checks what the browser shows: the parsed DOM (tables, three inline SVG plots) and a
 * screenshot (size, not blank, the plot colours present). Skips, saying why, when no Chromium is
 * installed ({@code apt-get install -y chromium}; {@code .ci/run} installs it); another binary can
 * be named with {@code -Dnathear.chromium=PATH}. The page and the screenshot stay in
 * {@code target/browser-it/} for people to look at.
 */
class LeaderboardBrowserIT {
    private static final Path OUT = Path.of("target", "browser-it");
    private static Path chromium;
    private static Path page;

    @BeforeAll
    static void findBrowserAndWritePage() throws IOException {
        String configured = System.getProperty("nathear.chromium", "/usr/bin/chromium");
        chromium = Path.of(configured);
        Assumptions.assumeTrue(Files.isExecutable(chromium), "no Chromium at " + chromium
                + "; install Debian's chromium (apt-get install -y chromium) or set -Dnathear.chromium=PATH to run this test");
        Files.createDirectories(OUT);
        page = OUT.resolve("leaderboard.html").toAbsolutePath();
        Files.writeString(page, HtmlLeaderboardTest.samplePage(), StandardCharsets.UTF_8);
    }

    private static String browse(String... extra) throws IOException, InterruptedException {
        return browse(page, extra);
    }

    private static String browse(Path target, String... extra) throws IOException, InterruptedException {
        Path profile = Files.createTempDirectory(OUT, "profile");
        List<String> command = new ArrayList<>(List.of(chromium.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--user-data-dir=" + profile.toAbsolutePath()));
        command.addAll(List.of(extra));
        command.add(target.toUri().toString());
        Path stdout = OUT.resolve("chromium.out");
        Path stderr = OUT.resolve("chromium.err");
        Process p = new ProcessBuilder(command).redirectOutput(stdout.toFile()).redirectError(stderr.toFile()).start();
        try {
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError("Chromium did not finish within 120 s: " + command);
            }
        } finally {
            deleteTree(profile);
        }
        assertEquals(0, p.exitValue(), "Chromium failed: " + Files.readString(stderr));
        return Files.readString(stdout, StandardCharsets.UTF_8);
    }

    private static void deleteTree(Path root) throws IOException {
        try (java.util.stream.Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    @Test
    void theBrowserParsesEveryTableAndThreeInlinePlotsWithTextLegendsAndAxes() throws Exception {
        String dom = browse("--dump-dom");
        assertTrue(dom.contains("<h1>nathear leaderboard</h1>"), dom.substring(0, Math.min(300, dom.length())));
        for (String id : List.of("summary", "sm", "sm-plot", "heatmap", "scores", "doa", "metrics", "runs")) {
            assertTrue(dom.contains("id=\"" + id + "\""), "section " + id);
        }
        assertTrue(dom.indexOf("id=\"summary\"") < dom.indexOf("id=\"scores\""), "the summary comes first");
        assertEquals(3, dom.split("<svg", -1).length - 1, "three plots");
        assertTrue(dom.contains("<td class=\"l\">mw-mae</td><td data-v=\""), "mw-mae's row");
        assertTrue(dom.contains(">37.7</td>"), "mw-mae's HEAR s(m)");
        assertTrue(dom.contains("Nat-HEAR s(m)") && dom.contains("drop HEAR→Nat-HEAR"), "both groups and the drop");
        assertTrue(dom.contains("nat-sc5-loc-foa-v1-full"), "the DoA task");
        // the charts' words are text the browser holds, not outlines: legend entries, axis titles, model names
        for (String text : List.of(">HEAR s(m)</text>", ">Nat-HEAR s(m)</text>", ">95 % bootstrap interval</text>",
                ">model</text>", ">s(m): 0 = baseline hear-naive, 100 = best of the comparison set</text>",
                ">DoA error (degrees)</text>", ">share of test clips (%)</text>", ">gram-binaural</text>",
                ">colour: normalised score</text>", ">task</text>")) {
            assertTrue(dom.contains(text), "chart text " + text);
        }
        assertTrue(dom.contains("tabindex=\"0\""), "the script made the headers focusable");
    }

    /** The rows of the summary table, in the order the browser shows them. */
    private static List<String> summaryModels(String dom) {
        int start = dom.indexOf("id=\"summary\"");
        String table = dom.substring(start, dom.indexOf("</table>", start));
        List<String> models = new ArrayList<>();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("<tr><td class=\"l\">([^<]+)</td>").matcher(table);
        while (m.find()) {
            models.add(m.group(1).trim());
        }
        return models;
    }

    private static String clickAndDump(String name, String clicks) throws Exception {
        Path clicked = OUT.resolve(name).toAbsolutePath();
        Files.writeString(clicked, HtmlLeaderboardTest.samplePage().replace("</body>", "<script>" + clicks + "</script>\n</body>"),
                StandardCharsets.UTF_8);
        return browse(clicked, "--dump-dom");
    }

    @Test
    void clickingAHeaderSortsTheTableAndClickingAgainReverses() throws Exception {
        assertEquals(List.of("hear-naive", "gram-binaural", "mw-mae"), summaryModels(browse("--dump-dom")), "run order");
        String hearSm = "document.querySelectorAll('#summary thead th')[1].click();";
        String once = clickAndDump("sorted-once.html", hearSm);
        assertEquals(List.of("hear-naive", "mw-mae", "gram-binaural"), summaryModels(once), "HEAR s(m) ascending");
        assertTrue(once.contains("aria-sort=\"ascending\""), "the header shows the direction");
        String twice = clickAndDump("sorted-twice.html", hearSm + hearSm);
        assertEquals(List.of("gram-binaural", "mw-mae", "hear-naive"), summaryModels(twice), "HEAR s(m) descending");
        String byName = clickAndDump("sorted-name.html", "document.querySelectorAll('#summary thead th')[0].click();");
        assertEquals(List.of("gram-binaural", "hear-naive", "mw-mae"), summaryModels(byName), "model names A-Z");
        String byDoa = clickAndDump("sorted-doa.html", "var h=document.querySelectorAll('#summary thead th');"
                + "h[h.length-3].click();");
        assertEquals(List.of("gram-binaural", "mw-mae", "hear-naive"), summaryModels(byDoa), "mean DoA error ascending");
    }

    @Test
    void theScreenshotShowsThePlots() throws Exception {
        Path png = OUT.resolve("leaderboard.png").toAbsolutePath();
        Files.deleteIfExists(png);
        browse("--screenshot=" + png, "--window-size=1280,2400", "--hide-scrollbars");
        BufferedImage image = ImageIO.read(png.toFile());
        assertEquals(1280, image.getWidth());
        assertEquals(2400, image.getHeight());
        long inked = 0;
        long hear = 0;
        long nat = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                int rgb = image.getRGB(x, y) & 0xFFFFFF;
                if (rgb != 0xFFFFFF) {
                    inked++;
                }
                if (near(rgb, LeaderboardCharts.HEAR_COLOR)) {
                    hear++;
                }
                if (near(rgb, LeaderboardCharts.NAT_HEAR_COLOR)) {
                    nat++;
                }
            }
        }
        double share = (double) inked / (image.getWidth() * (long) image.getHeight());
        assertTrue(share > 0.05, "the page is not blank: " + share);
        assertTrue(hear > 200, "HEAR-blue plot marks visible: " + hear + " pixels");
        assertTrue(nat > 200, "Nat-HEAR-orange plot marks visible: " + nat + " pixels");
    }

    private static boolean near(int rgb, int target) {
        int dr = ((rgb >> 16) & 0xFF) - ((target >> 16) & 0xFF);
        int dg = ((rgb >> 8) & 0xFF) - ((target >> 8) & 0xFF);
        int db = (rgb & 0xFF) - (target & 0xFF);
        return dr * dr + dg * dg + db * db < 30 * 30;
    }
}
