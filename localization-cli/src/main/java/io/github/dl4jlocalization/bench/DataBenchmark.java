package io.github.dl4jlocalization.bench;

import io.github.dl4jlocalization.data.BatchSampler;
import io.github.dl4jlocalization.data.ClassPair;
import io.github.dl4jlocalization.data.DataModel;
import io.github.dl4jlocalization.data.IsingModel;
import io.github.dl4jlocalization.data.KurModel;
import io.github.dl4jlocalization.data.NlgpModel;
import io.github.dl4jlocalization.data.Support;
import io.github.dl4jlocalization.util.Require;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * How fast labelled batches are drawn ({@link BatchSampler#sampleInto}, labels included, float64),
 * compared with the floor: the time the fastest available generator takes to draw the same
 * number ({@code batch size x D}) of standard normal numbers.
 *
 * <p>All in one run: the floors of every {@link NormalFloor.Generator} (each in its own JVM, see
 * {@link NormalFloor}), then every workload in this JVM, repeated for {@code rounds} rounds; each
 * measurement is the median of {@code repetitions} timed calls after {@code warmup} untimed ones,
 * and the reported value the median over rounds. Every timed batch has a new batch index, as in
 * training. Run with {@code OMP_NUM_THREADS=1} and a capped heap, on an otherwise idle machine.
 */
public final class DataBenchmark {
    /** Name of the exact-sampler Ising workload. */
    public static final String ISING_EXACT = "ising exact L=40";
    /** Name of the Metropolis Ising workload. */
    public static final String ISING_METROPOLIS = "ising metropolis L=40";
    /** The exact Ising sampler must be at least this many times faster than 50-sweep Metropolis. */
    public static final double ISING_SPEEDUP_TARGET = 20;


    /**
     * One model and batch size to time.
     *
     * @param name        label in the table
     * @param model       the data model
     * @param batchSize   samples per batch
     * @param targetRatio the largest acceptable ratio to the floor, NaN when there is none
     */
    public record Workload(String name, DataModel model, int batchSize, double targetRatio) {
        /** Validates the model and the batch size. */
        public Workload {
            Require.nonNull("workload name", name);
            Require.nonNull("model", model);
            Require.atLeast("batch size", batchSize, 1);
        }

        /** Normal draws in one batch: batch size x D. */
        public int normalsPerBatch() {
            return batchSize * model.dimension();
        }
    }

    /**
     * The measured speed of one workload.
     *
     * @param workload         what was timed
     * @param millisPerBatch   median milliseconds per batch
     * @param floorMillis      median milliseconds of the fastest generator for the same normals
     * @param floorGenerator   that generator
     * @param floors           the median milliseconds of every generator for the same normals
     */
    public record Result(Workload workload, double millisPerBatch, double floorMillis, String floorGenerator,
                         Map<String, Double> floors) {
        /** Keeps an unmodifiable copy of the floors, in their order. */
        public Result {
            floors = Collections.unmodifiableMap(new LinkedHashMap<>(floors));
        }

        /** Samples per second. */
        public double samplesPerSecond() {
            return workload.batchSize() * 1000.0 / millisPerBatch;
        }

        /** Batch time over the floor. */
        public double ratio() {
            return millisPerBatch / floorMillis;
        }

        /** Whether the ratio is within the target (true when there is no target). */
        public boolean meetsTarget() {
            return Double.isNaN(workload.targetRatio()) || ratio() <= workload.targetRatio();
        }
    }

    private final int warmup;
    private final int repetitions;
    private final int rounds;
    private final boolean isolateFloors;
    private final List<NormalFloor.Generator> generators;

    /**
     * @param warmup        untimed calls before each measurement, >= 0
     * @param repetitions   timed calls per measurement, >= 1
     * @param rounds        rounds of (floors, workloads), >= 1
     * @param isolateFloors whether to measure each generator in a fresh JVM (recommended)
     * @param generators    the generators competing for the floor, not empty
     */
    public DataBenchmark(int warmup, int repetitions, int rounds, boolean isolateFloors,
                         List<NormalFloor.Generator> generators) {
        this.warmup = Require.atLeast("warm-up", warmup, 0);
        this.repetitions = Require.atLeast("repetitions", repetitions, 1);
        this.rounds = Require.atLeast("rounds", rounds, 1);
        this.isolateFloors = isolateFloors;
        Require.that(generators != null && !generators.isEmpty(), "generators", generators, "at least one");
        this.generators = List.copyOf(generators);
    }

    /** 20 warm-up calls, 30 timed, 2 rounds, isolated floors, all generators. */
    public static DataBenchmark standard() {
        return new DataBenchmark(20, 30, 2, true, List.of(NormalFloor.Generator.values()));
    }

    /**
     * The workloads of the issue: NLGP (g=3, xi=(0.3,0.7)) and Kur(k=5) on a 1-D ring of L=40
     * with batch 5000 (target 2x the floor), 2-D NLGP at L=30 (D=900) with batch 1000 (target
     * 3x), and the Ising ring (J=(0.3,0.7)) at L=40, batch 5000, with the exact sampler (the
     * default) and with the reference's 50-sweep Metropolis chains (no ratio target: see
     * {@link #ISING_SPEEDUP_TARGET}).
     */
    public static List<Workload> targetWorkloads() {
        ClassPair xi = new ClassPair(0.3, 0.7);
        return List.of(
                new Workload("nlgp 1-D L=40", new NlgpModel(3, xi, 40), 5000, 2),
                new Workload("kur 1-D L=40", new KurModel(5, xi, 40), 5000, 2),
                new Workload("nlgp 2-D L=30", new NlgpModel(3, xi, 30, 2, Support.SYMMETRIC), 1000, 3),
                new Workload(ISING_EXACT, new IsingModel(xi, 40), 5000, Double.NaN),
                new Workload(ISING_METROPOLIS, new IsingModel(xi, 40, IsingModel.Sampler.METROPOLIS,
                        IsingModel.DEFAULT_SWEEPS, Support.SYMMETRIC), 5000, Double.NaN));
    }

    /**
     * Milliseconds per batch of the Metropolis Ising workload over those of the exact one, NaN
     * when either is missing from {@code results}.
     */
    public static double isingSpeedup(List<Result> results) {
        double exact = Double.NaN;
        double metropolis = Double.NaN;
        for (Result r : results) {
            if (r.workload().name().equals(ISING_EXACT)) {
                exact = r.millisPerBatch();
            } else if (r.workload().name().equals(ISING_METROPOLIS)) {
                metropolis = r.millisPerBatch();
            }
        }
        return metropolis / exact;
    }

    /** Measures every workload against the floors of this benchmark's generators. */
    public List<Result> run(List<Workload> workloads) {
        int[] sizes = workloads.stream().mapToInt(Workload::normalsPerBatch).distinct().toArray();
        List<Map<NormalFloor.Generator, double[]>> floorRounds = new ArrayList<>();
        List<double[]> batchRounds = new ArrayList<>();
        for (int r = 0; r < rounds; r++) {
            floorRounds.add(measureFloors(sizes));
            double[] millis = new double[workloads.size()];
            for (int w = 0; w < workloads.size(); w++) {
                millis[w] = timeBatches(workloads.get(w), r);
            }
            batchRounds.add(millis);
        }
        List<Result> results = new ArrayList<>();
        for (int w = 0; w < workloads.size(); w++) {
            Workload workload = workloads.get(w);
            int sizeIndex = indexOf(sizes, workload.normalsPerBatch());
            Map<String, Double> floors = new LinkedHashMap<>();
            String fastest = null;
            double fastestMillis = Double.POSITIVE_INFINITY;
            for (NormalFloor.Generator g : generators) {
                double[] perRound = new double[rounds];
                for (int r = 0; r < rounds; r++) {
                    perRound[r] = floorRounds.get(r).get(g)[sizeIndex];
                }
                double m = NormalFloor.median(perRound);
                floors.put(g.label(), m);
                if (m < fastestMillis) {
                    fastestMillis = m;
                    fastest = g.label();
                }
            }
            int index = w;
            double batch = NormalFloor.median(batchRounds.stream().mapToDouble(a -> a[index]).toArray());
            results.add(new Result(workload, batch, fastestMillis, fastest, floors));
        }
        return results;
    }

    private Map<NormalFloor.Generator, double[]> measureFloors(int[] sizes) {
        if (isolateFloors) {
            return NormalFloor.measureIsolated(generators, sizes, warmup, repetitions);
        }
        Map<NormalFloor.Generator, double[]> floors = new EnumMap<>(NormalFloor.Generator.class);
        for (NormalFloor.Generator g : generators) {
            floors.put(g, NormalFloor.measure(g, sizes, warmup, repetitions));
        }
        return floors;
    }

    /** Median milliseconds of {@code BatchSampler.sampleInto}, each call a fresh batch index. */
    private double timeBatches(Workload workload, int round) {
        BatchSampler sampler = new BatchSampler(workload.model(), 2024);
        double[] features = new double[workload.normalsPerBatch()];
        int[] labels = new int[workload.batchSize()];
        long index = (long) round * (warmup + repetitions);
        for (int i = 0; i < warmup; i++) {
            sampler.sampleInto(index++, features, labels);
        }
        double[] millis = new double[repetitions];
        for (int i = 0; i < repetitions; i++) {
            long start = System.nanoTime();
            sampler.sampleInto(index++, features, labels);
            millis[i] = (System.nanoTime() - start) / 1e6;
        }
        return NormalFloor.median(millis);
    }

    private static int indexOf(int[] values, int value) {
        for (int i = 0; i < values.length; i++) {
            if (values[i] == value) {
                return i;
            }
        }
        throw new IllegalArgumentException("no floor measured for " + value + " normals");
    }

    /** A plain-text table of the results, then the floors of every generator. */
    public static String format(List<Result> results) {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "%-20s %6s %5s %10s %12s %10s  %-22s %6s %7s%n", "workload", "batch",
                "D", "ms/batch", "samples/s", "floor ms", "floor generator", "ratio", "target"));
        for (Result r : results) {
            Workload w = r.workload();
            String target = Double.isNaN(w.targetRatio()) ? "-"
                    : String.format(Locale.ROOT, "%.0fx %s", w.targetRatio(), r.meetsTarget() ? "ok" : "MISSED");
            out.append(String.format(Locale.ROOT, "%-20s %6d %5d %10.3f %12.0f %10.3f  %-22s %6.2f %7s%n", w.name(),
                    w.batchSize(), w.model().dimension(), r.millisPerBatch(), r.samplesPerSecond(), r.floorMillis(),
                    r.floorGenerator(), r.ratio(), target));
        }
        out.append(String.format(Locale.ROOT, "%nfloor candidates (median ms for batch x D normals; ns per normal):%n"));
        List<Integer> seen = new ArrayList<>();
        for (Result r : results) {
            int n = r.workload().normalsPerBatch();
            if (seen.contains(n)) {
                continue;
            }
            seen.add(n);
            out.append(String.format(Locale.ROOT, "  %d normals:", n));
            r.floors().forEach((g, ms) -> out.append(String.format(Locale.ROOT, "  %s %.3f (%.2f)", g, ms,
                    ms * 1e6 / n)));
            out.append('\n');
        }
        double speedup = isingSpeedup(results);
        if (!Double.isNaN(speedup)) {
            out.append(String.format(Locale.ROOT, "%nIsing exact sampler over 50-sweep Metropolis: %.0fx faster "
                    + "(target >= %.0fx: %s)%n", speedup, ISING_SPEEDUP_TARGET,
                    speedup >= ISING_SPEEDUP_TARGET ? "met" : "MISSED"));
        }
        return out.toString();
    }
}
