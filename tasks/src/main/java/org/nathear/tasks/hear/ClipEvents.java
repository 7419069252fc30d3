package org.nathear.tasks.hear;

import java.util.Locale;
import org.nathear.api.Label;
import org.nathear.api.TaskFormatException;

/**
 * Checks that an event label fits the clip it annotates. An event may run past the clip's end (a
 * note held over the cut), but it must start inside the clip and end at most one clip length after
 * it: anything else is a unit mistake (microseconds for milliseconds) or a damaged label, and would
 * otherwise be scored silently as frames that never occur.
 */
final class ClipEvents {
    private ClipEvents() {
    }

    /**
     * @param clipMillis the clip's length in milliseconds
     * @param where      the file and clip, for the message
     * @param lengthFrom where the clip length came from (the metadata field or the WAV file)
     */
    static void check(Label.Event event, int index, double clipMillis, String where, String lengthFrom) {
        if (event.startMillis() > clipMillis || event.endMillis() > 2 * clipMillis) {
            throw new TaskFormatException(String.format(Locale.ROOT,
                    "%s event %d ('%s'): %s..%s ms lies outside the clip of %s ms (%s); an event must start inside the "
                            + "clip and end at most one clip length after its end. Are the times in milliseconds?",
                    where, index, event.name(), num(event.startMillis()), num(event.endMillis()), num(clipMillis),
                    lengthFrom));
        }
    }

    private static String num(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }
}
