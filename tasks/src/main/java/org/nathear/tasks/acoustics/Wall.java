package org.nathear.tasks.acoustics;

/** The six walls of a shoebox room, in the order absorption tables use. */
public enum Wall {
    /** The wall at x = 0. */
    X_NEAR,
    /** The wall at x = length. */
    X_FAR,
    /** The wall at y = 0. */
    Y_NEAR,
    /** The wall at y = width. */
    Y_FAR,
    /** z = 0. */
    FLOOR,
    /** z = height. */
    CEILING
}
