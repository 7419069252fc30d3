package org.nathear.tasks.spatial.scene;

import java.util.List;

/**
 * The impulse responses of one scene at the renderer's rate: source to receiver
 * ({@code [channel][sample]}) and each noise source to receiver.
 */
public record SceneImpulseResponses(float[][] source, List<float[][]> noise) {
    public SceneImpulseResponses {
        noise = List.copyOf(noise);
    }
}
