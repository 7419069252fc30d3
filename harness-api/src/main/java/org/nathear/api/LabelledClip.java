package org.nathear.api;

/** A clip's id, its label and its audio. */
public record LabelledClip(String id, Label label, AudioClip audio) {
    public LabelledClip {
        new ClipRef(id, label);
        if (audio == null) {
            throw new TaskFormatException("Clip '" + id + "' has no audio");
        }
    }
}
