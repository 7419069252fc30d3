package org.nathear.results;

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
        for (String id : List.of("sm", "sm-plot", "heatmap", "scores", "doa", "runs")) {
            assertTrue(html.contains("id=\"" + id + "\""), "section " + id);
        }
        // 1 s(m) forest plot + 1 heatmap + 1 DoA plot (one localization task)
        assertEquals(3, count(html, "<svg"));
        assertFalse(html.contains("<script"), "no scripts");
        assertFalse(Pattern.compile("(src|href)=\"(https?:)?//").matcher(html).find(), "no external resources");
        assertFalse(html.contains("<?xml"), "SVG prologs stripped");
        // every id unique across the inline SVGs
        Matcher m = Pattern.compile("id=\"([^\"]+)\"").matcher(html);
        java.util.Set<String> ids = new java.util.HashSet<>();
        while (m.find()) {
            assertTrue(ids.add(m.group(1)), "duplicate id " + m.group(1));
        }
        assertTrue(html.contains("<td class=\"l\">gram-binaural</td><td>"), "s(m) row of gram-binaural");
        assertTrue(html.contains("drop HEAR→Nat-HEAR"), "drop column");
        assertTrue(html.contains("nat-sc5-loc-foa-v1-full: share of test clips per 5° of DoA error"), "DoA caption");
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
