package org.nathear.gram.train;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.nathear.api.ConfigurationException;
import org.nathear.api.HarnessException;
import org.nathear.api.audio.Resampler;
import org.nathear.api.audio.WavData;
import org.nathear.api.audio.WavFiles;
import org.nathear.api.util.Hashing;

/**
 * A folder of audio files used as a pre-training corpus: every {@code *.wav} below it (sorted by
 * path), read with {@link WavFiles}. The first channel of each file is the mono source (as the
 * reference takes AudioSet's first channel), resampled to the training rate.
 *
 * <p>{@link #scan} reads every file once and keeps the usable ones; it skips, and counts, files that
 * are not WAV, cannot be decoded, are shorter than the minimum duration, or are digitally silent, so
 * a bad file never stops a run. If a usable file later fails to load (e.g. deleted mid-run), the
 * next usable file takes its place and {@link #failedLoads()} counts it. Loaded clips are kept in a
 * bounded least-recently-used cache.
 */
public final class AudioCorpus {
    private final Path root;
    private final List<Path> files;
    private final int sampleRateHz;
    private final Map<String, Integer> skipped;
    private final List<String> skipExamples;
    private final long cacheSamples;
    private final LinkedHashMap<Integer, float[]> cache = new LinkedHashMap<>(16, 0.75f, true);
    private long cachedSamples;
    private int failedLoads;

    private AudioCorpus(Path root, List<Path> files, int sampleRateHz, Map<String, Integer> skipped, List<String> skipExamples,
                        long cacheSamples) {
        this.root = root;
        this.files = files;
        this.sampleRateHz = sampleRateHz;
        this.skipped = skipped;
        this.skipExamples = skipExamples;
        this.cacheSamples = cacheSamples;
    }

    /**
     * Scans {@code root}. Files shorter than {@code minSeconds} are skipped.
     *
     * @param cacheSamples  how many samples (at {@code sampleRateHz}) to keep in memory
     */
    public static AudioCorpus scan(Path root, int sampleRateHz, double minSeconds, long cacheSamples) {
        if (!Files.isDirectory(root)) {
            throw new ConfigurationException("Training data folder " + root + " does not exist or is not a folder");
        }
        List<Path> all;
        try (Stream<Path> walk = Files.walk(root)) {
            all = walk.filter(Files::isRegularFile).sorted().toList();
        } catch (IOException e) {
            throw new ConfigurationException("Cannot list training data in " + root + ": " + e, e);
        }
        Map<String, Integer> skipped = new LinkedHashMap<>();
        List<String> examples = new ArrayList<>();
        List<Path> usable = new ArrayList<>();
        for (Path f : all) {
            String name = f.getFileName().toString();
            if (name.startsWith(".")) {
                continue;
            }
            if (!name.toLowerCase(Locale.ROOT).endsWith(".wav")) {
                skip(skipped, examples, "not a .wav file", f, null);
                continue;
            }
            WavData d;
            try {
                d = WavFiles.read(f);
            } catch (HarnessException e) {
                skip(skipped, examples, "unreadable", f, e.getMessage());
                continue;
            }
            if (d.frameCount() == 0 || d.frameCount() < minSeconds * d.sampleRateHz()) {
                skip(skipped, examples, String.format(Locale.ROOT, "shorter than %.2f s", minSeconds), f,
                        String.format(Locale.ROOT, "%.3f s", d.frameCount() / (double) d.sampleRateHz()));
                continue;
            }
            boolean silent = true;
            for (float v : d.samples()[0]) {
                if (v != 0f) {
                    silent = false;
                    break;
                }
            }
            if (silent) {
                skip(skipped, examples, "silent", f, null);
                continue;
            }
            usable.add(f);
        }
        return new AudioCorpus(root, Collections.unmodifiableList(usable), sampleRateHz, skipped, examples, cacheSamples);
    }

    private static void skip(Map<String, Integer> skipped, List<String> examples, String reason, Path file, String detail) {
        int n = skipped.merge(reason, 1, Integer::sum);
        if (n <= 3) {
            examples.add(file + ": " + reason + (detail == null ? "" : " (" + detail + ")"));
        }
    }

    /** Usable files. */
    public int size() {
        return files.size();
    }

    public List<Path> files() {
        return files;
    }

    public Path root() {
        return root;
    }

    /** Skipped files by reason. */
    public Map<String, Integer> skipped() {
        return Collections.unmodifiableMap(skipped);
    }

    /** Total skipped files. */
    public int skippedCount() {
        return skipped.values().stream().mapToInt(Integer::intValue).sum();
    }

    /** Up to three examples per skip reason, each naming the file. */
    public List<String> skipExamples() {
        return Collections.unmodifiableList(skipExamples);
    }

    /** Usable files that failed to load after the scan. */
    public synchronized int failedLoads() {
        return failedLoads;
    }

    /** One line: folder, usable count, skip counts. */
    public String describe() {
        return root + ": " + files.size() + " usable file(s)" + (skipped.isEmpty() ? "" : ", skipped " + skipped);
    }

    /** A fingerprint of the usable file list (relative paths and sizes), for provenance. */
    public String fingerprint() {
        StringBuilder sb = new StringBuilder();
        for (Path f : files) {
            long size;
            try {
                size = Files.size(f);
            } catch (IOException e) {
                size = -1;
            }
            sb.append(root.relativize(f)).append('\t').append(size).append('\n');
        }
        return Hashing.sha256(sb.toString());
    }

    /**
     * The mono source of usable file {@code index} at the corpus rate. If it cannot be read any more,
     * the next usable file that can is returned instead (and counted).
     */
    public float[] load(int index) {
        if (files.isEmpty()) {
            throw new ConfigurationException("Training corpus " + root + " has no usable audio");
        }
        for (int attempt = 0; attempt < files.size(); attempt++) {
            int i = (index + attempt) % files.size();
            synchronized (this) {
                float[] hit = cache.get(i);
                if (hit != null) {
                    return hit;
                }
            }
            try {
                WavData d = WavFiles.read(files.get(i));
                float[] mono = d.samples()[0];
                if (d.sampleRateHz() != sampleRateHz) {
                    mono = Resampler.resample(mono, d.sampleRateHz(), sampleRateHz);
                }
                synchronized (this) {
                    if (mono.length <= cacheSamples) {
                        cache.put(i, mono);
                        cachedSamples += mono.length;
                        var it = cache.entrySet().iterator();
                        while (cachedSamples > cacheSamples && it.hasNext()) {
                            var e = it.next();
                            if (e.getKey() == i) {
                                continue;
                            }
                            cachedSamples -= e.getValue().length;
                            it.remove();
                        }
                    }
                }
                return mono;
            } catch (HarnessException e) {
                synchronized (this) {
                    failedLoads++;
                }
            }
        }
        throw new ConfigurationException("No file of training corpus " + root + " can be read any more");
    }
}
