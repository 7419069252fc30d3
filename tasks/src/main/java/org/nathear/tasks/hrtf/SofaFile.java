package org.nathear.tasks.hrtf;

import io.jhdf.HdfFile;
import io.jhdf.api.Attribute;
import io.jhdf.api.Dataset;
import io.jhdf.api.Node;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.nathear.api.ConfigurationException;
import org.nathear.api.HarnessException;
import org.nathear.tasks.acoustics.Vec3;

/**
 * Reads HRIRs from a SOFA file (AES69, convention {@code SimpleFreeFieldHRIR}; HDF5, read with jHDF).
 *
 * <p>Variables used: {@code Data.IR} {@code [M][2][N]} (receiver 0 is the left ear unless
 * {@code ReceiverPosition} says otherwise), {@code Data.SamplingRate}, {@code SourcePosition}
 * {@code [M][3]} — spherical (azimuth counter-clockwise from the front, elevation, in degrees; the
 * SOFA convention, the same as nathear's) or cartesian (x front, y left, z up) per its {@code Type}
 * attribute — and, when present, {@code Data.Delay} (broadband delays in samples, added to the
 * responses) and {@code ListenerView} (only {@code [1, 0, 0]}, a listener facing +x, is supported).
 *
 * <p>Which receiver is the left ear is decided by the data: at the measurement nearest to +90°
 * azimuth (the left side) the left ear carries more energy, and at −90° less. {@code ReceiverPosition}
 * is used only when the data are ambiguous (less than 3 dB either way): some files get it wrong
 * ({@code FHK_HRIR_L2354.sofa} lists the left ear at −y although its data put it at +y).
 */
public final class SofaFile {
    private SofaFile() {
    }

