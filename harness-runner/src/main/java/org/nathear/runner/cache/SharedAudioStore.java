package org.nathear.runner.cache;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.nathear.api.AudioClip;
import org.nathear.api.ChannelLayout;
import org.nathear.api.HarnessException;
import org.nathear.api.util.Hashing;

/**
 * A run's store of decoded and resampled task audio, so a clip is decoded and resampled once per
 * sample rate however many models of the run use that rate. It lives in the run's private work
 * folder ({@link WorkFolder}) and is removed with it; nothing in it outlives the run.
 *
 * <p>A clip is stored under a key of (the hash of its stored source file, the rate, the task's
 * channel layout, the harness audio path's version), as raw little-endian float32 samples after a
 * small header, so reading it back gives the same floats bit for bit. Clips are grouped by
 * (task, rate): the run says how many cells will read each group ({@link #expectUses}); a clip is
 * stored only while another cell still needs it, and a group's files are deleted when its last cell
 * is done ({@link #used}). A group the run announced no uses for is never stored. The store holds at
 * most half of the disk space that was free where it lies when it first wrote (or the budget it is
 * given); past that, clips are simply not stored (those cells decode their own audio, as without
 * the store).
 *
 * <p>On disk rather than in memory because a run goes model by model over all tasks: the next model
 * at the same rate needs the audio of every task, far more than a memory budget holds for real
 * tasks, and the operating system's page cache keeps a small run's files in memory anyway.
 */
public final class SharedAudioStore {
    private static final int MAGIC = 0x4e484131; // "NHA1"
    private static final int HEADER_BYTES = 16;

    private final Path root;
    private final Map<String, AtomicInteger> usesLeft = new ConcurrentHashMap<>();
    private final AtomicLong stored = new AtomicLong();
    private final AtomicLong reads = new AtomicLong();
    private final Map<String, AtomicLong> groupBytes = new ConcurrentHashMap<>();
    private final AtomicLong bytes = new AtomicLong();
    private long budgetBytes;

    /** A store in {@code root} (created on first write); {@code root} should lie in a private work folder. */
    public SharedAudioStore(Path root) {
        this(root, -1);
    }

    /**
     * @param budgetBytes the most bytes to hold at once, or negative for half the free space at the first write
     */
    public SharedAudioStore(Path root, long budgetBytes) {
        this.root = root;
        this.budgetBytes = budgetBytes;
    }

    /** The group of a task's audio at one rate. */
    public static String group(String taskId, int sampleRateHz) {
        return taskId + "@" + sampleRateHz;
    }

    /** The key of one clip's audio: its source file's hash, the rate, the task layout and the audio path's version. */
    public static String key(String sourceHash, int sampleRateHz, ChannelLayout layout, String frontEndVersion) {
        return Hashing.sha256("source=" + sourceHash + "\nrate=" + sampleRateHz + "\nlayout=" + layout
                + "\nfrontEnd=" + frontEndVersion);
    }

    /** Announces that {@code cells} more cells of the run will read {@code group}. */
    public void expectUses(String group, int cells) {
        usesLeft.computeIfAbsent(group, g -> new AtomicInteger()).addAndGet(cells);
    }

    /** Whether a clip of {@code group} read now should be stored: another announced cell will read it later. */
    public boolean worthStoring(String group) {
        AtomicInteger left = usesLeft.get(group);
        return left != null && left.get() > 1;
    }

    /** One cell is done with {@code group}; after the last announced one the group's files are deleted. */
    public void used(String group) {
        AtomicInteger left = usesLeft.get(group);
        if (left != null && left.decrementAndGet() <= 0) {
            usesLeft.remove(group);
            WorkFolder.deleteTree(folder(group));
            AtomicLong freed = groupBytes.remove(group);
            if (freed != null) {
                bytes.addAndGet(-freed.get());
            }
        }
    }

