package org.nathear.results.boards;

import java.util.Locale;

/**
 * Escaping for text that comes from outside (clip ids, file names, error messages, model versions)
 * before it is shown: on a terminal, where control characters can move the cursor, recolour or
 * retitle the window, and in Markdown, where {@code <img src=x onerror=…>}, links or a stray
 * {@code |} would become HTML, links or table columns. The HTML page escapes with its own helper.
 */
public final class SafeText {
    private static final String MARKDOWN_SPECIALS = "\\`[]<>|";

    private SafeText() {
    }

    /**
     * Text safe to print on a terminal: control characters (C0 except newline and tab, DEL, C1) and
     * bidirectional overrides become visible {@code \xNN} or {@code \}{@code uNNNN} escapes.
     */
    public static String terminal(String text) {
        if (text == null) {
            return "null";
        }
        StringBuilder out = null;
        for (int i = 0; i < text.length(); i++) {
            char ch = text.charAt(i);
            boolean unsafe = ch != '\n' && ch != '\t' && isUnsafe(ch);
            if (unsafe && out == null) {
                out = new StringBuilder(text.length() + 16).append(text, 0, i);
            }
            if (out != null) {
                if (unsafe) {
                    out.append(visible(ch));
                } else {
                    out.append(ch);
                }
            }
        }
        return out == null ? text : out.toString();
    }

    /**
     * Text safe inside a Markdown paragraph or table cell: on one line, control characters made
     * visible, and the punctuation that would make HTML, a link, code or a new table column
     * ({@code \ ` [ ] < > |}) backslash-escaped. Emphasis marks ({@code * _}) are left alone: they can
     * only restyle text, and escaping them would clutter every file name with an underscore.
     */
    public static String markdown(String text) {
        if (text == null) {
            return "";
        }
        String flat = text.replaceAll("\\s*[\\r\\n]+\\s*", " ").trim();
        StringBuilder out = new StringBuilder(flat.length() + 16);
        for (int i = 0; i < flat.length(); i++) {
            char ch = flat.charAt(i);
            if (isUnsafe(ch) && ch != '\t') {
                out.append('`' == ch ? "\\`" : visible(ch).replace("\\", "\\\\"));
            } else if (ch == '\t') {
                out.append(' ');
            } else if (MARKDOWN_SPECIALS.indexOf(ch) >= 0) {
                out.append('\\').append(ch);
            } else {
                out.append(ch);
            }
        }
        return out.toString();
    }

    private static boolean isUnsafe(char ch) {
        return ch < 0x20 || (ch >= 0x7F && ch <= 0x9F)
                || (ch >= 0x202A && ch <= 0x202E) || (ch >= 0x2066 && ch <= 0x2069) || ch == 0x200E || ch == 0x200F;
    }

    private static String visible(char ch) {
        return ch <= 0xFF ? String.format(Locale.ROOT, "\\x%02x", (int) ch) : String.format(Locale.ROOT, "\\u%04x", (int) ch);
    }
}
