package io.github.dl4jlocalization.listeners;

import io.github.dl4jlocalization.util.NdArrays;
import io.github.dl4jlocalization.util.Require;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.util.ModelSerializer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.io.File;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A 0/1 mask per pruned weight matrix of a network: entry 1 keeps the weight, 0 prunes it (the
 * weight is held at exactly 0). Immutable: pruning returns new masks.
 *
 * <h2>Layout</h2>
 * A mask has its parameter's shape (e.g. a dense layer's {@code "0_W"}, D x K) and is stored
 * flattened in row-major ('c') order: entry {@code (i, k)} of a D x K matrix is
 * {@code kept(key)[i K + k]}; {@link #keptColumns} gives unit k's inputs, {@code [K][D]}.
 *
 * <h2>Magnitude pruning</h2>
 * {@link #prunedByMagnitude} keeps, in each ranking pool (one matrix, or all of them pooled),
 * {@code n_keep = round(N keepFraction)} weights of the N of the pool ({@link Math#round}, half
 * up): among the weights still kept it prunes the {@code n_alive - n_keep} of smallest |value|
 * (ties: lower flat index first, matrices in key order), so pruned weights stay pruned and the
 * kept count after round r is exactly {@code round(N (1 - p)^r)} for {@code keepFraction = (1 - p)^r}.
 *
 * <h2>Saving with a model</h2>
 * {@link #writeTo(File)} adds the masks to a model zip written by {@code ModelSerializer}, as the
 * Java-serialised entry {@value #MODEL_ENTRY}; {@link #readFrom(File)} reads them back. The masks
 * are stored explicitly rather than re-derived from exact zeros, which would also catch weights
 * that are zero by chance or by a dead unit's frozen gradient.
 */
public final class PruningMasks implements Serializable {
    private static final long serialVersionUID = 1L;

    /** The name of the masks' entry in a model zip. */
    public static final String MODEL_ENTRY = "dl4j-localization-pruning-masks";

    private record Mask(long[] shape, boolean[] kept) implements Serializable {
        long keptCount() {
            long n = 0;
            for (boolean k : kept) {
                if (k) {
                    n++;
                }
            }
            return n;
        }
    }

    private final LinkedHashMap<String, Mask> masks;
    /** ND4J copies of the masks, by key and data type, made at first use. */
    private transient Map<String, INDArray> arrays;

    private PruningMasks(LinkedHashMap<String, Mask> masks) {
        this.masks = masks;
    }

    /**
     * Masks that keep every weight of the given parameters of {@code net}.
     *
     * @param keys parameter keys of the model, e.g. {@code ["0_W"]} (at least one, no repeats)
     */
    public static PruningMasks dense(Model net, Collection<String> keys) {
        Require.nonNull("net", net);
        Require.nonNull("keys", keys);
        Require.that(!keys.isEmpty(), "keys", keys, "at least one parameter key");
        LinkedHashMap<String, Mask> masks = new LinkedHashMap<>();
        for (String key : keys) {
            INDArray param = parameter(net, key);
            boolean[] kept = new boolean[Math.toIntExact(param.length())];
            Arrays.fill(kept, true);
            Require.that(masks.put(key, new Mask(param.shape(), kept)) == null, "keys", keys, "distinct keys");
        }
        return new PruningMasks(masks);
    }

    /** The masked parameter keys, in order. */
    public List<String> keys() {
        return List.copyOf(masks.keySet());
    }

    /** The shape of the mask of {@code key}. */
    public long[] shape(String key) {
        return mask(key).shape().clone();
    }

    /** The mask of {@code key}, flattened in row-major order (true: kept). */
    public boolean[] kept(String key) {
        return mask(key).kept().clone();
    }

    /**
     * The mask of a 2-D parameter {@code key} (D x K) by column: {@code result[k][i]} tells
     * whether input i of unit k is kept.
     */
    public boolean[][] keptColumns(String key) {
        Mask mask = mask(key);
        Require.that(mask.shape().length == 2, "key", key, "a 2-D parameter");
        int rows = (int) mask.shape()[0];
        int cols = (int) mask.shape()[1];
        boolean[][] out = new boolean[cols][rows];
        for (int i = 0; i < rows; i++) {
            for (int k = 0; k < cols; k++) {
                out[k][i] = mask.kept()[i * cols + k];
            }
        }
        return out;
    }

    /** The number of masked weights (kept or pruned) over all matrices. */
    public long size() {
        long n = 0;
        for (Mask mask : masks.values()) {
            n += mask.kept().length;
        }
        return n;
    }

    /** The number of kept weights over all matrices. */
    public long keptCount() {
        long n = 0;
        for (Mask mask : masks.values()) {
            n += mask.keptCount();
        }
        return n;
    }

    /** The number of kept weights of {@code key}. */
    public long keptCount(String key) {
        return mask(key).keptCount();
    }

    /** The fraction of pruned weights over all matrices, in [0, 1]. */
    public double sparsity() {
        return 1 - (double) keptCount() / size();
    }

    /** The fraction of pruned weights of {@code key}. */
    public double sparsity(String key) {
        Mask mask = mask(key);
        return 1 - (double) mask.keptCount() / mask.kept().length;
    }

    /** {@code round(size keepFraction)}, half up: the kept count of a pool of {@code size} weights. */
    public static long keptTarget(long size, double keepFraction) {
        return Math.round(size * keepFraction);
    }

    /**
     * The smallest, over the masked matrices, fraction of a matrix's units (its columns, the
     * layer's outputs) that keep at least one incoming weight: Pellegrini &amp; Biroli's measure of
     * a layer disconnecting under pruning (their rounds stop when it falls to 0.2).
     */
    public double connectedUnitFraction() {
        double smallest = 1;
        for (String key : keys()) {
            boolean[][] units = keptColumns(key);
            int connected = 0;
            for (boolean[] unit : units) {
                for (boolean kept : unit) {
                    if (kept) {
                        connected++;
                        break;
                    }
                }
            }
            smallest = Math.min(smallest, (double) connected / units.length);
        }
        return smallest;
    }

    /**
     * Whether pruning to {@code keepFraction} would keep at least one weight in every ranking pool
     * (each matrix, or all of them {@code pooled}): {@code round(N keepFraction) >= 1} for the N
     * weights of each pool. False once the fraction has fallen below {@code 1 / (2 N)} (or
     * underflowed to 0): a pruning then would disconnect a layer entirely.
     */
    public boolean keepsWeights(double keepFraction, boolean pooled) {
        if (!(keepFraction > 0)) {
            return false;
        }
        if (pooled) {
            return keptTarget(size(), keepFraction) >= 1;
        }
        return masks.values().stream().allMatch(m -> keptTarget(m.kept().length, keepFraction) >= 1);
    }

    /**
     * New masks after one magnitude-pruning step on the current weights of {@code net} (see the
     * class comment).
     *
     * @param keepFraction the fraction of each pool's weights to keep, in (0, 1]
     * @param pooled       whether all matrices form one ranking pool ({@link PruningScope#GLOBAL})
     */
    public PruningMasks prunedByMagnitude(Model net, double keepFraction, boolean pooled) {
        Require.nonNull("net", net);
        Require.that(keepFraction > 0 && keepFraction <= 1, "keepFraction", keepFraction, "a fraction in (0, 1]");
        LinkedHashMap<String, Mask> next = new LinkedHashMap<>();
        Map<String, double[]> values = new LinkedHashMap<>();
        for (Map.Entry<String, Mask> e : masks.entrySet()) {
            values.put(e.getKey(), NdArrays.rowMajor(requireShape(net, e.getKey(), e.getValue())));
            next.put(e.getKey(), new Mask(e.getValue().shape(), e.getValue().kept().clone()));
        }
        List<List<String>> pools = new ArrayList<>();
        if (pooled) {
            pools.add(List.copyOf(masks.keySet()));
        } else {
            masks.keySet().forEach(key -> pools.add(List.of(key)));
        }
        for (List<String> pool : pools) {
            // candidates: (key position in pool, flat index) of the weights still kept
            List<long[]> alive = new ArrayList<>();
            long size = 0;
            for (int p = 0; p < pool.size(); p++) {
                boolean[] kept = next.get(pool.get(p)).kept();
                size += kept.length;
                for (int i = 0; i < kept.length; i++) {
                    if (kept[i]) {
                        alive.add(new long[] {p, i});
                    }
                }
            }
            long prune = alive.size() - keptTarget(size, keepFraction);
            if (prune <= 0) {
                continue;
            }
            alive.sort(Comparator.<long[]>comparingDouble(c -> Math.abs(values.get(pool.get((int) c[0]))[(int) c[1]]))
                    .thenComparingLong(c -> c[0]).thenComparingLong(c -> c[1]));
            for (int n = 0; n < prune; n++) {
                long[] c = alive.get(n);
                next.get(pool.get((int) c[0])).kept()[(int) c[1]] = false;
            }
        }
        return new PruningMasks(next);
    }

    /** Multiplies every masked parameter of {@code net} by its mask, in place (pruned weights become 0). */
    public void applyTo(Model net) {
        for (Map.Entry<String, Mask> e : masks.entrySet()) {
            INDArray param = requireShape(net, e.getKey(), e.getValue());
            param.muli(array(e.getKey(), param.dataType()));
        }
    }

    /**
     * Multiplies the gradient of every masked parameter by its mask, in place, when the model has
     * a gradient (call from {@code onGradientCalculation}, before the updater uses it).
     */
    public void maskGradient(Model net) {
        Gradient gradient = net.gradient();
        if (gradient == null) {
            return;
        }
        for (Map.Entry<String, Mask> e : masks.entrySet()) {
            INDArray g = gradient.getGradientFor(e.getKey());
            if (g != null) {
                g.muli(array(e.getKey(), g.dataType()));
            }
        }
    }

    /** Whether every pruned weight of {@code net} is exactly 0 (and the shapes fit). */
    public boolean isSatisfiedBy(Model net) {
        for (Map.Entry<String, Mask> e : masks.entrySet()) {
            double[] values = NdArrays.rowMajor(requireShape(net, e.getKey(), e.getValue()));
            boolean[] kept = e.getValue().kept();
            for (int i = 0; i < kept.length; i++) {
                if (!kept[i] && values[i] != 0) {
                    return false;
                }
            }
        }
        return true;
    }

    /**
     * Checks that these masks fit {@code net}: every key is a parameter of the same shape.
     *
     * @throws IllegalArgumentException naming the first misfit
     */
    public void requireFits(Model net) {
        masks.forEach((key, mask) -> requireShape(net, key, mask));
    }

    /**
     * Adds these masks to a model zip written by {@code ModelSerializer.writeModel} (replacing masks
     * stored before).
     */
    public void writeTo(File modelZip) {
        Require.nonNull("modelZip", modelZip);
        ModelSerializer.addObjectToFile(modelZip, MODEL_ENTRY, this);
    }

    /**
     * The masks stored in a model zip by {@link #writeTo(File)}.
     *
     * @throws IllegalArgumentException when the zip holds no masks
     */
    public static PruningMasks readFrom(File modelZip) {
        Require.nonNull("modelZip", modelZip);
        Require.that(ModelSerializer.listObjectsInFile(modelZip).contains(MODEL_ENTRY), "modelZip", modelZip,
                "a model zip with pruning masks (written by PruningMasks.writeTo)");
        return ModelSerializer.getObjectFromFile(modelZip, MODEL_ENTRY);
    }

    private Mask mask(String key) {
        Mask mask = masks.get(key);
        Require.that(mask != null, "key", key, "one of the masked parameters " + masks.keySet());
        return mask;
    }

    private INDArray array(String key, DataType type) {
        if (arrays == null) {
            arrays = new ConcurrentHashMap<>();
        }
        return arrays.computeIfAbsent(key + "/" + type, k -> {
            Mask mask = masks.get(key);
            double[] ones = new double[mask.kept().length];
            for (int i = 0; i < ones.length; i++) {
                ones[i] = mask.kept()[i] ? 1 : 0;
            }
            return Nd4j.create(ones, mask.shape(), 'c').castTo(type);
        });
    }

    private static INDArray parameter(Model net, String key) {
        INDArray param = net.paramTable().get(Require.nonNull("key", key));
        Require.that(param != null, "key", key, "a parameter of the model, one of " + net.paramTable().keySet());
        return param;
    }

    private static INDArray requireShape(Model net, String key, Mask mask) {
        INDArray param = parameter(net, key);
        Require.that(Arrays.equals(param.shape(), mask.shape()), "shape of parameter " + key,
                Arrays.toString(param.shape()), "the mask's " + Arrays.toString(mask.shape()));
        return param;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof PruningMasks other) || !masks.keySet().equals(other.masks.keySet())) {
            return false;
        }
        for (Map.Entry<String, Mask> e : masks.entrySet()) {
            Mask m = other.masks.get(e.getKey());
            if (!Arrays.equals(m.shape(), e.getValue().shape()) || !Arrays.equals(m.kept(), e.getValue().kept())) {
                return false;
            }
        }
        return true;
    }

    @Override
    public int hashCode() {
        int h = 1;
        for (Map.Entry<String, Mask> e : masks.entrySet()) {
            h = 31 * h + e.getKey().hashCode();
            h = 31 * h + Arrays.hashCode(e.getValue().kept());
        }
        return h;
    }

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder("PruningMasks(");
        String sep = "";
        for (Map.Entry<String, Mask> e : masks.entrySet()) {
            s.append(sep).append(e.getKey()).append(' ').append(Arrays.toString(e.getValue().shape()))
                    .append(": kept ").append(e.getValue().keptCount()).append('/').append(e.getValue().kept().length);
            sep = ", ";
        }
        return s.append(", sparsity ").append(String.format("%.4f", sparsity())).append(')').toString();
    }
}
