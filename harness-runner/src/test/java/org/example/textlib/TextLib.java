package org.example.textlib;

/**
 * Stands in for a third-party library that the harness uses in version 1.0. The class-loader tests
 * give a plugin its own version 2.0 of this class (with a method that 1.0 lacks) and check that each
 * side sees its own.
 */
public final class TextLib {
    private TextLib() {
    }

    public static String version() {
        return "1.0";
    }
}
