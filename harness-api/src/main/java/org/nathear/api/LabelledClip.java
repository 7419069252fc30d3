package org.nathear.api;

/** A clip's id, its label and its audio. */
public record LabelledClip(String id, Label label, AudioClip audio) {
    /** Checks the id and label (as {@link ClipRef} does) and that audio is given. */
    public LabelledClip {
        new ClipRef(id, label);
        if (audio == null) {
            throw new TaskFormatException("Clip '" + id + "' has no audio");
        }
    }
}