    /** The stored clip, or empty when it is not (or no longer) stored. */
    public Optional<AudioClip> get(String group, String key) {
        Path file = file(group, key);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = ch.size();
            ByteBuffer header = ByteBuffer.allocate(HEADER_BYTES).order(ByteOrder.LITTLE_ENDIAN);
            readFully(ch, header);
            header.flip();
            int magic = header.getInt();
            int rate = header.getInt();
            int layoutIndex = header.getInt();
            int frames = header.getInt();
            ChannelLayout[] layouts = ChannelLayout.values();
            if (magic != MAGIC || layoutIndex < 0 || layoutIndex >= layouts.length || frames < 0) {
                throw new HarnessException("Shared audio file " + file + " has a bad header; the run's work folder was "
                        + "changed while the run was going");
            }
            ChannelLayout layout = layouts[layoutIndex];
            long expected = HEADER_BYTES + 4L * frames * layout.channelCount();
            if (size != expected) {
                throw new HarnessException("Shared audio file " + file + " holds " + size + " bytes, expected " + expected
                        + "; the run's work folder was changed while the run was going");
            }
            float[][] samples = new float[layout.channelCount()][frames];
            ByteBuffer body = ByteBuffer.allocateDirect((int) Math.min(expected - HEADER_BYTES, 1 << 22)).order(ByteOrder.LITTLE_ENDIAN);
            for (float[] channel : samples) {
                int done = 0;
                while (done < frames) {
                    body.clear();
                    body.limit(Math.min(body.capacity(), (frames - done) * 4));
                    readFully(ch, body);
                    body.flip();
                    int n = body.remaining() / 4;
                    body.asFloatBuffer().get(channel, done, n);
                    done += n;
                }
            }
            reads.incrementAndGet();
            return Optional.of(new AudioClip(samples, rate, layout));
        } catch (IOException e) {
            throw new HarnessException("Cannot read shared audio file " + file + ": " + e, e);
        }
    }

    /**
     * Stores a clip (atomically: a reader sees the whole file or none), unless that would pass the
     * budget.
     *
     * @return whether it was stored
     */
    public boolean put(String group, String key, AudioClip clip) {
        Path file = file(group, key);
        long size = HEADER_BYTES + 4L * clip.frameCount() * clip.channelCount();
        try {
            Files.createDirectories(file.getParent());
            synchronized (this) {
                if (budgetBytes < 0) {
                    budgetBytes = Files.getFileStore(file.getParent()).getUsableSpace() / 2;
                }
                if (bytes.get() + size > budgetBytes) {
                    return false;
                }
                bytes.addAndGet(size);
                groupBytes.computeIfAbsent(group, g -> new AtomicLong()).addAndGet(size);
            }
            Path tmp = Files.createTempFile(file.getParent(), "audio-", ".tmp");
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
                ByteBuffer header = ByteBuffer.allocate(HEADER_BYTES).order(ByteOrder.LITTLE_ENDIAN);
                header.putInt(MAGIC).putInt(clip.sampleRateHz()).putInt(clip.layout().ordinal()).putInt(clip.frameCount());
                header.flip();
                writeFully(ch, header);
                ByteBuffer body = ByteBuffer.allocateDirect(Math.min(4 * clip.frameCount(), 1 << 22)).order(ByteOrder.LITTLE_ENDIAN);
                int perChunk = body.capacity() / 4;
                for (float[] channel : clip.samples()) {
                    for (int from = 0; from < channel.length; from += perChunk) {
                        int n = Math.min(perChunk, channel.length - from);
                        body.clear();
                        body.asFloatBuffer().put(channel, from, n);
                        body.limit(4 * n);
                        writeFully(ch, body);
                    }
                }
            }
            try {
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
            stored.incrementAndGet();
            return true;
        } catch (IOException e) {
            throw new HarnessException("Cannot write shared audio to " + file + ": " + e
                    + ". Check free space where the run's work folder lies (--cache-dir)", e);
        }
    }

    /** Clips written so far. */
    public long storedCount() {
        return stored.get();
    }

    /** Clips read back so far (each one a decode and resample saved). */
    public long readCount() {
        return reads.get();
    }

    /** Bytes held now. */
    public long bytesHeld() {
        return bytes.get();
    }

    /** Deletes every stored clip. */
    public void clear() {
        usesLeft.clear();
        groupBytes.clear();
        bytes.set(0);
        WorkFolder.deleteTree(root);
    }

    private Path folder(String group) {
        return root.resolve(Hashing.sha256(group).substring(0, 16));
    }

    private Path file(String group, String key) {
        return folder(group).resolve(key + ".f32");
    }

    private static void readFully(FileChannel ch, ByteBuffer buffer) throws IOException {
        while (buffer.hasRemaining()) {
            if (ch.read(buffer) < 0) {
                throw new IOException("unexpected end of file");
            }
        }
    }

    private static void writeFully(FileChannel ch, ByteBuffer buffer) throws IOException {
        while (buffer.hasRemaining()) {
            ch.write(buffer);
        }
    }
}
