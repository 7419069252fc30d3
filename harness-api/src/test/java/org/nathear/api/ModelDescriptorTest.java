package org.nathear.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumSet;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** {@link ModelDescriptor}: what a plugin may declare, and the message when it may not. */
class ModelDescriptorTest {

    private static ModelDescriptor descriptor(String version, int rate, Set<ChannelLayout> layouts, int scene, int stamp,
                                              double hop) {
        return new ModelDescriptor("my-model", version, rate, layouts, scene, stamp, hop, null);
    }

    @Test
    void aValidDescriptorKeepsItsValuesAndAnEmptyDescription() {
        ModelDescriptor d = descriptor("1.0", 16000, Set.of(ChannelLayout.MONO), 128, 64, 50.0);
        assertEquals("my-model", d.id());
        assertEquals(16000, d.sampleRateHz());
        assertEquals("", d.description());
    }

    @Test
    void acceptsOnlyTheDeclaredLayouts() {
        ModelDescriptor d = descriptor("1.0", 16000, EnumSet.of(ChannelLayout.MONO, ChannelLayout.FOA), 8, 8, 10.0);
        assertTrue(d.accepts(ChannelLayout.FOA));
        assertFalse(d.accepts(ChannelLayout.BINAURAL));
    }

    @Test
    void theLayoutSetIsCopiedNotShared() {
        Set<ChannelLayout> layouts = new HashSet<>(Set.of(ChannelLayout.MONO));
        ModelDescriptor d = descriptor("1.0", 16000, layouts, 8, 8, 10.0);
        layouts.add(ChannelLayout.FOA);
        assertFalse(d.accepts(ChannelLayout.FOA));
    }

    @Test
    void aBlankVersionIsRejectedNamingTheModel() {
        PluginException e = assertThrows(PluginException.class,
                () -> descriptor(" ", 16000, Set.of(ChannelLayout.MONO), 8, 8, 10.0));
        assertTrue(e.getMessage().contains("'my-model' needs a version"), e.getMessage());
    }

    @Test
    void aNonPositiveRateIsRejectedWithTheValue() {
        PluginException e = assertThrows(PluginException.class,
                () -> descriptor("1", 0, Set.of(ChannelLayout.MONO), 8, 8, 10.0));
        assertTrue(e.getMessage().contains("got 0"), e.getMessage());
    }

    @Test
    void noLayoutIsRejected() {
        assertThrows(PluginException.class, () -> descriptor("1", 16000, Set.of(), 8, 8, 10.0));
    }

    @Test
    void aZeroEmbeddingSizeIsRejectedWithBothSizes() {
        PluginException e = assertThrows(PluginException.class,
                () -> descriptor("1", 16000, Set.of(ChannelLayout.MONO), 0, 8, 10.0));
        assertTrue(e.getMessage().contains("scene=0, timestamp=8"), e.getMessage());
    }

    @Test
    void aNaNHopIsRejected() {
        assertThrows(PluginException.class, () -> descriptor("1", 16000, Set.of(ChannelLayout.MONO), 8, 8, Double.NaN));
    }
}