    /** The file's HRIRs at the file's own rate. */
    public static MeasuredHrtf read(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new ConfigurationException("SOFA file " + file + " does not exist or is not a file");
        }
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (java.io.IOException | OutOfMemoryError e) {
            throw new ConfigurationException("Cannot read SOFA file " + file + ": " + e, e);
        }
        // Parsed from memory, not through a FileChannel: jHDF then slices the bytes it was given
        // instead of allocating a buffer of whatever size a (damaged) object header declares. Found by
        // fuzzing: a 900-byte file made it allocate gigabytes (OutOfMemoryError with a smaller heap).
        try (HdfFile hdf = HdfFile.fromBytes(bytes)) {
            return read(hdf, file);
        } catch (HarnessException e) {
            if (e.getMessage() != null && e.getMessage().contains(file.toString())) {
                throw e;
            }
            throw new ConfigurationException("SOFA file " + file + ": " + e.getMessage(), e); // e.g. a check of MeasuredHrtf
        } catch (RuntimeException e) {
            throw new ConfigurationException("Cannot read SOFA file " + file + " (HDF5 via jHDF): " + e.getMessage()
                    + "; expected an AES69 SimpleFreeFieldHRIR file", e);
        }
    }

    /**
     * A SOFA file shipped as a class-path resource (e.g. the built-in MIT KEMAR set), read from memory.
     *
     * @param resource  absolute resource name, e.g. {@code /org/nathear/tasks/hrtf/MIT_KEMAR_normal_pinna.sofa}
     */
    public static MeasuredHrtf readResource(String resource) {
        byte[] bytes;
        try (java.io.InputStream in = SofaFile.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new ConfigurationException("Built-in SOFA file " + resource + " is missing from the class path; "
                        + "the nathear-tasks jar is incomplete (rebuild it)");
            }
            bytes = in.readAllBytes();
        } catch (java.io.IOException e) {
            throw new ConfigurationException("Cannot read built-in SOFA file " + resource + ": " + e, e);
        }
        Path name = Path.of(resource.substring(resource.lastIndexOf('/') + 1));
        try (HdfFile hdf = HdfFile.fromBytes(bytes)) {
            return read(hdf, name);
        } catch (HarnessException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new ConfigurationException("Cannot read built-in SOFA file " + resource + " (HDF5 via jHDF): " + e.getMessage(), e);
        }
    }

    private static MeasuredHrtf read(HdfFile hdf, Path file) {
        Dataset ir = dataset(hdf, "Data.IR", file);
        Dataset rate = dataset(hdf, "Data.SamplingRate", file);
        Dataset positions = dataset(hdf, "SourcePosition", file);
        int[] dims = ir.getDimensions();
        if (dims.length != 3 || dims[1] != 2 || dims[0] < 1 || dims[2] < 1) {
            throw new ConfigurationException(file + ": Data.IR has shape " + java.util.Arrays.toString(dims)
                    + "; expected [M measurements][2 ears][N samples]");
        }
        int m = dims[0];
        int n = dims[2];
        double fs = firstNumber(rate.getDataFlat(), "Data.SamplingRate", file);
        if (!(fs >= 8000 && fs <= 384000) || fs != Math.rint(fs)) {
            throw new ConfigurationException(file + ": Data.SamplingRate is " + fs + "; expected a whole number of Hz");
        }
        double[] pos = doubles(positions.getDataFlat(), "SourcePosition", file);
        if (pos.length != 3 * m && pos.length != 3) {
            throw new ConfigurationException(file + ": SourcePosition has " + pos.length + " values; expected [" + m + "][3]");
        }
        requireFinite(pos, "SourcePosition", file);
        String type = textAttribute(positions, "Type");
        boolean cartesian = type != null && type.trim().toLowerCase(Locale.ROOT).startsWith("cartesian");
        checkListenerView(hdf, file);
        double[] data = doubles(ir.getDataFlat(), "Data.IR", file);
        requireFinite(data, "Data.IR", file);
        double[] delays = hdf.getChildren().containsKey("Data.Delay")
                ? doubles(dataset(hdf, "Data.Delay", file).getDataFlat(), "Data.Delay", file) : new double[] {0, 0};
        int leftIndex = leftEarIndex(hdf, file, data, pos, m, n, cartesian);
        int maxDelay = 0;
        for (double d : delays) {
            if (!(d >= 0) || d != Math.rint(d) || d > fs) {
                throw new ConfigurationException(file + ": Data.Delay holds " + d + "; expected whole non-negative samples,"
                        + " at most one second (" + (long) fs + ")");
            }
            maxDelay = Math.max(maxDelay, (int) d);
        }
        List<Vec3> directions = new ArrayList<>(m);
        List<HrirPair> pairs = new ArrayList<>(m);
        for (int i = 0; i < m; i++) {
            int p = pos.length == 3 ? 0 : 3 * i;
            Vec3 d = cartesian ? new Vec3(pos[p], pos[p + 1], pos[p + 2]) : Vec3.fromDegrees(pos[p], pos[p + 1]);
            directions.add(d);
            float[][] ears = new float[2][n + maxDelay];
            for (int r = 0; r < 2; r++) {
                int delay = (int) delay(delays, i, r, m, file);
                int ear = r == leftIndex ? 0 : 1;
                for (int k = 0; k < n; k++) {
                    ears[ear][k + delay] = (float) data[(i * 2 + r) * n + k];
                }
            }
            pairs.add(new HrirPair(ears[0], ears[1]));
        }
        return new MeasuredHrtf("sofa:" + file.getFileName(), (int) fs, directions, pairs);
    }

    /** Found by fuzzing: NaN positions or samples used to fail later, in MeasuredHrtf, without the file's path. */
    private static void requireFinite(double[] values, String dataset, Path file) {
        for (int i = 0; i < values.length; i++) {
            if (!Double.isFinite(values[i])) {
                throw new ConfigurationException(file + ": " + dataset + " value " + i + " is " + values[i]
                        + "; expected finite numbers");
            }
        }
    }

    private static double delay(double[] delays, int measurement, int receiver, int m, Path file) {
        if (delays.length == 2) {
            return delays[receiver];
        }
        if (delays.length == 2 * m) {
            return delays[2 * measurement + receiver];
        }
        throw new ConfigurationException(file + ": Data.Delay has " + delays.length + " values; expected [1][2] or [" + m + "][2]");
    }

    private static int leftEarIndex(HdfFile hdf, Path file, double[] data, double[] pos, int m, int n, boolean cartesian) {
        int leftSide = nearest(pos, m, cartesian, new Vec3(0, 1, 0));
        int rightSide = nearest(pos, m, cartesian, new Vec3(0, -1, 0));
        // log energy ratio receiver 0 / receiver 1 on the left side, minus the same on the right side
        double lean = Math.log10(energy(data, leftSide, 0, n) / energy(data, leftSide, 1, n))
                - Math.log10(energy(data, rightSide, 0, n) / energy(data, rightSide, 1, n));
        if (Math.abs(lean) >= 0.3 * 2) { // 3 dB either way
            return lean > 0 ? 0 : 1;
        }
        if (!hdf.getChildren().containsKey("ReceiverPosition")) {
            return 0;
        }
        double[] r = doubles(dataset(hdf, "ReceiverPosition", file).getDataFlat(), "ReceiverPosition", file);
        if (r.length < 6) {
            return 0;
        }
        // [2][3][1] or [2][3]: y of receiver 0 is r[1], of receiver 1 is r[r.length / 2 + 1]
        return r[r.length / 2 + 1] > r[1] ? 1 : 0;
    }

    private static int nearest(double[] pos, int m, boolean cartesian, Vec3 target) {
        int best = 0;
        double bestDot = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < m; i++) {
            int p = pos.length == 3 ? 0 : 3 * i;
            Vec3 d = (cartesian ? new Vec3(pos[p], pos[p + 1], pos[p + 2]) : Vec3.fromDegrees(pos[p], pos[p + 1])).unit();
            double dot = d.dot(target);
            if (dot > bestDot) {
                bestDot = dot;
                best = i;
            }
        }
        return best;
    }

    private static double energy(double[] data, int measurement, int receiver, int n) {
        double e = 1e-30;
        int base = (measurement * 2 + receiver) * n;
        for (int k = 0; k < n; k++) {
            e += data[base + k] * data[base + k];
        }
        return e;
    }

    private static void checkListenerView(HdfFile hdf, Path file) {
        if (!hdf.getChildren().containsKey("ListenerView")) {
            return;
        }
        double[] v = doubles(dataset(hdf, "ListenerView", file).getDataFlat(), "ListenerView", file);
        if (v.length >= 3 && !(Math.abs(v[0] - 1) < 1e-6 && Math.abs(v[1]) < 1e-6 && Math.abs(v[2]) < 1e-6)) {
            throw new ConfigurationException(file + ": ListenerView is " + java.util.Arrays.toString(v)
                    + "; only a listener facing [1, 0, 0] is supported (source positions then are head-relative)");
        }
    }

    private static Dataset dataset(HdfFile hdf, String name, Path file) {
        Node node = hdf.getChildren().get(name);
        if (!(node instanceof Dataset d)) {
            throw new ConfigurationException(file + ": SOFA variable '" + name + "' is missing; a SimpleFreeFieldHRIR "
                    + "file needs Data.IR [M][2][N], Data.SamplingRate and SourcePosition [M][3] (found: "
                    + hdf.getChildren().keySet() + ")");
        }
        return d;
    }

    private static String textAttribute(Node node, String name) {
        Attribute a = node.getAttributes().get(name);
        if (a == null) {
            return null;
        }
        Object v = a.getData();
        return v instanceof String s ? s : v instanceof String[] arr && arr.length > 0 ? arr[0] : null;
    }

    private static double firstNumber(Object flat, String name, Path file) {
        double[] v = doubles(flat, name, file);
        if (v.length == 0) {
            throw new ConfigurationException(file + ": SOFA variable '" + name + "' is empty");
        }
        return v[0];
    }

    private static double[] doubles(Object flat, String name, Path file) {
        if (flat instanceof double[] d) {
            return d;
        }
        if (flat instanceof float[] f) {
            double[] d = new double[f.length];
            for (int i = 0; i < f.length; i++) {
                d[i] = f[i];
            }
            return d;
        }
        if (flat instanceof int[] ints) {
            double[] d = new double[ints.length];
            for (int i = 0; i < ints.length; i++) {
                d[i] = ints[i];
            }
            return d;
        }
        throw new ConfigurationException(file + ": SOFA variable '" + name + "' holds "
                + (flat == null ? "nothing" : flat.getClass().getSimpleName()) + "; expected numbers");
    }
}
