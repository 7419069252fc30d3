package org.nathear.runner.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Set;
import org.junit.jupiter.api.Test;
import org.nathear.api.AudioClip;
import org.nathear.api.ChannelLayout;
import org.nathear.api.ConfigurationException;
import org.nathear.api.ModelDescriptor;

class ChannelAdapterTest {
    private static ModelDescriptor model(ChannelLayout... layouts) {
        return new ModelDescriptor("m-test", "1", 16000, Set.of(layouts), 4, 4, 50, "");
    }

    @Test
    void monoModelHearsTheMeanOfABinauralPair() {
        AudioClip clip = new AudioClip(new float[][] {{1f, 0.5f}, {0f, -0.5f}}, 16000, ChannelLayout.BINAURAL);
        ChannelAdapter adapter = ChannelAdapter.choose(ChannelLayout.BINAURAL, model(ChannelLayout.MONO));
        AudioClip out = adapter.apply(clip);
        assertEquals(ChannelLayout.MONO, out.layout());
        assertArrayEquals(new float[] {0.5f, 0f}, out.channel(0));
    }

    @Test
    void monoModelHearsTheOmnidirectionalChannelOfAmbisonics() {
        AudioClip clip = new AudioClip(new float[][] {{0.1f}, {0.2f}, {0.3f}, {0.4f}}, 16000, ChannelLayout.FOA);
        AudioClip out = ChannelAdapter.choose(ChannelLayout.FOA, model(ChannelLayout.MONO)).apply(clip);
        assertArrayEquals(new float[] {0.1f}, out.channel(0));
    }

    @Test
    void spatialModelsGetMonoDuplicatedOrInW() {
        AudioClip mono = AudioClip.mono(new float[] {0.25f, -0.25f}, 16000);
        AudioClip binaural = ChannelAdapter.choose(ChannelLayout.MONO, model(ChannelLayout.BINAURAL)).apply(mono);
        assertArrayEquals(mono.channel(0), binaural.channel(1));
        ChannelAdapter foa = ChannelAdapter.choose(ChannelLayout.MONO, model(ChannelLayout.FOA));
        AudioClip ambi = foa.apply(mono);
        assertArrayEquals(mono.channel(0), ambi.channel(0));
        assertArrayEquals(new float[2], ambi.channel(3));
        assertEquals("mono->foa: signal in W, zeros in Y, Z, X", foa.rule());
    }

    @Test
    void acceptedLayoutsPassAsIs() {
        assertEquals("as-is", ChannelAdapter.choose(ChannelLayout.FOA, model(ChannelLayout.FOA, ChannelLayout.MONO)).rule());
    }

    @Test
    void binauralOnlyModelOnAmbisonicsIsRejectedWithTheReason() {
        ConfigurationException e = assertThrows(ConfigurationException.class,
                () -> ChannelAdapter.choose(ChannelLayout.FOA, model(ChannelLayout.BINAURAL)));
        assertEquals(true, e.getMessage().contains("no rule to adapt FOA"), e.getMessage());
    }

    /** The run engine skips (rather than fails) exactly the cells no rule can serve. */
    @Test
    void canAdaptIsFalseOnlyForASpatialTaskThatTheModelCannotTakeNorMono() {
        assertEquals(false, ChannelAdapter.canAdapt(ChannelLayout.FOA, model(ChannelLayout.BINAURAL)));
        assertEquals(false, ChannelAdapter.canAdapt(ChannelLayout.BINAURAL, model(ChannelLayout.FOA)));
        assertEquals(true, ChannelAdapter.canAdapt(ChannelLayout.BINAURAL, model(ChannelLayout.BINAURAL)));
        assertEquals(true, ChannelAdapter.canAdapt(ChannelLayout.FOA, model(ChannelLayout.FOA, ChannelLayout.MONO)));
        assertEquals(true, ChannelAdapter.canAdapt(ChannelLayout.FOA, model(ChannelLayout.MONO)));
        assertEquals(true, ChannelAdapter.canAdapt(ChannelLayout.MONO, model(ChannelLayout.BINAURAL)));
        assertEquals(true, ChannelAdapter.canAdapt(ChannelLayout.MONO, model(ChannelLayout.FOA)));
    }
}
