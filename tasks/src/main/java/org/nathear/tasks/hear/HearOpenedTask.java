package org.nathear.tasks.hear;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import org.nathear.api.AudioClip;
import org.nathear.api.AudioFormatException;
import org.nathear.api.ClipRef;
import org.nathear.api.Label;
import org.nathear.api.TaskDescriptor;
import org.nathear.api.TaskFormatException;
import org.nathear.api.audio.Resampler;
import org.nathear.api.audio.WavData;
import org.nathear.api.audio.WavFiles;
import org.nathear.api.spi.OpenedTask;

/**
 * A validated HEAR task folder. Immutable and safe to share between threads.
 *
 * <p>Audio at a requested rate comes from that rate's folder when the task has it. Otherwise it is
 * read from the lowest rate folder at or above the requested rate (it carries every frequency the
 * requested rate can hold, at the least resampling cost) or, when every folder is below the
 * requested rate, from the highest one, and resampled with {@link Resampler}.
 */
public final class HearOpenedTask implements OpenedTask {
    /** The fewest frames a clip may have: 0- and 1-frame files are rejected, naming the file. */
    public static final int MIN_FRAMES = 2;
    private final TaskDescriptor descriptor;
    private final Path folder;
    private final Map<String, Map<String, ClipRef>> clipsBySplit;
    private final List<Integer> ratesHz;

    HearOpenedTask(TaskDescriptor descriptor, Path folder, Map<String, SortedMap<String, Label>> labels,
                   List<Integer> ratesHz) {
        this.descriptor = descriptor;
        this.folder = folder;
        Map<String, Map<String, ClipRef>> bySplit = new LinkedHashMap<>();
        labels.forEach((split, clips) -> {
            Map<String, ClipRef> refs = new LinkedHashMap<>();
            clips.forEach((id, label) -> refs.put(id, new ClipRef(id, label)));
            bySplit.put(split, refs);
        });
        this.clipsBySplit = bySplit;
        this.ratesHz = List.copyOf(ratesHz);
    }

    @Override
    public TaskDescriptor descriptor() {
        return descriptor;
    }

    @Override
    public List<ClipRef> clips(String split) {
        return List.copyOf(clipsOf(split).values());
    }

    @Override
    public AudioClip audio(String split, String clipId, int sampleRateHz) {
        Path file = audioFile(split, clipId, sampleRateHz);
        int sourceHz = sourceRateHz(sampleRateHz);
        WavData wav = WavFiles.read(file);
        if (wav.sampleRateHz() != sourceHz) {
            throw new AudioFormatException(file + ": the WAV header says " + wav.sampleRateHz()
                    + " Hz but the file lies in rate folder " + sourceHz + "/; expected " + sourceHz + " Hz");
        }
        int expected = descriptor.layout().channelCount();
        if (wav.channelCount() != expected) {
            throw new AudioFormatException(file + ": has " + wav.channelCount() + " channel(s) but task '"
                    + descriptor.id() + "' has layout " + descriptor.layout() + " (" + expected + " channel(s)); "
                    + "set \"channel_layout\" (mono, binaural or foa) in " + HearFormat.METADATA_FILE + " to match the audio");
        }
        if (wav.frameCount() < MIN_FRAMES) {
            throw new AudioFormatException(file + ": holds " + wav.frameCount() + " frame(s) of audio; a clip needs at least "
                    + MIN_FRAMES + " (an empty or one-sample file cannot be embedded or scored)");
        }
        Label label = clipsOf(split).get(clipId).label();
        if (label instanceof Label.EventLabels events) {
            double clipMillis = wav.frameCount() * 1000.0 / wav.sampleRateHz();
            for (int i = 0; i < events.events().size(); i++) {
                ClipEvents.check(events.events().get(i), i, clipMillis,
                        folder.resolve(HearFormat.splitFileName(split)) + ": clip '" + clipId + "'", "the length of " + file);
            }
        }
        return Resampler.resample(wav.toClip(descriptor.layout()), sampleRateHz);
    }

    /** The rate folders of the task, ascending, in Hz. */
    public List<Integer> availableRatesHz() {
        return ratesHz;
    }

    /**
     * The rate folder audio at {@code requestedHz} is read from: the requested rate when present,
     * else the lowest rate above it, else the highest rate.
     */
    public int sourceRateHz(int requestedHz) {
        if (requestedHz <= 0) {
            throw new AudioFormatException("Task '" + descriptor.id() + "': requested sample rate must be positive; got "
                    + requestedHz + " Hz");
        }
        for (int rate : ratesHz) {
            if (rate >= requestedHz) {
                return rate;
            }
        }
        return ratesHz.get(ratesHz.size() - 1);
    }

    /** The WAV file {@link #audio} reads for this clip and requested rate. */
    public Path audioFile(String split, String clipId, int requestedHz) {
        if (!clipsOf(split).containsKey(clipId)) {
            throw new TaskFormatException("Task '" + descriptor.id() + "' has no clip '" + clipId + "' in split '" + split
                    + "' (" + folder.resolve(HearFormat.splitFileName(split)) + ")");
        }
        return folder.resolve(Integer.toString(sourceRateHz(requestedHz))).resolve(split).resolve(clipId);
    }

    @Override
    public Optional<Path> audioSource(String split, String clipId, int sampleRateHz) {
        return Optional.of(audioFile(split, clipId, sampleRateHz));
    }

    @Override
    public List<Path> storedFiles(String split, String clipId) {
        List<Path> files = new ArrayList<>(ratesHz.size());
        for (int rate : ratesHz) {
            files.add(audioFile(split, clipId, rate));
        }
        return files;
    }

    private Map<String, ClipRef> clipsOf(String split) {
        Map<String, ClipRef> clips = clipsBySplit.get(split);
        if (clips == null) {
            throw new TaskFormatException("Task '" + descriptor.id() + "' has no split '" + split + "'; its splits are "
                    + new ArrayList<>(clipsBySplit.keySet()));
        }
        return clips;
    }

    @Override
    public String toString() {
        return "HearOpenedTask[" + descriptor.id() + " at " + folder + "]";
    }
}
