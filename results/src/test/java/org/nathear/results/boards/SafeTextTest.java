package org.nathear.results.boards;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Issue 13, bug 11: escape sequences and hostile names are shown, never obeyed. */
class SafeTextTest {
    @Test
    void terminalMakesEscapeSequencesVisible() {
        String hostile = "clip\u001b[2J\u001b]0;pwned\u0007.wav";
        String shown = SafeText.terminal(hostile);
        assertEquals("clip\\x1b[2J\\x1b]0;pwned\\x07.wav", shown);
        assertFalse(shown.chars().anyMatch(c -> c < 0x20), shown);
    }

    @Test
    void terminalEscapesC1ControlsAndBidiOverridesButKeepsNewlinesTabsAndUnicode() {
        assertEquals("a\\x9bb\\u202ec\n\td é ↑", SafeText.terminal("a\u009bb\u202ec\n\td é ↑"));
    }

    @Test
    void terminalReturnsCleanTextUnchanged() {
        String clean = "[hear-naive | tones-v1-full] succeeded";
        assertSame(clean, SafeText.terminal(clean));
    }

    @Test
    void markdownNeutralisesHtmlLinksCodeAndTableColumns() {
        String shown = SafeText.markdown("<img src=x onerror=alert(1)> [click](javascript:x) `code` a|b task_metadata.json");
        assertEquals("\\<img src=x onerror=alert(1)\\> \\[click\\](javascript:x) \\`code\\` a\\|b task_metadata.json", shown);
    }

    @Test
    void markdownPutsTextOnOneLineAndMakesControlCharactersVisible() {
        String shown = SafeText.markdown("first line\n# not a heading\u001b[31m");
        assertEquals("first line # not a heading\\\\x1b\\[31m", shown);
        assertTrue(shown.chars().noneMatch(c -> c < 0x20), shown);
    }
}
