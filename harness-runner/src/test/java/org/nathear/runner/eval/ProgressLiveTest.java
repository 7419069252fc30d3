package org.nathear.runner.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class ProgressLiveTest {
    @Test
    void theBarFillsInProportion() {
        assertEquals("[" + ".".repeat(30) + "]   0%", Progress.bar(0, 10));
        assertEquals("[" + "#".repeat(15) + ".".repeat(15) + "]  50%", Progress.bar(5, 10));
        assertEquals("[" + "#".repeat(30) + "] 100%", Progress.bar(12, 10));
    }

    @Test
    void aLiveStepRedrawsInPlaceAndEndsWithALine() {
        StringWriter text = new StringWriter();
        Progress progress = Progress.live(new PrintWriter(text), 0);
        Progress.Step step = progress.start("embed demo-pitch", 4);
        step.advance(1);
        step.advance(1);
        progress.line("a note");
        step.advance(1);
        step.advance(1);
        step.finish("");
        String s = text.toString();
        assertTrue(s.contains("\r\033[Kembed demo-pitch [" + "#".repeat(8)), s);
        assertTrue(s.contains("\r\033[Ka note\n"), s);
        assertTrue(s.matches("(?s).*\r\033\\[Kembed demo-pitch 4/4 done in [0-9.]+ s\n"), "the final line replaces the bar: " + s);
    }

    @Test
    void plainProgressHasNoControlCharacters() {
        StringWriter text = new StringWriter();
        Progress progress = new Progress(new PrintWriter(text), 0, false);
        Progress.Step step = progress.start("embed", 3);
        step.advance(1);
        step.finish("x");
        assertFalse(text.toString().contains("\r") || text.toString().contains("\033"), text.toString());
        assertTrue(text.toString().contains("embed 1/3 (33%)"), text.toString());
    }
}
