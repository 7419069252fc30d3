package org.nathear.spark;

import java.util.List;
import java.util.Set;
import org.nathear.api.AudioClip;
import org.nathear.api.ChannelLayout;
import org.nathear.api.FrameEmbeddings;
import org.nathear.api.ModelDescriptor;
import org.nathear.api.ModelException;
import org.nathear.api.ModelOptions;
import org.nathear.api.spi.ModelPlugin;
import org.nathear.api.spi.OpenedModel;

/**
 * A model (found by ServiceLoader on the test class path, so executors discover it as the driver
 * does) that opens but refuses every call with its own message: its cells must fail with that
 * message on Spark exactly as in a local run.
 */
public final class RefusingTestModel implements ModelPlugin {
    public static final String ID = "refusing-test";
    static final ModelDescriptor DESCRIPTOR = new ModelDescriptor(ID, "1", 16000, Set.of(ChannelLayout.MONO), 8, 8, 50.0,
            "test model whose every call fails");

    @Override
    public ModelDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public OpenedModel open(ModelOptions options) {
        return new OpenedModel() {
            @Override
            public ModelDescriptor descriptor() {
                return DESCRIPTOR;
            }

            @Override
            public float[][] sceneEmbeddings(List<AudioClip> clips) {
                throw new ModelException("refusing-test: no embeddings for " + clips.size() + " clip(s) (by design)");
            }

            @Override
            public List<FrameEmbeddings> timestampEmbeddings(List<AudioClip> clips) {
                throw new ModelException("refusing-test: no frames for " + clips.size() + " clip(s) (by design)");
            }
        };
    }
}
