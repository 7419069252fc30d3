package org.nathear.benchmarks;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.nathear.api.AudioClip;
import org.nathear.api.ChannelLayout;
import org.nathear.api.FrameEmbeddings;
import org.nathear.api.ModelOptions;
import org.nathear.api.audio.Signals;
import org.nathear.api.spi.OpenedModel;
import org.nathear.baselines.HearNaiveModel;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * HEAR-Naive on one thread: opening (generating its 4096 × 256 weights, {@link #open}) and the timestamp and
 * scene embeddings of {@link #clips} seeded noise clips (seeds 100, 101, …) of {@link #clipSeconds} each.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2)
@Measurement(iterations = 5)
@Fork(1)
public class HearNaiveBenchmark {
    @Param("10")
    public double clipSeconds;

    @Param("10")
    public int clips;

    private final HearNaiveModel plugin = new HearNaiveModel();
    private OpenedModel model;
    private List<AudioClip> batch;

    @Setup
    public void prepare() {
        batch = new ArrayList<>();
        for (int i = 0; i < clips; i++) {
            batch.add(Signals.noiseClip(100 + i, ChannelLayout.MONO, clipSeconds, HearNaiveModel.SAMPLE_RATE_HZ));
        }
        model = plugin.open(ModelOptions.NONE);
    }

    @Benchmark
    public OpenedModel open() {
        return plugin.open(ModelOptions.NONE);
    }

    @Benchmark
    public List<FrameEmbeddings> timestampEmbeddings() {
        return model.timestampEmbeddings(batch);
    }

    @Benchmark
    public float[][] sceneEmbeddings() {
        return model.sceneEmbeddings(batch);
    }
}
