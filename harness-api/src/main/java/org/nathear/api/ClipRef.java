package org.nathear.api;

/** A clip's id (its file name, e.g. {@code 1a2b.wav}) and its label, without audio. */
public record ClipRef(String id, Label label) {
    /** Checks that the clip has a non-blank id and a label. */
    public ClipRef {
        if (id == null || id.isBlank()) {
            throw new TaskFormatException("A clip needs a non-empty id");
        }
        if (label == null) {
            throw new TaskFormatException("Clip '" + id + "' has no label");
        }
    }
}
