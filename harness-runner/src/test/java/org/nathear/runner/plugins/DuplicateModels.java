package org.nathear.runner.plugins;

import java.util.List;
import java.util.Set;
import org.nathear.api.AudioClip;
import org.nathear.api.ChannelLayout;
import org.nathear.api.FrameEmbeddings;
import org.nathear.api.ModelDescriptor;
import org.nathear.api.ModelOptions;
import org.nathear.api.spi.ModelPlugin;
import org.nathear.api.spi.OpenedModel;

/** Two distinct plugin classes claiming one id; registered only inside jars the tests build. */
final class DuplicateModels {
    private DuplicateModels() {
    }

    public static class First implements ModelPlugin {
        @Override
        public ModelDescriptor descriptor() {
            return new ModelDescriptor("twin-model", "1", 16000, Set.of(ChannelLayout.MONO), 1, 1, 50, "");
        }

        @Override
        public OpenedModel open(ModelOptions options) {
            throw new AssertionError("listing and discovery must never open a model");
        }
    }

    public static class Second extends First {
    }

    /** Only used to satisfy the compiler for an unused-type check. */
    static List<FrameEmbeddings> none(List<AudioClip> clips) {
        return List.of();
    }
}
